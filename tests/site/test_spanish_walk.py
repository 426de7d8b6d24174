"""Issue 13: no English UI text on any public page in Spanish (article bodies, FAQ answers, glossary entries and
reference lists aside: tests/site/spanish_text.py). The failure lists every English string found, page by page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.shortcuts import render
from django.test import RequestFactory
from django.utils import translation

from clinic_site import views
from education.models import Article, Topic
from eligibility.questionnaire_steps import steps_for

from .spanish_text import english_on

pytestmark = pytest.mark.django_db

PAGES = [
    "/es/",
    "/es/learn/",
    "/es/faq/",
    "/es/glossary/",
    "/es/search/?q=ketamina",
    "/es/search/?q=ketamine",
    "/es/search/?q=zzqxv",
    "/es/crisis/",
    "/es/privacy/",
    "/es/language-help/",
    "/es/consultation/",
    "/es/eligibility/",
    "/es/no-such-page/",
]
ERROR_PAGES = ["400.html", "403.html", "403_csrf.html", "429.html", "500.html"]


def _error_page(template: str) -> str:
    """An error page as its handler renders it for a Spanish address (they are hard to provoke one by one)."""
    request = RequestFactory().get("/es/crisis/")
    request.user = AnonymousUser()
    with translation.override("es"):
        if template == "503.html":
            try:
                raise OperationalError("the database is down")
            except OperationalError:
                return views.server_error(request).content.decode()
        return render(request, template).content.decode()


def _questionnaire_steps(client) -> dict[str, str]:
    client.post("/es/eligibility/")
    return {
        f"/es/eligibility/{step.slug}/": client.get(f"/es/eligibility/{step.slug}/").content.decode()
        for step in steps_for(linked_to_request=False)
    }


def test_every_public_page_in_spanish_is_free_of_english_ui_text(client):
    pages = {url: client.get(url).content.decode() for url in PAGES}
    pages |= {f"/es/learn/topics/{topic.slug}/": None for topic in Topic.objects.all()}
    pages |= {f"/es/learn/{article.slug}/": None for article in Article.objects.published()}
    pages = {url: page if page is not None else client.get(url).content.decode() for url, page in pages.items()}
    pages |= _questionnaire_steps(client)
    pages |= {f"error page {name}": _error_page(name) for name in [*ERROR_PAGES, "503.html"]}

    report = {url: english_on(page) for url, page in pages.items()}
    found = {url: strings for url, strings in report.items() if strings}
    summary = "\n\n".join(f"{url} ({len(strings)}):\n  " + "\n  ".join(strings) for url, strings in found.items())
    assert not found, f"English on {len(found)} of {len(pages)} Spanish pages:\n\n{summary}"


def test_the_walk_finds_english_left_in_a_spanish_page(client):
    """The check itself: an untranslated catalogue string and unmarked English text are both reported."""
    page = client.get("/es/crisis/").content.decode()
    assert english_on(page) == []
    broken = page.replace("Busque ayuda ahora", "Get help now", 1).replace("</main>", "<p>Skip this part</p></main>")
    found = english_on(broken)
    assert "catalogue string in English: 'Get help now'" in found
    assert "English text: 'Skip this part'" in found
    assert english_on(page.replace("</main>", '<p lang="en">Free language help</p></main>')) == []
