"""With the database down, people get a clear 503 page with the crisis line, and nothing half-saved."""

from unittest import mock

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import Client

from clinic_site.views import server_error
from eligibility.models import ConsultationRequest, OutgoingEmail
from tests.factories import valid

pytestmark = pytest.mark.django_db

CRISIS_LINE = 'Call or text <a href="tel:988">988</a>, or call <a href="tel:911">911</a> in an emergency.'


def database_down(error=OperationalError):
    """Every attempt to reach the database fails, as when PostgreSQL is stopped or restarting."""
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=error("connection to server at 127.0.0.1, port 5432 failed: Connection refused"),
    )


def browser():
    """A visitor's browser: gets the page the site sends, as a real one would, instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("url", ["/", "/learn/", "/learn/course-of-treatment/", "/consultation/"])
def test_with_the_database_down_pages_get_the_503_page_with_the_crisis_line(url, error):
    with database_down(error):
        response = browser().get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert "we are briefly unavailable" in html
    assert CRISIS_LINE in html
    assert "988lifeline.org" in html


def test_the_503_page_asks_to_retry_soon_and_is_never_cached():
    with database_down():
        response = browser().get("/")
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def connection_lost_at_the_outbox(execute, sql, params, many, context):
    """The database goes away after the request's row is written, before its e-mails are (Django's execute_wrapper)."""
    if "eligibility_outgoingemail" in sql and sql.lstrip().upper().startswith("INSERT"):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_a_request_cut_off_by_the_database_mid_save_keeps_nothing_and_can_be_sent_again():
    data = valid()
    with connection.execute_wrapper(connection_lost_at_the_outbox):
        response = browser().post("/consultation/", data)
    assert response.status_code == 503
    assert "send it again" in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert not OutgoingEmail.objects.exists()

    again = browser().post("/consultation/", data)
    assert again.status_code == 302
    assert again["Location"] == "/consultation/received/"
    assert ConsultationRequest.objects.count() == 1
    assert OutgoingEmail.objects.count() == 2


def test_a_request_saved_before_the_connection_dropped_is_not_saved_twice_when_sent_again():
    """The record was committed but the answer never reached the person: they send the same form again."""
    data = valid()
    with mock.patch("eligibility.views.remember_reference", side_effect=OperationalError("connection lost")):
        response = browser().post("/consultation/", data)
    assert response.status_code == 503
    assert ConsultationRequest.objects.count() == 1

    again = browser().post("/consultation/", data, follow=True)
    assert ConsultationRequest.objects.count() == 1
    assert ConsultationRequest.objects.get().reference in again.content.decode()


def test_a_database_error_that_is_a_bug_is_still_a_500_not_a_retry_page(rf):
    try:
        raise IntegrityError("duplicate key value violates unique constraint")
    except IntegrityError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "something went wrong on our side" in response.content.decode()
