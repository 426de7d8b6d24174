"""Urgent alerts cannot be flooded, and the clinic cannot be made to call a stranger again and again: one address
asks for 5 urgent calls an hour, one number is given 3 times a day. Over either limit the person still sees every
crisis option and is told their number was not saved; their questionnaire is still marked urgent, and an urgent
answer always alerts staff."""

import json

import pytest
from django.test import Client

from eligibility.models import OutgoingEmail, Questionnaire
from eligibility.urgent import CRISIS_PANEL
from tests.eligibility.test_questionnaire import PHQ9_LOW, start

pytestmark = pytest.mark.django_db

CRISIS_OPTIONS = ('href="tel:988"', "988lifeline.org/chat", 'href="tel:911"')
NOT_SAVED = "We could not save your number just now"


@pytest.fixture(autouse=True)
def _limits_on(settings):
    settings.RATELIMIT_ENABLE = True  # the security tests' conftest turns rate limits off
    settings.RATELIMIT_PUBLIC_POST = "1000/m"  # only the urgent-call limits are tested here


def alerts() -> int:
    return OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION).count()


def ask_for_a_call(phone: str, address: str = "198.51.100.1", **headers):
    person = Client(REMOTE_ADDR=address)
    start(person)
    return person.post("/eligibility/urgent-call/", {"phone": phone, "return_to": "phq-9"}, **headers)


def test_one_address_asks_for_five_urgent_calls_an_hour_then_sees_the_crisis_options_and_no_alert_is_sent():
    for n in range(5):
        assert ask_for_a_call(f"207 555 01{n:02d}").status_code == 302
    assert alerts() == 5
    refused = ask_for_a_call("207 555 0199")
    page = refused.content.decode()
    assert NOT_SAVED in page
    assert "Error: Your phone number" in page
    for option in CRISIS_OPTIONS:
        assert option in page
    assert alerts() == 5
    draft = Questionnaire.objects.latest("pk")
    assert draft.urgent  # still first in staff's lists
    assert CRISIS_PANEL not in draft.answers  # the number is not kept
    assert ask_for_a_call("207 555 0199", address="198.51.100.2").status_code == 302  # another address is not


def test_one_number_is_given_at_most_three_times_a_day_from_any_address():
    for n, typed in enumerate(["207 555 0142", "(207) 555-0142", "+1 207 555 0142"]):
        assert ask_for_a_call(typed, address=f"203.0.113.{n}").status_code == 302
    refused = ask_for_a_call("2075550142", address="203.0.113.9", HTTP_ACCEPT="application/json")
    assert refused.status_code == 400
    assert NOT_SAVED in json.loads(refused.content)["error"]  # the panel's script shows it beside the number
    assert alerts() == 3


def test_an_urgent_answer_still_flags_and_alerts_once_the_limits_are_reached():
    for n in range(6):
        ask_for_a_call(f"207 555 01{n:02d}")
    person = Client(REMOTE_ADDR="198.51.100.1")
    start(person)
    person.post("/eligibility/phq-9/", {**PHQ9_LOW, "phq9_item9": "2", "continue": ""})
    draft = Questionnaire.objects.latest("pk")
    assert draft.urgent
    assert OutgoingEmail.objects.filter(questionnaire=draft, kind=OutgoingEmail.Kind.URGENT_NOTIFICATION).exists()
