"""No one can fill a stranger's inbox from the clinic: one inbox, however its address is spelled, gets at most 3
resume links an hour and 5 e-mails a day of the kinds a person asks for; staff see why one was held."""

import pytest
from django.core import mail
from django.test import Client

from eligibility.models import OutgoingEmail
from eligibility.services import send_pending_emails
from tests.eligibility.test_questionnaire import start
from tests.factories import valid

pytestmark = pytest.mark.django_db

ONE_GMAIL_INBOX = ["robin.quist@gmail.com", "RobinQuist+clinic@googlemail.com", "r.o.b.i.n.quist@Gmail.com ",
                   "robinquist+x@gmail.com"]  # fmt: skip


def test_a_gmail_address_spelled_with_dots_a_tag_or_googlemail_is_one_inbox_for_resume_links(settings):
    settings.RATELIMIT_ENABLE = True  # the security tests' conftest turns rate limits off
    answers = []
    for address in ONE_GMAIL_INBOX:
        person = Client()
        start(person)
        answers.append(person.post("/eligibility/save/", {"email": address}).content.decode())
    assert ["Check your email" in answer for answer in answers] == [True, True, True, False]
    assert "We can send at most 3 links an hour" in answers[-1]
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.RESUME_LINK).count() == 3


def test_one_inbox_gets_at_most_five_confirmations_and_links_a_day_and_staff_see_why_the_rest_wait(client):
    for n in range(7):
        Client().post("/consultation/", valid(email=ONE_GMAIL_INBOX[n % 4]))
    Client().post("/consultation/", valid(email="someone.else@example.com"))
    send_pending_emails()
    confirmations = [message for message in mail.outbox if message.subject.startswith("We have your request")]
    assert len(confirmations) == 6  # five to Robin's inbox, one to someone else's
    assert len([message for message in mail.outbox if message.to == ["intake@example.org"]]) == 8  # staff get all
    held = OutgoingEmail.objects.filter(sent_at__isnull=True)
    assert [email.last_error for email in held] == ["InboxDailyLimitReached"] * 2
