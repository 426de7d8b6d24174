"""Spanish search ignores accents and case, on PostgreSQL and SQLite alike, and still marks the words as written;
English search is unchanged; odd or hostile words give a plain page of results, never an error."""

import datetime
import html as html_lib
import re

import pytest
from django.utils import timezone

from education.models import ArticleTranslation

pytestmark = pytest.mark.django_db

SPANISH = "/es/learn/what-is-depression/"
NO_RESULTS = "0 resultados para"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def results(markup: str) -> list[str]:
    """The addresses of the results, in order."""
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)">', markup)


def marked(markup: str) -> list[str]:
    return [html_lib.unescape(word) for word in re.findall(r"<mark>(.*?)</mark>", markup)]


@pytest.fixture
def unaccented(make_article, reviewer):
    """A translation written without accents (as some are typed), with a word found nowhere else."""
    article = make_article(title="Coffee and sleep", body="Coffee keeps some people awake.\n")
    today = timezone.localdate()
    return ArticleTranslation.objects.create(
        article=article,
        language="es",
        title="Cafe y sueno",
        summary="Lo que hace el cafe por la noche.",
        body="La cafeina del cafe despierta a algunas personas: uno casi no pestanea. Tomarla tarde quita el sueno.\n",
        translator="Test translator",
        reviewer=reviewer,
        last_reviewed=today,
        next_review_due=today + datetime.timedelta(days=365),
    )


@pytest.mark.parametrize("query", ["depresion", "DEPRESIÓN", "Depresión", "DEPRESION"])
def test_a_spanish_word_is_found_with_or_without_its_accent_and_marked_as_written(client, query):
    markup = page(client, f"/es/search/?q={query}")
    assert SPANISH in results(markup)
    assert "depresión" in [word.lower() for word in marked(markup)]


@pytest.mark.parametrize(
    ("query", "written"), [("cafeína", "cafeina"), ("pestañea", "pestanea"), ("CAFEÍNA", "cafeina")]
)
def test_a_word_typed_with_accents_finds_text_written_without_them(client, unaccented, query, written):
    markup = page(client, f"/es/search/?q={query}")
    assert results(markup) == [unaccented.get_absolute_url()]
    assert {word.lower() for word in marked(markup)} == {written}


def test_an_editors_change_is_searchable_at_once_without_its_accents(client, unaccented):
    unaccented.body = "El café con cafeína quita el sueño.\n"
    unaccented.save()
    markup = page(client, "/es/search/?q=sueno%20cafe")
    assert results(markup) == [unaccented.get_absolute_url()]
    assert {"café", "sueño"} <= {word.lower() for word in marked(markup)}


def test_english_search_still_needs_the_words_as_written(client, unaccented):
    assert SPANISH not in results(page(client, "/es/search/?q=depresionn"))
    english = page(client, "/search/?q=depression")
    assert "/learn/what-is-depression/" in results(english)
    assert "depression" in [word.lower() for word in marked(english)]
    assert results(page(client, "/search/?q=cafeina")) == []  # the Spanish text is not searched in English
    assert results(page(client, "/search/?q=depresión")) == []


@pytest.mark.parametrize(
    "query",
    [
        "´´´",
        "%CC%81%CC%81",  # combining acute accents alone
        "%CC%81",
        "%25",  # %
        "_",
        "%25_%25",
        "\\",
        "é" * 200,
        ("depresión " * 40)[:200],
        "a%CC%81" * 100,
        "ñ'\"-!:*&|()<>",
    ],
)
def test_odd_or_hostile_words_give_a_plain_page(client, query):
    markup = page(client, f"/es/search/?q={query}")
    assert "Traceback" not in markup
    assert "<mark><" not in markup


@pytest.mark.parametrize("query", ["%CC%81", "´´", "_", "__", "%25_%25"])
def test_accents_alone_or_wildcards_match_nothing(client, query):
    markup = page(client, f"/es/search/?q={query}")
    assert results(markup) == []
    assert NO_RESULTS in markup


def test_a_long_accented_query_is_still_searched(client):
    markup = page(client, "/es/search/?q=" + ("depresión " * 40)[:200])
    assert SPANISH in results(markup)


def test_a_percent_sign_finds_only_text_with_a_percent_sign(client):
    found = results(page(client, "/es/search/?q=%25"))
    translations = ArticleTranslation.objects.filter(language="es")
    with_percent = [t.get_absolute_url() for t in translations if "%" in t.title + t.summary + t.body_text]
    assert len(found) < translations.count()
    assert set(found) <= set(with_percent)
