import logging
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.db import connection

from eligibility.lookup import REFERENCE_ALPHABET, email_hash, new_reference, phone_hash
from eligibility.models import ConsultationRequest, OutgoingEmail
from eligibility.services import send_pending_emails
from tests.factories import CONSULTATION_URL, valid

pytestmark = pytest.mark.django_db


def test_a_valid_request_is_saved_and_the_person_sees_their_reference(client):
    response = client.post(CONSULTATION_URL, valid(), follow=True)
    record = ConsultationRequest.objects.get()
    html = response.content.decode()
    assert "We have your request" in html
    assert record.reference in html
    assert "call or text" in html.lower()
    assert record.phone == "+12075550123"
    assert record.status == ConsultationRequest.Status.NEW


def test_contact_details_are_encrypted_in_the_database():
    record = ConsultationRequest.objects.create(
        name="Jordan Rivers", email="jordan@example.com", phone="+12075550123", preferred_contact="phone",
        preferred_time="any", state="Maine", message="private words", submission_key=uuid.uuid4(),
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, email, phone, message, state FROM eligibility_consultationrequest WHERE id = %s", [record.pk]
        )
        name, email, phone, message, state = cursor.fetchone()
    for stored, plain in [(name, "Jordan"), (email, "jordan@"), (phone, "2075550123"), (message, "private")]:
        assert plain not in stored
    assert state == "Maine"
    assert ConsultationRequest.objects.get(pk=record.pk).name == "Jordan Rivers"
    assert record.email_lookup == email_hash(" Jordan@Example.com ")
    assert record.phone_lookup == phone_hash("207-555-0123")


def test_a_request_queues_its_emails_and_the_outbox_sender_delivers_them(client):
    client.post(CONSULTATION_URL, valid())
    record = ConsultationRequest.objects.get()
    assert mail.outbox == []  # the visitor never waits for the mail server
    assert record.emails.filter(sent_at__isnull=True).count() == 2
    assert send_pending_emails(only_due=True) == 2
    assert not record.emails.filter(sent_at__isnull=True).exists()


def test_emails_carry_the_reference_but_no_name_phone_or_message(client):
    client.post(CONSULTATION_URL, valid())
    send_pending_emails()
    record = ConsultationRequest.objects.get()
    assert len(mail.outbox) == 2
    patient, clinic = sorted(mail.outbox, key=lambda m: m.to[0] != "jordan@example.com")
    assert patient.to == ["jordan@example.com"]
    for message in mail.outbox:
        text = message.subject + message.body
        assert record.reference in text
        for private in ("Jordan", "Rivers", "0123", "antidepressants"):
            assert private not in text
    assert f"/admin/eligibility/consultationrequest/{record.pk}/change/" in clinic.body


def test_a_mail_failure_keeps_the_request_and_is_retried_later(client):
    response = client.post(CONSULTATION_URL, valid(), follow=True)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=ConnectionRefusedError):
        assert send_pending_emails(only_due=True) == 0
    assert "We have your request" in response.content.decode()
    assert ConsultationRequest.objects.count() == 1
    pending = OutgoingEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert set(pending.values_list("last_error", flat=True)) == {"ConnectionRefusedError"}
    assert send_pending_emails() == 2
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()


def test_a_double_submit_creates_one_record(client):
    data = valid()
    first = client.post(CONSULTATION_URL, data)
    second = client.post(CONSULTATION_URL, data)
    assert first.status_code == second.status_code == 302
    assert ConsultationRequest.objects.count() == 1


def test_reference_codes_are_random_and_readable():
    codes = {new_reference() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert len(code) == 11
        assert set(code.replace("-", "")) <= set(REFERENCE_ALPHABET)


def test_every_place_of_a_reference_code_takes_every_letter():
    codes = [new_reference().replace("-", "") for _ in range(2000)]
    for place in range(10):
        assert {code[place] for code in codes} == set(REFERENCE_ALPHABET)


def test_empty_form_lists_every_problem_and_keeps_nothing(client):
    response = client.post(CONSULTATION_URL, {"submission_key": str(uuid.uuid4())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Request a consultation" in html
    assert "There is a problem" in html
    for message in (
        "Enter your full name", "Enter your email address", "Enter your phone number",
        "Select how you would like us to contact you", "Select the best time to contact you",
        "Select the state you live in", "Confirm that you are 18 or over",
        "Agree that we may contact you, so that we can reply", "Confirm that you have read the privacy notice",
    ):  # fmt: skip
        assert message in html
    assert ConsultationRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address in the correct format, like name@example.com"),
        ({"phone": "12"}, "Enter a phone number, like 207 555 0123"),
        ({"phone": "call me maybe"}, "Enter a phone number, like 207 555 0123"),
        ({"state": "Texas"}, "Select the state you live in"),
        ({"preferred_contact": "pigeon"}, "Select how you would like us to contact you"),
        ({"message": "x" * 10_000}, "Your message must be 1,000 characters or fewer"),
        ({"name": "x" * 10_000}, "Your name must be 120 characters or fewer"),
        ({"name": "\x00\x01"}, "Your name contains characters we cannot accept. Use letters only"),
        ({"name": "\x01\x02\x03"}, "Enter your full name"),
        ({"message": "hello\x00"}, "Your message contains characters we cannot accept"),
        ({"is_adult": None}, "Confirm that you are 18 or over"),
    ],
)
def test_bad_input_gets_a_specific_message_and_keeps_what_was_typed(client, changes, message):
    data = valid(**changes)
    response = client.post(CONSULTATION_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="jordan@example.com"' in html or "email" in changes
    assert ConsultationRequest.objects.count() == 0


def test_hostile_text_is_stored_as_text_and_never_rendered_as_markup(client, admin_client):
    hostile = "<script>alert(1)</script>'; DROP TABLE eligibility_consultationrequest; --"
    client.post(CONSULTATION_URL, valid(name=hostile[:120], message=hostile))
    record = ConsultationRequest.objects.get()
    assert record.message == hostile
    html = admin_client.get(f"/admin/eligibility/consultationrequest/{record.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_missing_csrf_token_gets_a_403_not_a_500():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(CONSULTATION_URL, valid())
    assert response.status_code == 403
    assert ConsultationRequest.objects.count() == 0


def test_form_pages_are_never_cached_and_a_filled_in_form_is_never_indexed(client):
    response = client.post(CONSULTATION_URL, valid(email="not an address"))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_nothing_typed_reaches_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(CONSULTATION_URL, valid())
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=ConnectionRefusedError):
        send_pending_emails()
    logged = " ".join(record.getMessage() for record in caplog.records)
    for private in ("Jordan", "jordan@example.com", "0123", "antidepressants"):
        assert private not in logged


def test_staff_find_a_request_by_reference_email_or_phone(admin_client):
    record = ConsultationRequest.objects.create(
        name="A", email="jordan@example.com", phone="+12075550123", preferred_contact="phone",
        preferred_time="any", state="Maine", submission_key=uuid.uuid4(),
    )  # fmt: skip
    for term in (record.reference, "JORDAN@example.com", "207 555 0123"):
        html = admin_client.get("/admin/eligibility/consultationrequest/", {"q": term}).content.decode()
        assert record.reference in html, term
    html = admin_client.get("/admin/eligibility/consultationrequest/", {"q": "someone@else.org"}).content.decode()
    assert record.reference not in html


def test_the_retry_command_sends_what_is_waiting(client):
    from io import StringIO

    from django.core.management import call_command

    client.post(CONSULTATION_URL, valid())
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=TimeoutError):
        send_pending_emails()
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert out.getvalue().strip() == "sent: 2, still waiting: 0"
    assert len(mail.outbox) == 2


def test_an_oversized_body_gets_a_clear_400_page_and_saves_nothing(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(CONSULTATION_URL, valid(message="x" * 20_000))
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert ConsultationRequest.objects.count() == 0


def test_too_many_fields_gets_a_clear_400_page(client):
    data = valid() | {f"extra{n}": "x" for n in range(1200)}
    response = client.post(CONSULTATION_URL, data)
    assert response.status_code == 400
    assert ConsultationRequest.objects.count() == 0


def test_a_missing_csrf_token_gets_a_page_that_says_what_to_do():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(CONSULTATION_URL, valid())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in html
    assert 'href="tel:988"' in html
