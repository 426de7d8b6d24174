"""Production settings pass Django's deployment checks, and every response carries the security headers."""

import secrets

import pytest
from django.test import Client

from tests.factories import valid
from tests.site.test_settings import run_python

# The production settings documented in the README (Production settings): the rest is safe by default.
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": "field-key",
    "LOOKUP_HASH_KEY": "lookup-key",
    "DJANGO_ALLOWED_HOSTS": "clinic.example.org",
    "SITE_URL": "https://clinic.example.org",
    "DJANGO_ADMIN_URL": "staff-7f3a9c/",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
}
PAGES = ["/", "/learn/", "/faq/", "/crisis/", "/consultation/", "/eligibility/", "/admin/login/", "/no-such-page/"]
FORM_AND_PATIENT_PAGES = ["/consultation/received/", "/eligibility/", "/admin/login/"]


@pytest.fixture(scope="module")
def launch_ready_database(production_database_copy, tmp_path_factory) -> str:
    """A migrated database whose articles all have real reviewers (here: none yet), as at launch.

    The deployment check reads the database (education.checks warns about articles a real clinician has not
    reviewed), so it runs against its own database, never whatever db.sqlite3 the checkout happens to hold.
    The shipped content, with its sample reviewer, must fail it: tests/education/test_launch_check.py.
    """
    return production_database_copy(tmp_path_factory.mktemp("launch"))


def test_production_settings_pass_the_deployment_check_at_warning_level(launch_ready_database):
    env = PRODUCTION_ENV | {"DATABASE_URL": launch_ready_database}
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_check_fails_without_the_production_settings(launch_ready_database):
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV | {
        "DATABASE_URL": launch_ready_database, "DJANGO_SECURE_SSL_REDIRECT": "0"})  # fmt: skip
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
                      "object-src 'none'"):  # fmt: skip
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "http" not in csp
    max_age = int(response["Strict-Transport-Security"].split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.parametrize(
    ("unsafe", "error"),
    [
        ({"DJANGO_ADMIN_URL": "admin/"}, "clinic_site.E001"),
        ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, "clinic_site.E002"),
        ({"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}, "clinic_site.E003"),
        ({"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "clinic_site.E003"),
        ({"SITE_URL": "http://clinic.example.org"}, "clinic_site.E004"),
        ({"SITE_URL": "https://elsewhere.example"}, "clinic_site.E004"),
    ],
)
def test_the_deployment_check_fails_with_an_error_for_a_guessable_admin_path_plain_http_or_unsent_mail(unsafe, error):
    """And for a SITE_URL that is not the site's https:// address (canonical links and redirects name it)."""
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "ERROR", **PRODUCTION_ENV | unsafe)
    assert result.returncode != 0
    assert error in result.stderr


@pytest.mark.parametrize("backend", ["console", "locmem"])
def test_with_debug_off_the_site_refuses_to_start_with_mail_that_is_printed_or_kept_in_memory(backend):
    unsafe = {"DJANGO_EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend"}
    result = run_python("-c", "import clinic_site.settings", **PRODUCTION_ENV | unsafe)
    assert result.returncode != 0
    assert "prints or keeps e-mails (resume links, addresses) instead of sending them" in result.stderr
    assert run_python("-c", "import clinic_site.settings", **unsafe, DJANGO_DEBUG="1").returncode == 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    assert_security_headers(client.get(url, secure=True))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/learn/", "/no-such-page/", "/consultation/"])
def test_a_host_the_site_does_not_serve_gets_its_own_400_page_with_every_security_header(url, settings):
    settings.ALLOWED_HOSTS = ["clinic.example.org"]
    settings.SITE_URL = "https://clinic.example.org"
    response = Client(raise_request_exception=False).get(url, secure=True, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, we could not read what was sent" in page
    assert "attacker.example" not in page
    assert_security_headers(response)


@pytest.mark.django_db
def test_requests_for_an_unknown_host_e_mail_no_one(settings, mailoutbox):
    """One error e-mail per forged request would let anyone flood the administrators' inboxes."""
    settings.ALLOWED_HOSTS = ["clinic.example.org"]
    settings.ADMINS = ["ops@example.org"]
    for _ in range(3):
        assert Client().get("/learn/", secure=True, HTTP_HOST="attacker.example").status_code == 400
    assert mailoutbox == []


@pytest.mark.django_db
def test_canonical_and_social_links_name_the_public_address_whatever_host_was_asked_for(client, settings):
    settings.ALLOWED_HOSTS = ["clinic.example.org", "internal.example"]
    settings.SITE_URL = "https://clinic.example.org"
    page = client.get("/learn/what-is-depression/", HTTP_HOST="internal.example").content.decode()
    assert '<link rel="canonical" href="https://clinic.example.org/learn/what-is-depression/">' in page
    assert '<meta property="og:url" content="https://clinic.example.org/learn/what-is-depression/">' in page
    assert '"url": "https://clinic.example.org/learn/what-is-depression/"' in page
    assert "internal.example" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORM_AND_PATIENT_PAGES)
def test_form_pages_are_never_stored_or_indexed(client, url):
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.django_db
def test_the_empty_consultation_form_can_be_found_but_a_filled_one_is_never_indexed(client):
    empty = client.get("/consultation/")
    assert "no-store" in empty["Cache-Control"]
    assert "X-Robots-Tag" not in empty
    assert 'name="robots"' not in empty.content.decode()
    assert "/consultation/" in client.get("/sitemap-pages.xml").content.decode()
    sent_back = client.post("/consultation/", valid(name="Jordan", email="not an address"))
    assert "no-store" in sent_back["Cache-Control"]
    assert sent_back["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in sent_back.content.decode()


@pytest.mark.django_db
def test_patient_records_in_the_admin_are_never_stored_or_indexed(admin_client):
    for url in ("/admin/", "/admin/eligibility/consultationrequest/", "/admin/eligibility/auditentry/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"].startswith("noindex")
    assert admin_client.get("/admin/jsi18n/")["X-Robots-Tag"].startswith("noindex")  # not HTML: no meta tag to ask


@pytest.mark.django_db
def test_the_staff_sign_in_pages_are_never_stored_or_indexed(client, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    for url, status in (("/admin/login/", 200), ("/admin/two-factor/setup/", 302)):  # signed out: sent to sign in
        response = client.get(url)
        assert response.status_code == status
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.django_db
def test_cookies_are_secure_httponly_and_samesite(client):
    csrf = client.get("/consultation/", secure=True).cookies["csrftoken"]
    session = client.post("/eligibility/", secure=True).cookies["sessionid"]  # starting the questionnaire
    reference = client.post("/consultation/", valid(), secure=True).cookies["consultation_reference"]
    for cookie in (csrf, session, reference):
        assert cookie["secure"]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"


def test_an_http_request_is_redirected_to_https_in_production_at_the_public_address_whatever_the_host():
    code = (
        "import django; django.setup(); from django.test import Client\n"
        "for host in ('clinic.example.org', 'attacker.example'):\n"
        "    r = Client(HTTP_HOST=host).get('/crisis/'); print(r.status_code, r['Location'])"
    )
    env = PRODUCTION_ENV | {"DJANGO_SETTINGS_MODULE": "clinic_site.settings", "DATABASE_URL": "sqlite://:memory:"}
    result = run_python("-c", code, **env)
    assert result.stdout.split()[-4:] == ["301", "https://clinic.example.org/crisis/"] * 2, result.stderr
