"""Logs are JSON lines with a request id, carry no form data, cookies or credentials, and name security events."""

import io
import json
import logging

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.urls import path

from clinic_site import urls as site_urls
from clinic_site.logs import RequestIdFilter, ScrubbingJsonFormatter
from eligibility.models import ConsultationRequest
from tests.conftest import verified_login
from tests.factories import valid

pytestmark = pytest.mark.django_db
PRIVATE = ("Jordan", "jordan@example.com", "555-0123", "antidepressants", "secret-search-words", "resume-token-abc")


@pytest.fixture
def log_lines():
    """Everything logged during the test, formatted exactly as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ScrubbingJsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"))
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(), logging.getLogger("django")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture
def crashing_submission(monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("eligibility.views.submit_consultation_request", crash)


def test_log_lines_are_json_with_the_request_id_of_the_response(client, log_lines):
    response = client.get("/no-such-page/")
    (line,) = [entry for entry in log_lines() if entry["message"].startswith("Not Found")]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["levelname"] == "WARNING"


def crash(request, **kwargs):
    """A bug whose message names the URL it failed on, query string included, as many exceptions' messages do."""
    raise RuntimeError(f"could not handle {request.get_full_path()}")


# Used by the tests marked `urls(__name__)`: the site, with these two addresses failing.
urlpatterns = [path("eligibility/resume/<str:token>/", crash), path("search/", crash), *site_urls.urlpatterns]
CRASHING_REQUESTS = [
    "/search/?q=secret-search-words&email=jordan@example.com",
    "/eligibility/resume/resume-token-abc/?from=jordan@example.com",
]
REQUEST_HEADERS = {
    "HTTP_REFERER": "https://mail.example/inbox?q=referer-secret",
    "HTTP_COOKIE": "sessionid=cookie-value-123",
}


@pytest.mark.urls(__name__)
def test_urls_in_logs_lose_their_query_strings_and_resume_tokens(log_lines):
    crashing = Client(raise_request_exception=False)
    for url in CRASHING_REQUESTS:
        assert crashing.get(url, **REQUEST_HEADERS).status_code == 500
    lines = log_lines()
    assert sum("RuntimeError" in line.get("exc_info", "") for line in lines) == 2
    logged = json.dumps(lines)
    assert "/eligibility/resume/[redacted]" in logged
    for private in (*PRIVATE, "referer-secret", "cookie-value-123"):
        assert private not in logged


@pytest.mark.urls(__name__)
def test_error_reports_carry_no_token_query_string_referer_cookie_or_form_value(settings):
    settings.ADMINS = ["ops@example.org"]
    crashing = Client(raise_request_exception=False)
    crashing.get(CRASHING_REQUESTS[0], **REQUEST_HEADERS)
    crashing.post(CRASHING_REQUESTS[1], {"name": "Jordan", "phone": "555-0123"}, **REQUEST_HEADERS)
    reports = mail.outbox
    assert [report.subject for report in reports] == [
        "[Django] ERROR (EXTERNAL IP): Internal Server Error: /search/",
        "[Django] ERROR (EXTERNAL IP): Internal Server Error: /eligibility/resume/[redacted]/",
    ]
    assert "Request URL: /eligibility/resume/[redacted]/" in reports[1].body
    assert "RuntimeError" in reports[1].body
    for report in reports:
        text = report.subject + report.body + "".join(str(content) for content, _ in report.alternatives)
        for private in (*PRIVATE, "referer-secret", "mail.example", "cookie-value-123"):
            assert private not in text


def test_a_crash_during_a_submission_logs_and_reports_no_form_data(client, settings, log_lines, crashing_submission):
    settings.ADMINS = ["ops@example.org"]
    crashing = Client(raise_request_exception=False)
    response = crashing.post("/consultation/", valid(), HTTP_COOKIE="sessionid=cookie-value-123")
    assert response.status_code == 500
    (report,) = mail.outbox
    logged = json.dumps(log_lines())
    assert "RuntimeError" in logged
    assert "RuntimeError" in report.body
    for private in (*PRIVATE, "cookie-value-123"):
        assert private not in logged
        assert private not in report.body
        assert all(private not in str(content) for content, _ in report.alternatives)


def test_failed_sign_ins_lock_outs_and_refusals_are_logged_as_security_events(client, caplog):
    User.objects.create_user("nurse", "n@example.org", "a-long-staff-password", is_staff=True)
    for _ in range(6):
        Client().post("/admin/login/", {"username": "nurse", "password": "wrong", "next": "/admin/"})
    editor = User.objects.create_user("ed", "e@example.org", "a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    verified_login(client, editor)
    client.get("/admin/eligibility/consultationrequest/add/")
    events = [record.event for record in caplog.records if record.name == "clinic.security"]
    assert events.count("login_failed") >= 5
    assert "lockout" in events
    assert "permission_denied" in events


def test_a_password_typed_into_the_username_box_never_reaches_the_logs(client, log_lines, caplog):
    User.objects.create_user("nurse", "n@example.org", "a-long-staff-password", is_staff=True)
    Client().post("/admin/login/", {"username": "a-long-staff-password", "password": "a-long-staff-password"})
    Client().post("/admin/login/", {"username": "nurse", "password": "wrong"})
    failures = [record for record in caplog.records if getattr(record, "event", "") == "login_failed"]
    assert [record.username for record in failures] == ["[no such account]", "nurse"]
    assert "a-long-staff-password" not in json.dumps(log_lines())


def test_a_csv_export_is_logged_as_a_security_event(admin_client, caplog):
    admin_client.post("/consultation/", valid())
    record = ConsultationRequest.objects.get()
    admin_client.post(
        "/admin/eligibility/consultationrequest/",
        {"action": "export_csv", "_selected_action": [record.pk], "status__exact": "all"},
        REMOTE_ADDR="198.51.100.4",
    )
    exported = [r for r in caplog.records if getattr(r, "event", "") == "record_exported"]
    assert exported
    assert (exported[0].record, exported[0].client_ip) == (record.reference, "198.51.100.4")
