"""Pages cost a fixed number of SQL queries, however many articles there are; a second reader costs none.

Public pages are kept whole in the cache until the content they show changes (clinic_site/page_cache.py),
carry no cookie and do not vary on Cookie, so a CDN can serve them to everyone. Form pages are never cached.
"""

import datetime
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic_site import page_cache
from clinic_site.models import ClinicDetails
from education.models import Article, GlossaryTerm, Topic

pytestmark = pytest.mark.django_db

MAX_QUERIES = 4
ARTICLE = "/learn/what-is-depression/"
PAGES = [
    "/",
    "/learn/",
    "/learn/topics/about-ketamine/",
    ARTICLE,
    "/faq/",
    "/glossary/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/feed/",
    # The same pages in Spanish: the translated words come in the same queries.
    "/es/",
    "/es/learn/",
    "/es/learn/topics/about-ketamine/",
    "/es" + ARTICLE,
    "/es/faq/",
    "/es/glossary/",
    "/es/feed/",
]
CACHED_PAGES = [*PAGES, "/crisis/", "/privacy/", "/robots.txt"]


def get_counting_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def queries_for(client, url) -> int:
    return get_counting_queries(client, url)[1]


def copies_of(article: Article, count: int) -> None:
    """`count` more articles like `article`, written in one query: saving each one renders its Markdown, which took
    most of this file's time, and a page's query count does not depend on how the rows were written."""
    article.refresh_from_db()
    fields = {field.attname: getattr(article, field.attname) for field in Article._meta.concrete_fields}
    del fields["id"]
    Article.objects.bulk_create(
        Article(**fields | {"slug": f"{article.slug}-copy-{n}", "title": f"{article.title}, copy {n}"})
        for n in range(count)
    )


@pytest.mark.parametrize("url", PAGES)
def test_page_needs_at_most_four_queries_with_few_or_many_articles(client, make_article, url):
    about_ketamine = Topic.objects.get(slug="about-ketamine")
    few = queries_for(client, url)
    copies_of(make_article(featured=True, topic=about_ketamine), 499)
    cache.clear()
    page_cache.forget_in_this_process()
    many = queries_for(client, url)
    assert few <= MAX_QUERIES
    assert many == few


def test_learn_index_and_topic_pages_list_a_page_of_articles_at_a_time(client, make_article):
    about_ketamine = Topic.objects.get(slug="about-ketamine")
    copies_of(make_article(topic=about_ketamine), 59)
    total = Article.objects.published().filter(topic=about_ketamine).count()
    index = client.get("/learn/").content.decode()
    assert f'<a href="/learn/topics/about-ketamine/">All {total} articles in About ketamine</a>' in index
    first = client.get("/learn/topics/about-ketamine/").content.decode()
    assert first.count('class="card"') == 24
    assert 'rel="next"' in first
    last = client.get("/learn/topics/about-ketamine/?page=3")
    assert last.content.decode().count('class="card"') == total - 48
    assert client.get("/learn/topics/about-ketamine/?page=4").status_code == 404


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(url):
    first, _ = get_counting_queries(Client(), url)
    second, queries = get_counting_queries(Client(), url)
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("url", [*CACHED_PAGES, "/search/?q=ketamine"])
def test_public_pages_set_no_cookie_and_do_not_vary_on_cookie_even_from_the_cache(url):
    browser = Client()
    browser.get("/consultation/")  # the visitor now holds a CSRF cookie
    for response in (browser.get(url), browser.get(url)):
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert "public" in response["Cache-Control"]


def test_saving_an_article_shows_the_change_on_the_next_read(django_capture_on_commit_callbacks):
    reader = Client()
    assert b"Depression, explained again" not in reader.get(ARTICLE).content
    article = Article.objects.get(slug="what-is-depression")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Depression, explained again"
        article.save()
    assert b"Depression, explained again" in reader.get(ARTICLE).content
    assert b"Depression, explained again" in reader.get("/learn/").content


def test_a_change_saved_by_another_worker_shows_here_within_a_second(monkeypatch):
    reader = Client()
    reader.get(ARTICLE)
    Article.objects.filter(slug="what-is-depression").update(title="Changed in another worker")
    cache.set(page_cache.VERSION_KEY, "a version set by another worker", None)
    assert queries_for(reader, ARTICLE) == 0  # this worker still trusts the version it read
    later = time.monotonic() + page_cache.TRUST_VERSION_SECONDS
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    assert b"Changed in another worker" in reader.get(ARTICLE).content


def test_deleting_a_glossary_term_removes_it_on_the_next_read(django_capture_on_commit_callbacks):
    reader = Client()
    term = GlossaryTerm.objects.first()
    entry = f'<dt id="{term.slug}">'.encode()
    assert entry in reader.get("/glossary/").content
    with django_capture_on_commit_callbacks(execute=True):
        term.delete()
    assert entry not in reader.get("/glossary/").content


def test_new_clinic_details_show_on_every_cached_page_at_once(django_capture_on_commit_callbacks):
    reader = Client()
    assert b"(555) 010-9999" not in reader.get("/crisis/").content
    details = ClinicDetails.load()
    with django_capture_on_commit_callbacks(execute=True):
        details.phone = "(555) 010-9999"
        details.save()
    for url in ("/", ARTICLE, "/crisis/"):
        assert b"(555) 010-9999" in reader.get(url).content


def test_marking_articles_reviewed_in_the_admin_updates_their_pages(editor_client, django_capture_on_commit_callbacks):
    reader = Client()
    article = Article.objects.get(slug="what-is-depression")
    today = timezone.localdate()
    Article.objects.filter(pk=article.pk).update(last_reviewed=today - datetime.timedelta(days=30))
    assert f'datetime="{today.isoformat()}"'.encode() not in reader.get(ARTICLE).content
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/education/article/", {"action": "mark_reviewed_today", "_selected_action": [article.pk]}
        )
    assert f'datetime="{today.isoformat()}"'.encode() in reader.get(ARTICLE).content


def test_staff_signed_in_get_pages_rendered_afresh(editor_client):
    Client().get(ARTICLE)  # now in the cache
    assert queries_for(editor_client, ARTICLE) > 0


def test_search_results_are_kept_per_query():
    Client().get("/search/", {"q": "ketamine"})
    assert queries_for(Client(), "/search/?q=ketamine") == 0
    assert queries_for(Client(), "/search/?q=depression") > 0


@pytest.mark.parametrize("url", ["/consultation/", "/eligibility/"])
def test_form_pages_are_never_cached(url):
    first, second = Client().get(url), Client().get(url)
    for response in (first, second):
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


@pytest.mark.parametrize("url", [ARTICLE, "/es" + ARTICLE, "/faq/", "/consultation/"])
def test_a_page_asks_the_cache_for_the_clinic_details_once(client, url):
    """Its view (the structured data, the form's states) and its template read the same copy."""
    with mock.patch.object(ClinicDetails, "load", wraps=ClinicDetails.load) as load:
        assert client.get(url).status_code == 200
    assert load.call_count == 1
