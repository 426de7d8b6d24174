import math
from xml.etree import ElementTree

import pytest

from education.models import Article
from education.sitemaps import ArticleSitemap

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def sitemap_locations(client) -> set[str]:
    """Every address in the sitemap: /sitemap.xml is an index of sections, each a page of addresses."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = set()
    for section in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        tree = ElementTree.fromstring(client.get(section.text.removeprefix("http://testserver")).content)
        locations |= {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}
    return locations


def test_sitemap_lists_every_published_article_topic_and_the_main_pages(client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    locations = sitemap_locations(client)
    for article in Article.objects.published():
        assert f"http://testserver{article.get_absolute_url()}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
    assert {"http://testserver/", "http://testserver/learn/", "http://testserver/faq/"} <= locations
    assert "http://testserver/learn/topics/understanding-depression/" in locations


def test_sitemap_lists_articles_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 5)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    article_pages = [section for section in sections if section.startswith("http://testserver/sitemap-articles.xml")]
    assert len(article_pages) == math.ceil(Article.objects.published().count() / 5)
    last_page = ElementTree.fromstring(client.get(article_pages[-1].removeprefix("http://testserver")).content)
    assert 1 <= len(last_page.findall("s:url", SITEMAP_NS)) <= 5


def test_feed_is_atom_with_the_newest_published_articles(client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    tree = ElementTree.fromstring(response.content)
    entries = tree.findall("a:entry", ATOM_NS)
    titles = [entry.find("a:title", ATOM_NS).text for entry in entries]
    assert 1 <= len(entries) <= 20
    assert draft.title not in titles
    assert all(entry.find("a:summary", ATOM_NS).text for entry in entries)
