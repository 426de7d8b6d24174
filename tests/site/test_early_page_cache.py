"""A stored public page is answered before sessions, CSRF, sign-in and the rest (page_cache.CachedPageMiddleware),
with every header the page has when it is rendered."""

import hashlib

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PAGES = ["/", "/learn/what-is-depression/", "/crisis/", "/search/?q=ketamine", "/sitemap.xml", "/feed/"]
PAGES += ["/es/", "/es/learn/what-is-depression/", "/es/crisis/", "/es/search/?q=ketamina", "/es/feed/"]


def without_request_id(response) -> dict:
    return {name: value for name, value in response.items() if name != "X-Request-ID"}


@pytest.mark.parametrize("url", PAGES)
def test_a_second_reader_gets_the_page_without_a_session_sign_in_or_query(url):
    Client().get(url)
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    assert len(captured) == 0
    # Session and authentication middleware set these on every request they see.
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")


@pytest.mark.parametrize("url", PAGES)
def test_a_stored_page_has_the_same_headers_as_a_rendered_one_and_its_own_request_id(url):
    rendered = Client().get(url)
    stored = Client().get(url)
    assert without_request_id(stored) == without_request_id(rendered)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Permissions-Policy"):
        assert stored.has_header(header), header
    assert "public" in stored["Cache-Control"]
    assert stored["X-Request-ID"] != rendered["X-Request-ID"]
    assert not stored.cookies
    assert "Cookie" not in stored.get("Vary", "")


def test_a_stored_page_answers_a_conditional_get_with_304():
    etag = Client().get("/learn/what-is-depression/")["ETag"]
    response = Client().get("/learn/what-is-depression/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.has_header("Content-Security-Policy")


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_page_is_hashed_once_and_stored_with_the_etag_of_its_content(method, monkeypatch):
    """A GET's page comes up with ConditionalGetMiddleware's ETag, which the page cache keeps rather than hashing the
    page again; a HEAD's, which that middleware leaves alone, is hashed when it is stored."""
    from clinic_site import page_cache

    hashed = []
    monkeypatch.setattr(page_cache, "set_response_etag", lambda response: hashed.append(response) or response)
    page_cache.invalidate()
    getattr(Client(), method)("/learn/what-is-depression/")
    assert len(hashed) == (method == "head")
    monkeypatch.undo()
    stored = Client().get("/learn/what-is-depression/")
    if method == "get":
        assert stored["ETag"] == f'"{hashlib.md5(stored.content, usedforsecurity=False).hexdigest()}"'


@pytest.mark.parametrize("url", ["/feed/", "/es/feed/"])
def test_a_stored_feed_answers_if_modified_since_with_304_as_a_rendered_one_does(url):
    rendered = Client().get(url)
    stored = Client().get(url, HTTP_IF_MODIFIED_SINCE=rendered["Last-Modified"])
    assert stored.status_code == 304
    assert stored.has_header("Content-Security-Policy")


def test_a_stored_page_is_refused_to_a_host_the_site_does_not_serve(settings):
    settings.ALLOWED_HOSTS = ["clinic.example.org"]
    assert Client().get("/learn/", HTTP_HOST="clinic.example.org").status_code == 200
    assert Client().get("/learn/", HTTP_HOST="attacker.example").status_code == 400


def test_a_reader_with_a_session_cookie_goes_through_the_session_middleware_to_a_private_page():
    Client().get("/learn/")
    client = Client()
    client.cookies["sessionid"] = "someone-part-way-through-the-questionnaire"
    response = client.get("/learn/")
    assert hasattr(response.wsgi_request, "session")
    assert "private" in response["Cache-Control"]


def test_a_resume_links_address_is_not_remembered_by_the_page_cache():
    """Each worker remembers which view the addresses of stored pages go to; a resume link is a credential."""
    from clinic_site import page_cache

    Client().get("/eligibility/resume/a-secret-resume-token-1234/")
    Client().get("/es/eligibility/resume/a-secret-resume-token-1234/")
    Client().get("/learn/what-is-depression/")
    assert "a-secret-resume-token-1234" not in repr(vars(page_cache._memory))


def test_a_copy_the_previous_release_stored_is_not_answered_without_the_headers_it_lacks():
    """The release before this one stored a page as its view returned it, without the clickjacking, CSP and
    Permissions-Policy headers that the middleware below added to each answer. Redis outlives a deploy: such a copy,
    answered from above that middleware now, would go out (and into nginx's cache) without them."""
    from clinic_site import page_cache

    url = "/learn/what-is-depression/"
    page_cache.invalidate()
    previous_releases_key = "public-page:" + hashlib.sha256(f"{settings.SITE_URL}{url}?".encode()).hexdigest()
    headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300", "ETag": '"old"'}
    page_cache.cache.set(previous_releases_key, (page_cache.cache.get(page_cache.VERSION_KEY), b"old copy", headers))
    response = Client().get(url)
    assert response.content != b"old copy"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert response.has_header(header), header
