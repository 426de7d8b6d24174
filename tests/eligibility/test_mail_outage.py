"""With the mail server unreachable, requests are still saved, staff see what is unsent, and it is sent later."""

from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from eligibility.models import ConsultationRequest, OutgoingEmail
from eligibility.services import MAX_SEND_ATTEMPTS
from tests.eligibility.test_consultation import valid

pytestmark = pytest.mark.django_db


def mail_server_unreachable():
    return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=ConnectionRefusedError)


def test_a_long_mail_outage_under_load_leaves_every_email_to_be_sent_later(
    client, admin_client, django_capture_on_commit_callbacks
):
    requests = MAX_SEND_ATTEMPTS + 2
    with mail_server_unreachable(), django_capture_on_commit_callbacks(execute=True):
        responses = [client.post("/consultation/", valid()) for _ in range(requests)]
    assert {response.status_code for response in responses} == {302}
    first = ConsultationRequest.objects.earliest("received_at")
    assert set(first.emails.values_list("attempts", flat=True)) == {1}  # later requests did not use up its attempts

    page = admin_client.get(f"/admin/eligibility/consultationrequest/{first.pk}/change/").content.decode()
    assert "e-mails (unsent ones are retried)" in page.lower()
    assert page.count("ConnectionRefusedError") == 2

    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert out.getvalue().strip() == f"sent: {2 * requests}, still waiting: 0"
    assert len(mail.outbox) == 2 * requests
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
