import math
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import Client

from education.models import Article, ArticleTranslation
from education.sitemaps import ArticleSitemap

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def sitemap_locations(client) -> set[str]:
    """Every address in the sitemap: /sitemap.xml is an index of sections, each a page of addresses."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = set()
    for section in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        tree = ElementTree.fromstring(client.get(section.text.removeprefix(settings.SITE_URL)).content)
        locations |= {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}
    return locations


def test_sitemap_lists_every_published_article_topic_and_the_main_pages(client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    locations = sitemap_locations(client)
    for article in Article.objects.published():
        assert f"{settings.SITE_URL}{article.get_absolute_url()}" in locations
    assert f"{settings.SITE_URL}{draft.get_absolute_url()}" not in locations
    assert {f"{settings.SITE_URL}{path}" for path in ("/", "/learn/", "/faq/")} <= locations
    assert f"{settings.SITE_URL}/learn/topics/understanding-depression/" in locations


def test_sitemap_lists_articles_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 5)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    article_pages = [section for section in sections if section.startswith(f"{settings.SITE_URL}/sitemap-articles.xml")]
    addresses = Article.objects.published().count() + ArticleTranslation.objects.published("es").count()  # /es/ too
    assert len(article_pages) == math.ceil(addresses / 5)
    last_page = ElementTree.fromstring(client.get(article_pages[-1].removeprefix(settings.SITE_URL)).content)
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


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml", "/feed/"])
def test_sitemap_and_feed_name_the_public_address_whatever_host_the_first_reader_sent(settings, url):
    """They are kept and handed to everyone (search engines, feed readers): a Host the site accepts but spelled with
    another port or a trailing dot must not end up in the copy."""
    site = urlsplit(settings.SITE_URL)
    settings.ALLOWED_HOSTS = [site.hostname]
    first = Client().get(url, HTTP_HOST=f"{site.hostname}:8443")
    later = Client().get(url, HTTP_HOST=site.netloc)
    for response in (first, later):
        assert response.status_code == 200
        assert b":8443" not in response.content
        assert f"{settings.SITE_URL}/".encode() in response.content
