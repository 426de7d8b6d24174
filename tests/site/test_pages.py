"""The site shell: crisis line, navigation, privacy, error pages, health check and headers."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/learn/", "/faq/", "/glossary/", "/search/?q=ketamine", "/crisis/", "/privacy/"]


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/no-such-page/"])
def test_every_page_shows_the_crisis_line_and_the_clinic_details(client, url):
    response = client.get(url)
    html = response.content.decode()
    crisis_line = (
        '<strong>In crisis?</strong> Call or text <a href="tel:988">988</a>, '
        'or call <a href="tel:911">911</a> in an emergency.'
    )
    assert crisis_line in html
    assert 'href="/crisis/"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "Medical disclaimer" in html
    assert 'href="/privacy/"' in html
    assert "(555) 010-4200" in html  # the clinic's phone, from its editable record


def test_the_clinic_name_comes_from_the_editable_record(client):
    from clinic_site.models import ClinicDetails

    details = ClinicDetails.load()
    details.name = "Riverside Mood Clinic"
    details.save()
    html = client.get("/").content.decode()
    assert "Riverside Mood Clinic" in html
    assert "Harbor Light" not in html


def test_crisis_page_lists_every_way_to_get_help_now(client):
    html = client.get("/crisis/").content.decode()
    assert 'href="tel:988"' in html
    assert 'href="sms:988"' in html
    assert "988lifeline.org" in html
    assert 'href="tel:911"' in html
    assert "nearest hospital emergency department" in html
    assert "not watched around the clock" in html
    assert "Press 3" not in html


def test_privacy_page_says_what_is_collected(client):
    html = client.get("/privacy/").content.decode()
    assert "set no cookies" in html
    assert "do not use analytics" in html


def test_unknown_page_gets_a_friendly_404_with_search(client):
    response = client.get("/learn/no-such-article/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We cannot find that page" in html
    assert 'role="search"' in html


def test_a_crash_gets_the_friendly_500_page_even_with_the_database_down(rf):
    from clinic_site.views import server_error

    request = rf.get("/")
    with mock.patch("clinic_site.models.ClinicDetails.load", side_effect=DatabaseError("down")):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "something went wrong on our side" in html
    assert 'href="tel:988"' in html


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_content_security_policy_allows_nothing_inline_or_third_party(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe" not in policy
    assert "http" not in policy


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_have_no_inline_script_or_style(client, url):
    html = client.get(url).content.decode()
    assert "<style" not in html
    assert " style=" not in html
    assert "<script>" not in html
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html


def test_behind_a_tls_proxy_the_forwarded_scheme_is_trusted(rf):
    request = rf.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert request.is_secure()


def test_robots_txt_points_to_the_sitemap():
    response = Client().get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.content.decode()
