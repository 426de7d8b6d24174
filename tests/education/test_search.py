import logging

import pytest
from django.db import connection

from education.models import Article
from education.search import MAX_QUERY_LENGTH, clean_query, search_articles

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [article.title for article in results]


def every_title(query: str) -> list[str]:
    """The titles on every page of results, in order."""
    pages = search_articles(query).paginator.num_pages
    return [title for number in range(1, pages + 1) for title in titles(search_articles(query, number))]


def test_search_finds_an_article_by_a_word_in_its_body(make_article):
    make_article(title="Sleep and mood", body="Good sleep can steady your mood. Try a regular bedtime.")
    assert "Sleep and mood" in titles(search_articles("bedtime"))


def test_a_title_match_ranks_above_a_body_match(make_article):
    make_article(title="Notes on visits", body="Bring a friend. Esketamine comes up once here.")
    make_article(title="Esketamine explained", body="This article explains a nasal spray.")
    results = every_title("esketamine")
    assert results.index("Esketamine explained") < results.index("Notes on visits")


def test_every_word_must_match(make_article):
    make_article(title="Bladder health", body="Zorbly use can harm the quaxle.")
    make_article(title="Liver health", body="Zorbly use can harm the liver.")
    assert titles(search_articles("zorbly quaxle")) == ["Bladder health"]


def test_snippet_highlights_the_match_and_escapes_article_text(make_article):
    make_article(title="Markup", body="Some <b>bold</b> claims about the zygomatic arch and <i>more</i>.")
    (result,) = search_articles("zygomatic")
    assert "<mark>" in result.snippet_html.lower()
    assert "<b>" not in result.snippet_html
    assert "<i>" not in result.snippet_html


def test_drafts_are_never_found(make_article):
    make_article(title="Secret draft", body="unpublishedword", status=Article.Status.DRAFT, published_at=None)
    assert list(search_articles("unpublishedword")) == []


def test_shipped_articles_are_found_for_everyday_questions():
    assert "Who may not be a candidate for ketamine treatment" in titles(search_articles("pregnant"))
    assert search_articles("depression")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranking only")
def test_postgres_search_understands_word_forms(make_article):
    make_article(title="Infusions", body="We monitor each patient during infusions.")
    assert "Infusions" in titles(search_articles("monitoring"))


def test_search_query_is_trimmed_and_cleaned():
    assert clean_query("  two   words\x00 ") == "two words"
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""


def test_results_come_ten_to_a_page_with_links_between_pages(client, make_article):
    for number in range(23):
        make_article(title=f"Quorbish note {number:02}", slug=f"quorbish-{number}", body="About quorbish things.")
    first = client.get("/search/", {"q": "quorbish"}).content.decode()
    assert "23 results for “quorbish”" in first
    assert first.count('class="result"') == 10
    assert "Page 1 of 3" in first
    assert 'href="?q=quorbish&amp;page=2" rel="next"' in first
    last = client.get("/search/", {"q": "quorbish", "page": "3"}).content.decode()
    assert last.count('class="result"') == 3
    assert '<ol class="results" aria-labelledby="results-title" start="21">' in last
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last
    found = every_title("quorbish")
    assert sorted(found) == [f"Quorbish note {number:02}" for number in range(23)]  # each once, none left out


def test_a_query_the_database_cannot_run_finds_nothing_rather_than_failing(client, caplog):
    from unittest import mock

    from django.db import InternalError

    caplog.set_level(logging.DEBUG)
    with mock.patch("education.search.Paginator.get_page", side_effect=InternalError("tsquery stack too small")):
        response = client.get("/search/", {"q": "ketamine and my sertraline"})
    assert response.status_code == 200
    assert "0 results for" in response.content.decode()
    assert "A search could not be run: InternalError" in caplog.text
    assert "sertraline" not in caplog.text


@pytest.mark.parametrize(
    ("page", "shown"),
    # Not a whole number: the first page. A whole number out of range: the last (Django's Paginator.get_page).
    [("abc", 1), ("1e9", 1), ("0", 2), ("-1", 2), ("99", 2), ("2" * 400, 2)],
)
def test_a_page_number_that_does_not_exist_shows_the_nearest_page(client, make_article, page, shown):
    for number in range(12):
        make_article(title=f"Vindle note {number:02}", slug=f"vindle-{number}", body="About vindle things.")
    response = client.get("/search/", {"q": "vindle", "page": page})
    assert response.status_code == 200
    html = response.content.decode()
    assert "12 results for “vindle”" in html
    assert f"Page {shown} of 2" in html
    assert html.count('class="result"') == (10 if shown == 1 else 2)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "<script>alert(1)</script>",
        "'; DROP TABLE education_article; --",
        "x" * 10_000,
        "\x00\x01\x02",
        '"unclosed quote',
        "ketamine OR -depression",
        "!!! ??? ***",
        "ケタミン",
    ],
)
def test_search_page_never_fails_on_odd_input(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert Article.objects.exists()
