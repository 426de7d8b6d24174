"""English at the site's addresses, Spanish under /es/, chosen by the address alone."""

import re

import pytest
from django.test import Client
from django.utils.translation import get_language_from_path

from clinic_site.languages import language_of

pytestmark = pytest.mark.django_db

ARTICLE = "/learn/what-is-depression/"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_english_pages_keep_their_addresses_without_a_redirect(client):
    response = client.get(ARTICLE, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


def test_spanish_pages_live_under_es(client):
    response = client.get("/es/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert "Saltar al contenido principal" in response.content.decode()


def test_no_page_varies_on_the_browsers_language(client):
    """One copy of each page in every cache: the address alone says the language."""
    for address in ("/", ARTICLE, "/es/", "/es" + ARTICLE, "/consultation/"):
        vary = client.get(address).headers.get("Vary", "")
        assert "accept-language" not in vary.lower(), address


def test_switcher_and_hreflang_keep_the_reader_on_the_same_page(client, settings):
    english = client.get(ARTICLE).content.decode()
    assert f'<a href="/es{ARTICLE}" hreflang="es" lang="es">Español</a>' in english
    assert f'<link rel="alternate" hreflang="es" href="{settings.SITE_URL}/es{ARTICLE}">' in english
    spanish = client.get("/es" + ARTICLE).content.decode()
    assert f'<a href="{ARTICLE}" hreflang="en" lang="en">English</a>' in spanish
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}{ARTICLE}">' in spanish


def test_every_page_links_to_itself_in_the_other_language_however_many_were_read_before(client, settings):
    """The addresses are worked out once per page (clinic_site.languages): each page still gets its own."""
    for path in (ARTICLE, "/learn/how-ketamine-works/", "/consultation/", "/es/crisis/", ARTICLE):
        other = path.removeprefix("/es") if path.startswith("/es/") else "/es" + path
        html = client.get(path).content.decode()
        assert f'hreflang="{"en" if path.startswith("/es/") else "es"}" href="{settings.SITE_URL}{other}"' in html


def test_a_page_not_found_switches_to_the_page_not_found_in_the_other_language(client):
    english = client.get("/no-such-page/")
    assert english.status_code == 404
    assert '<a href="/es/no-such-page/" hreflang="es" lang="es">Español</a>' in english.content.decode()
    spanish = client.get("/es/no-such-page/")
    assert spanish.status_code == 404
    assert '<a href="/no-such-page/" hreflang="en" lang="en">English</a>' in spanish.content.decode()


def test_staff_pages_stay_english_and_unprefixed(client):
    assert client.get("/es/admin/").status_code == 404
    assert client.get("/admin/").status_code in (200, 302)


def test_search_results_in_either_language_are_kept_out_of_search_engines(client):
    rules = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /search/" in rules
    assert "Disallow: /es/search/" in rules


@pytest.mark.parametrize(("first", "second"), [("/es/", "/"), ("/", "/es/"), ("/es" + ARTICLE, ARTICLE)])
def test_each_language_has_its_own_stored_copy_whatever_the_last_request_was(first, second):
    """The page cache answers before the language middleware: it must find each address's own page and language."""
    for address in (first, second, first, second):  # the second round is answered from the cache
        response = Client().get(address)
        expected = "es" if address.startswith("/es/") else "en"
        assert html_lang(response) == expected, address
        assert response["Content-Language"] == expected, address


@pytest.mark.parametrize("path", ["/", "/es/", "/es/learn/what-is-depression/", "/learn/", "/estimate/", "/es/es/"])
def test_the_page_caches_language_rule_is_djangos(path, settings):
    assert language_of(path) == (get_language_from_path(path) or settings.LANGUAGE_CODE)


@pytest.mark.parametrize(("address", "expected"), [("/learn/", "en"), ("/es/learn/", "es")])
def test_a_request_refused_before_the_language_middleware_is_in_its_addresss_language(address, expected, settings):
    """A worker's thread keeps the language its last request activated. A page made before the language middleware
    runs (the 400 page for a Host the site does not serve) must not be in the previous visitor's language."""
    settings.ALLOWED_HOSTS = ["testserver"]
    for earlier in ("/es/", "/"):
        Client().get(earlier)  # this thread now has that page's language active
        refused = Client(raise_request_exception=False).get(address, HTTP_HOST="attacker.example")
        assert refused.status_code == 400
        assert html_lang(refused) == expected, earlier
