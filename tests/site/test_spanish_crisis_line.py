"""The crisis line in Spanish on every Spanish page: the 988 Lifeline's Spanish options (call 988 and press 2, text
AYUDA to 988, chat in Spanish) and 911. Sources: docs/crisis-lines.md."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db

SPANISH_BAR = (
    '<strong>¿Está en crisis?</strong> Llame al <a href="tel:988">988</a> y marque 2, o envíe AYUDA por mensaje de '
    'texto al <a href="sms:988?body=AYUDA">988</a>. En una emergencia, llame al <a href="tel:911">911</a>.'
)
SPANISH_PAGES = ["/es/", "/es/learn/", "/es/faq/", "/es/crisis/", "/es/privacy/", "/es/language-help/", "/es/nada/"]


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_every_spanish_page_has_the_crisis_bar_in_spanish(client, url):
    html = client.get(url).content.decode()
    assert SPANISH_BAR in html
    assert 'aria-label="Ayuda en caso de crisis"' in html
    assert 'href="/es/crisis/" class="crisis-bar__more">Busque ayuda en una crisis</a>' in html
    assert "In crisis?" not in html


def test_english_pages_keep_the_english_crisis_bar(client):
    html = client.get("/").content.decode()
    assert "<strong>In crisis?</strong> Call or text" in html
    assert "¿Está en crisis?" not in html


def test_the_spanish_crisis_page_gives_the_spanish_988_options_and_911(client):
    html = client.get("/es/crisis/").content.decode()
    assert '<a class="button button--crisis" href="tel:988">Llame al 988 y marque 2</a>' in html
    assert '<a class="button button--crisis" href="sms:988?body=AYUDA">Envíe AYUDA al 988</a>' in html
    assert "Chatee en 988lifeline.org" in html
    assert '<strong>Llame al <a href="tel:988">988</a> y marque 2</strong> para hablar en español' in html
    assert "<strong>chatear</strong> en español en" in html
    # The Crisis Text Line's Spanish keyword (docs/crisis-lines.md), not the English "HOME".
    assert '<a href="sms:741741?body=AYUDA">741741</a></strong> para hablar en español' in html
    assert "body=HOME" not in html
    assert 'llame al <a href="tel:911">911</a>' in html
    assert "sala de emergencias del hospital más cercano" in html
    assert "Las cosas pueden mejorar." in html  # hopeful, help-seeking (safe messaging)
    assert not re.search(r"(?i)marque 3|press 3", html)


def test_the_crisis_panel_on_a_spanish_error_page_is_in_spanish(client):
    from django.test import RequestFactory

    from clinic_site import views

    request = RequestFactory().get("/es/")
    with translation.override("es"):
        html = views.server_error(request).content.decode()
    assert "Si está pasando por un momento difícil, hay ayuda para usted ahora" in html
    assert '<strong>Llame al <a href="tel:988">988</a> y marque 2</strong>' in html
    assert "En español:" not in html  # the English list's Spanish line: the whole list is Spanish here


def test_the_page_shown_when_the_app_is_down_gives_the_crisis_line_in_both_languages():
    page = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "errors" / "unavailable.html").read_text()
    with translation.override("es"):
        spanish_list = render_to_string("includes/crisis_options.html").strip()
    assert '<section lang="es" id="es">' in page
    section = page[page.index('<section lang="es"') :]
    assert spanish_list in section  # the site's Spanish list, word for word, inside the Spanish part
    assert SPANISH_BAR in page
    assert '<a href="#es" lang="es">Esta página en español</a>' in page
