"""The crisis bar, header, footer and an article page's fixed parts are rendered once and reused ({% sitewide %}): what
each page shows of them must still be its own (its language, its section, its language switcher, its breadcrumbs) and
the clinic's details as they are now."""

import re

import pytest
from django.test import Client

from clinic_site.models import ClinicDetails

pytestmark = pytest.mark.django_db

ARTICLE = "/learn/what-is-depression/"
ANOTHER_ARTICLE = "/learn/cost-and-insurance/"


def _part(html: str, tag: str) -> str:
    return re.search(rf"<{tag}\b.*?</{tag}>", html, re.DOTALL).group(0)


def _fresh(client, path: str) -> str:
    """The page rendered afresh: a session cookie skips the page cache, as staff get it."""
    client.cookies["sessionid"] = "not-a-session"
    return client.get(path).content.decode()


def test_an_edit_of_the_clinic_details_shows_in_the_header_and_footer_on_the_next_render(client):
    _fresh(client, "/consultation/")  # the parts are kept with the old details
    details = ClinicDetails.load()
    details.name, details.phone = "Riverside Mood Clinic", "(555) 010-9999"
    details.save()

    html = _fresh(client, "/consultation/")
    assert "Riverside Mood Clinic" in _part(html, "header")
    assert "(555) 010-9999" in _part(html, "footer")
    assert "Harbor Light" not in _part(html, "header") + _part(html, "footer")


def test_english_and_spanish_pages_never_get_each_others_parts(client):
    for _round in range(2):  # the second round reads what the first kept
        english, spanish = _fresh(client, ARTICLE), _fresh(client, f"/es{ARTICLE}")
        assert "Medical disclaimer" in _part(english, "footer")
        assert "Learn" in _part(english, "header")
        assert "In crisis?" in _part(english, "aside")
        assert "Medical disclaimer" not in _part(spanish, "footer")
        assert "Learn" not in _part(spanish, "header")
        assert "In crisis?" not in _part(spanish, "aside")
        assert 'href="/es/crisis/"' in _part(spanish, "aside")
        assert 'href="/crisis/"' in _part(english, "aside")
        assert ">Skip to main content</a>" in english
        assert ">Skip to main content</a>" not in spanish


def test_each_page_marks_its_own_section_and_links_its_own_translation(client):
    for _round in range(2):
        article, faq = _fresh(client, ARTICLE), _fresh(client, "/faq/")
        assert re.search(r'href="/learn/"\s+aria-current="page"', _part(article, "header"))
        assert 'aria-current="page"' not in _part(article, "header").split('href="/faq/"')[1].split("</a>")[0]
        assert re.search(r'href="/faq/"\s+aria-current="page"', _part(faq, "header"))
        assert f'href="/es{ARTICLE}"' in _part(article, "header")
        assert 'href="/es/faq/"' in _part(faq, "header")
        assert f'href="/es{ARTICLE}"' not in _part(faq, "header")
        another = _fresh(client, ANOTHER_ARTICLE)  # the same section: only the language switcher differs
        assert f'href="/es{ARTICLE}"' not in _part(another, "header")


def test_a_signed_in_editor_and_a_reader_get_the_same_chrome_with_their_own_csrf_tokens(editor_client):
    reader = Client().get("/consultation/").content.decode()
    editor = editor_client.get("/consultation/").content.decode()
    for tag in ("aside", "header", "footer"):
        assert _part(reader, tag) == _part(editor, tag)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(reader).group(1) != token.search(editor).group(1)


def _article_part(html: str, opening: str, tag: str) -> str:
    return re.search(rf"{re.escape(opening)}.*?</{tag}>", html, re.DOTALL).group(0)


def test_an_article_pages_kept_parts_show_its_own_breadcrumbs_and_the_clinic_details_as_they_are_now(client):
    _fresh(client, ARTICLE)  # the breadcrumbs, disclosure and crisis panel are kept
    breadcrumbs = _article_part(_fresh(client, ANOTHER_ARTICLE), '<nav class="breadcrumbs"', "nav")
    assert 'aria-current="page">Cost and insurance</a>' in breadcrumbs
    assert "depression" not in breadcrumbs.lower()

    details = ClinicDetails.load()  # the call to action is kept too, with the old details
    details.name, details.phone = "Riverside Mood Clinic", "(555) 010-9999"
    details.save()
    html = _fresh(client, ANOTHER_ARTICLE)
    assert "Riverside Mood Clinic writes and publishes this page" in _article_part(html, '<p class="disclosure">', "p")
    assert "(555) 010-9999" in _article_part(html, '<section class="section callout"', "section")


def test_english_and_spanish_articles_never_get_each_others_crisis_panel_or_call_to_action(client):
    for _round in range(2):  # the second round reads what the first kept
        english, spanish = _fresh(client, ARTICLE), _fresh(client, f"/es{ARTICLE}")
        assert "help is available" in _article_part(english, '<section class="crisis-panel"', "section")
        assert "hay ayuda para usted" in _article_part(spanish, '<section class="crisis-panel"', "section")
        english, spanish = _fresh(client, ANOTHER_ARTICLE), _fresh(client, f"/es{ANOTHER_ARTICLE}")
        assert "Want to know" in _article_part(english, '<section class="section callout"', "section")
        assert "Quiere saber" in _article_part(spanish, '<section class="section callout"', "section")
        assert 'href="/es/consultation/"' in _article_part(spanish, '<section class="section callout"', "section")
