"""Production settings pass Django's deployment checks, and every response carries the security headers."""

import secrets

import pytest

from tests.eligibility.test_consultation import valid
from tests.site.test_settings import run_python

# The production settings documented in .env.example and the README.
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": "field-key",
    "LOOKUP_HASH_KEY": "lookup-key",
    "DJANGO_ALLOWED_HOSTS": "clinic.example.org",
    "SITE_URL": "https://clinic.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
}
PAGES = ["/", "/learn/", "/faq/", "/crisis/", "/consultation/", "/eligibility/", "/admin/login/", "/no-such-page/"]
FORM_AND_PATIENT_PAGES = ["/consultation/received/", "/eligibility/", "/admin/login/"]


@pytest.fixture(scope="module")
def launch_ready_database(tmp_path_factory) -> str:
    """A migrated database whose articles all have real reviewers (here: none yet), as at launch.

    The deployment check reads the database (education.checks warns about articles a real clinician has not
    reviewed), so it runs against its own database, never whatever db.sqlite3 the checkout happens to hold.
    The shipped content, with its sample reviewer, must fail it: tests/education/test_launch_check.py.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp('launch') / 'db.sqlite3'}"
    result = run_python("manage.py", "migrate", "--verbosity", "0", **PRODUCTION_ENV, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return url


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


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url, secure=True)
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


@pytest.mark.django_db
def test_cookies_are_secure_httponly_and_samesite(client):
    csrf = client.get("/consultation/", secure=True).cookies["csrftoken"]
    session = client.post("/eligibility/", secure=True).cookies["sessionid"]  # starting the questionnaire
    reference = client.post("/consultation/", valid(), secure=True).cookies["consultation_reference"]
    for cookie in (csrf, session, reference):
        assert cookie["secure"]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"


def test_an_http_request_is_redirected_to_https_in_production():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(HTTP_HOST='clinic.example.org').get('/crisis/'); print(r.status_code, r['Location'])"
    )
    env = PRODUCTION_ENV | {"DJANGO_SETTINGS_MODULE": "clinic_site.settings", "DATABASE_URL": "sqlite://:memory:"}
    result = run_python("-c", code, **env)
    assert result.stdout.split()[-2:] == ["301", "https://clinic.example.org/crisis/"], result.stderr
