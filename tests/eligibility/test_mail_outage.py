"""With the mail server unreachable, requests are still saved, staff see what is unsent, and it is sent later."""

from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from eligibility.models import ConsultationRequest, OutgoingEmail
from eligibility.services import MAX_SEND_ATTEMPTS, send_pending_emails
from tests.factories import valid

pytestmark = pytest.mark.django_db


def mail_server_unreachable():
    return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=ConnectionRefusedError)


def test_a_long_mail_outage_under_load_leaves_every_email_to_be_sent_later(client, admin_client):
    requests = MAX_SEND_ATTEMPTS + 2
    with mail_server_unreachable():
        for n in range(requests):  # from as many people (one inbox gets at most 5 of these a day)
            assert client.post("/consultation/", valid(email=f"person{n}@example.com")).status_code == 302
            send_pending_emails(only_due=True)  # the outbox sender, looking every few seconds
    first = ConsultationRequest.objects.earliest("received_at")
    assert set(first.emails.values_list("attempts", flat=True)) == {1}  # it waits a minute before trying again

    page = admin_client.get(f"/admin/eligibility/consultationrequest/{first.pk}/change/").content.decode()
    assert "e-mails (unsent ones are retried)" in page.lower()
    assert page.count("ConnectionRefusedError") == 2

    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    assert out.getvalue().strip() == f"sent: {2 * requests}, still waiting: 0"
    assert len(mail.outbox) == 2 * requests
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
