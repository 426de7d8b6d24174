"""Language access (ACA Section 1557): a page in Spanish and English, linked from every page's footer, with the
clinic's interpreter line when it has one and the main number when it has not."""

import re

import pytest

from clinic_site.models import ClinicDetails

pytestmark = pytest.mark.django_db


def _section(html: str, lang: str) -> str:
    return re.search(rf'<section lang="{lang}".*?</section>', html, flags=re.S).group(0)


def test_the_english_page_says_it_in_english_then_in_spanish(client):
    html = client.get("/language-help/").content.decode()
    assert "<h1>Free language help</h1>" in html
    assert "You do not need to bring a family member or a friend to interpret for you." in html
    spanish = _section(html, "es")
    assert "Ayuda gratis con el idioma" in spanish
    assert "Un intérprete médico calificado" in spanish
    assert "No tiene que traer a un familiar o a un amigo para que le interprete." in spanish
    assert html.index("Free language help") < html.index('<section lang="es"')


def test_the_spanish_page_says_it_in_spanish_then_in_english(client):
    html = client.get("/es/language-help/").content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Ayuda gratis con el idioma</h1>" in html
    english = _section(html, "en")
    assert "Free language help" in english
    assert "A qualified medical interpreter" in english


def test_the_interpreter_line_is_shown_in_both_languages(client):
    clinic = ClinicDetails.load()
    clinic.interpreter_phone = "(555) 010-4299"
    clinic.save()
    html = client.get("/es/language-help/").content.decode()
    assert 'Llame a nuestra línea de intérpretes al <a href="tel:5550104299">(555) 010-4299</a>.' in html
    assert 'Call our interpreter line at <a href="tel:5550104299">(555) 010-4299</a>.' in html


def test_without_an_interpreter_line_the_page_says_to_call_the_main_number(client):
    assert ClinicDetails.load().interpreter_phone == ""
    html = client.get("/language-help/").content.decode()
    assert 'Call us at <a href="tel:5550104200">(555) 010-4200</a>. Say the language you speak' in html
    assert 'Llámenos al <a href="tel:5550104200">(555) 010-4200</a>. Diga qué idioma habla' in html
    assert "interpreter line" not in html


@pytest.mark.parametrize("url", ["/", "/learn/", "/crisis/", "/es/", "/es/faq/", "/es/privacy/", "/no-such-page/"])
def test_every_page_links_to_language_help_in_both_languages(client, url):
    html = client.get(url).content.decode()
    if url.startswith("/es/"):
        link = '<a href="/es/language-help/">Ayuda gratis con el idioma <span lang="en">(Free language help)</span></a>'
    else:
        link = '<a href="/language-help/">Free language help <span lang="es">(Ayuda gratis con el idioma)</span></a>'
    assert link in html


def test_staff_can_set_the_interpreter_line_in_the_admin(admin_client):
    html = admin_client.get("/admin/clinic_site/clinicdetails/1/change/").content.decode()
    assert 'name="interpreter_phone"' in html


def test_the_language_switcher_names_the_other_language_in_that_language(client):
    english = client.get("/language-help/").content.decode()
    assert '<a href="/es/language-help/" hreflang="es" lang="es">Español</a>' in english
    spanish = client.get("/es/language-help/").content.decode()
    assert '<a href="/language-help/" hreflang="en" lang="en">English</a>' in spanish
    # Early in the keyboard order: right after the clinic's name, before the main navigation.
    assert spanish.index('class="language-switcher"') < spanish.index('class="site-nav"')
