from xml.etree import ElementTree

import pytest

from education.models import Article

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def test_sitemap_lists_every_published_article_and_the_main_pages(client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}
    for article in Article.objects.published():
        assert f"http://testserver{article.get_absolute_url()}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
    assert {"http://testserver/", "http://testserver/learn/", "http://testserver/faq/"} <= locations


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
