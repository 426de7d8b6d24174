"""The outbox sender: requests only queue their e-mails; `send_pending_emails --watch` delivers them."""

import datetime
import logging
import os
import signal
import threading
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from eligibility.models import ConsultationRequest, OutgoingEmail
from eligibility.services import FIRST_RETRY_AFTER, SEND_BATCH, retry_due, send_pending_emails
from tests.factories import CONSULTATION_URL, valid

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("attempts", "minutes_since_queued", "due"),
    [
        (0, 0, True),  # new: at once
        (1, 0.5, False),
        (1, 1, True),  # after one failure: a minute
        (2, 1.5, False),
        (2, 2, True),  # then two
        (3, 3.9, False),
        (3, 4, True),  # then four
        (9, 255, False),
        (9, 256, True),
    ],
)
def test_a_failed_email_waits_twice_as_long_before_each_new_attempt(attempts, minutes_since_queued, due):
    email = OutgoingEmail(attempts=attempts, created_at=NOW - datetime.timedelta(minutes=minutes_since_queued))
    assert retry_due(email, NOW) is due


def test_urgent_notifications_are_sent_before_others_waiting(client):
    client.post(CONSULTATION_URL, valid())
    urgent = OutgoingEmail.objects.create(
        kind=OutgoingEmail.Kind.URGENT_NOTIFICATION, recipient="clinic@example.org", subject="URGENT", body="-"
    )
    send_pending_emails()
    assert mail.outbox[0].subject == urgent.subject
    assert len(mail.outbox) == 3


def test_sending_a_request_leaves_no_session_on_the_server(client):
    response = client.post(CONSULTATION_URL, valid(), follow=True)
    assert ConsultationRequest.objects.get().reference in response.content.decode()
    assert not Session.objects.exists()


def test_an_altered_reference_cookie_shows_nothing(client):
    client.post(CONSULTATION_URL, valid())
    other = ConsultationRequest.objects.create(
        name="B", email="b@example.org", phone="+12075550199", preferred_contact="phone",
        preferred_time="any", state="Maine", submission_key="11111111-1111-4111-8111-111111111111",
    )  # fmt: skip
    signed = client.cookies["consultation_reference"].value
    client.cookies["consultation_reference"] = signed.replace(signed.split(":")[0], other.reference)
    response = client.get("/consultation/received/")
    assert response["Location"] == "/consultation/"


# The sender renews its database connection as a web request does, which ends a test's enclosing transaction.
watching = pytest.mark.django_db(transaction=True)


def _watch_for(seconds: float) -> None:
    """Run the sender as `make serve` does, and stop it as a service manager would (SIGTERM)."""
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    stopper = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGTERM))
    stopper.start()
    try:
        call_command("send_pending_emails", watch=0.05)
    finally:
        stopper.cancel()
        for number, handler in previous.items():
            signal.signal(number, handler)


@watching
def test_the_sender_delivers_new_emails_and_stops_cleanly_when_told_to(client):
    client.post(CONSULTATION_URL, valid())
    _watch_for(1.0)
    assert len(mail.outbox) == 2
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()


@watching
def test_the_sender_keeps_going_while_the_database_is_down(client, caplog):
    client.post(CONSULTATION_URL, valid())
    real = send_pending_emails
    calls = []

    def database_down_once(**options):
        calls.append(options)
        if len(calls) == 1:
            raise OperationalError("connection refused")
        return real(**options)

    with mock.patch("eligibility.management.commands.send_pending_emails.send_pending_emails", database_down_once):
        _watch_for(1.0)
    assert len(calls) > 1
    assert "database unavailable (OperationalError)" in caplog.text
    assert len(mail.outbox) == 2


@watching
def test_the_sender_does_not_retry_a_failed_email_at_once(client):
    client.post(CONSULTATION_URL, valid())
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=TimeoutError):
        _watch_for(1.0)
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}
    a_minute_later = timezone.now() + FIRST_RETRY_AFTER
    with mock.patch("eligibility.services.timezone.now", return_value=a_minute_later):
        assert send_pending_emails(only_due=True) == 2
    assert len(mail.outbox) == 2


@watching
def test_a_log_of_the_sender_names_no_recipient(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(CONSULTATION_URL, valid())
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=TimeoutError):
        _watch_for(1.0)
    assert "jordan" not in caplog.text.lower()


def _queued(count: int) -> None:
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION, recipient="clinic@example.org", subject=f"{n}", body="-"
        )
        for n in range(count)
    )


def test_a_backlog_is_sent_in_batches_each_over_one_connection():
    _queued(2 * SEND_BATCH + 5)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.open") as connections:
        assert send_pending_emails() == 2 * SEND_BATCH + 5
    assert connections.call_count == 3
    assert sorted(int(message.subject) for message in mail.outbox) == list(range(2 * SEND_BATCH + 5))


def test_an_unreachable_mail_server_leaves_every_email_waiting_with_the_reason():
    _queued(3)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.open", side_effect=ConnectionRefusedError):
        assert send_pending_emails() == 0
    assert set(OutgoingEmail.objects.values_list("attempts", "last_error", "sent_at")) == {
        (1, "ConnectionRefusedError", None)
    }
    assert send_pending_emails() == 3
