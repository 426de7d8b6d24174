"""A resume link is a key to someone's answers: it works once, for 24 hours, in the browser that presses its button,
and it shuts every other browser out of the draft, the one that asked for it included (issue 11, finding 1)."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire
from eligibility.questionnaire_views import SESSION_DRAFT
from eligibility.services import send_pending_emails
from tests.eligibility.test_questionnaire import ANSWERS, start
from tests.factories import valid
from tests.security.test_isolation import (
    RESUME_FAILED,
    assert_none_of,
    emailed_link,
    open_link,
    page,
    questionnaire_urls,
    resume_link,
)

pytestmark = pytest.mark.django_db

ABOUT_THE_VICTIM = {"age": "37", "pregnant_or_breastfeeding": "yes", "height_inches": "64", "weight_pounds": "143"}
VICTIM_CONTACT = {**ANSWERS["contact"], "name": "Robin Quist", "email": "robin@example.com", "phone": "207 555 0142"}
VICTIM_PRIVATE = ('value="37"', 'value="143"', "Robin", "Quist", "robin@example.com", "555 0142", "555-0142")
LIST = "/admin/eligibility/consultationrequest/"
USED = "This link has been used"
RUN_OUT = "This link has run out"


def resume_links_sent() -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.RESUME_LINK).order_by("pk"))


@pytest.fixture
def clock():
    """Move the site's clock forward: `clock(hours=25)`."""
    now = timezone.now()
    offset = {"delta": datetime.timedelta()}
    with mock.patch("django.utils.timezone.now", side_effect=lambda: now + offset["delta"]):
        yield lambda **moved: offset.update(delta=datetime.timedelta(**moved))


def test_an_outsider_who_has_the_clinic_email_their_draft_to_someone_sees_nothing_of_what_that_person_answers():
    attacker = Client()
    start(attacker)
    draft = Questionnaire.objects.get(pk=attacker.session[SESSION_DRAFT])
    link = resume_link(attacker, to="robin@example.com")
    victim = Client()
    open_link(victim, link)
    victim.post("/eligibility/about-you/", {**ABOUT_THE_VICTIM, "continue": ""})
    for slug, answers in list(ANSWERS.items())[1:-1]:
        victim.post(f"/eligibility/{slug}/", {**answers, "continue": ""})
    victim.post("/eligibility/contact/", {**VICTIM_CONTACT, "continue": ""})
    assert "Robin Quist" in page(victim, "/eligibility/check/")

    for url in questionnaire_urls(draft):
        assert_none_of(VICTIM_PRIVATE, page(attacker, url))
    attacker.post("/eligibility/about-you/", {**ABOUT_THE_VICTIM, "age": "99", "continue": ""})
    attacker.post("/eligibility/contact/", {**VICTIM_CONTACT, "email": "attacker@example.com", "continue": ""})
    attacker.post("/eligibility/check/")
    attacker.post("/eligibility/save/", {"email": "attacker@example.com"})
    draft.refresh_from_db()
    assert draft.status == Questionnaire.Status.DRAFT
    assert draft.answers["about-you"]["age"] == 37
    assert draft.answers["contact"]["email"] == "robin@example.com"
    assert [email.recipient for email in resume_links_sent()] == ["robin@example.com"]
    replayed = attacker.post(link, follow=True)
    assert USED in replayed.content.decode()
    assert_none_of(VICTIM_PRIVATE, replayed.content.decode())
    assert "Robin Quist" in page(victim, "/eligibility/check/")


def test_opening_a_resume_link_shows_a_button_and_no_answers_until_the_button_is_pressed(client):
    start(client)
    client.post("/eligibility/about-you/", {**ABOUT_THE_VICTIM, "continue": ""})
    link = resume_link(client)
    previewer = Client()  # a mail scanner, or someone who sees the link over a shoulder
    opened = previewer.get(link)
    assert opened.status_code == 200
    assert "Continue my questionnaire" in opened.content.decode()
    assert_none_of(VICTIM_PRIVATE, opened.content.decode())
    assert previewer.get("/eligibility/check/")["Location"] == "/eligibility/"
    assert 'value="37"' in page(client, "/eligibility/about-you/")  # nothing was taken from the person


def test_pressing_the_button_gives_this_browser_a_new_session_key_and_the_draft():
    person = Client()
    start(person)
    link = resume_link(person)
    phone = Client()
    start(phone)  # the phone already had a session of its own
    before = phone.session.session_key
    assert open_link(phone, link)["Location"] == "/eligibility/about-you/"
    assert phone.session.session_key != before
    assert phone.session[SESSION_DRAFT] == person.session[SESSION_DRAFT]


def test_a_resume_link_works_once_and_only_the_newest_link_works():
    person = Client()
    start(person)
    person.post("/eligibility/about-you/", {**ABOUT_THE_VICTIM, "continue": ""})
    older, link = resume_link(person), resume_link(person)
    assert RESUME_FAILED in Client().get(older).content.decode()
    open_link(Client(), link)
    for again in (Client(), Client()):
        for response in (again.get(link), again.post(link)):
            assert response.status_code == 410
            assert USED in response.content.decode()
            assert_none_of(VICTIM_PRIVATE, response.content.decode())
        assert again.get("/eligibility/check/")["Location"] == "/eligibility/"


def test_a_resume_link_runs_out_24_hours_after_it_was_sent_however_often_answers_are_saved(clock, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * 60 * 60  # the person's own browser stays signed in to the draft
    person = Client()
    start(person)
    link = resume_link(person)
    clock(hours=23)
    person.post("/eligibility/about-you/", {**ABOUT_THE_VICTIM, "continue": ""})  # saving keeps the draft longer
    assert "Continue my questionnaire" in Client().get(link).content.decode()
    clock(hours=24, minutes=1)
    late = Client()
    for response in (late.get(link), late.post(link)):
        assert response.status_code == 410
        assert RUN_OUT in response.content.decode()
        assert_none_of(VICTIM_PRIVATE, response.content.decode())
    assert late.get("/eligibility/check/")["Location"] == "/eligibility/"
    assert 'value="37"' in page(person, "/eligibility/about-you/")


def test_the_email_says_the_link_works_once_for_24_hours_and_links_to_the_sites_own_address(client, settings):
    settings.SITE_URL = "https://clinic.example.org"
    start(client)
    client.post("/eligibility/save/", {"email": "alex@example.com"}, HTTP_HOST="localhost")
    send_pending_emails()
    (email,) = mail.outbox
    assert "The link works once, for 24 hours." in email.body
    assert re.search(r"^Continue here: https://clinic\.example\.org/eligibility/resume/[\w-]{43}/$", email.body, re.M)


@pytest.mark.parametrize("how", ["used", "run out"])
def test_a_used_or_run_out_link_offers_a_new_one_sent_only_to_the_address_the_old_one_went_to(how, clock):
    person = Client()
    start(person)
    link = resume_link(person, to="robin@example.com")
    if how == "used":
        open_link(Client(), link)
    else:
        clock(hours=25)
    holder = Client()
    assert "Email me a new link" in holder.get(link).content.decode()
    sent = holder.post(link + "new-link/", {"email": "attacker@example.com"})
    assert "Check your email" in sent.content.decode()
    assert_none_of(VICTIM_PRIVATE, sent.content.decode())
    assert [email.recipient for email in resume_links_sent()] == ["robin@example.com", "robin@example.com"]
    new_link = emailed_link("robin@example.com")
    assert new_link != link
    assert open_link(Client(), new_link).status_code == 302
    assert RESUME_FAILED in Client().get(link).content.decode()


def test_links_are_sent_at_most_three_times_an_hour_per_draft_and_per_address(settings):
    settings.RATELIMIT_ENABLE = True  # the security tests' conftest turns rate limits off
    person = Client()
    start(person)
    for n in range(3):
        assert "Check your email" in person.post("/eligibility/save/", {"email": f"a{n}@example.com"}).content.decode()
        send_pending_emails()
    refused = person.post("/eligibility/save/", {"email": "a3@example.com"}).content.decode()
    assert "We can send at most 3 links an hour" in refused
    assert "Error:" in refused
    send_pending_emails()
    assert len(mail.outbox) == 3
    for address in ("robin@example.com", "Robin+qz@Example.com ", "robin@example.com", "robin+x@example.com"):
        another_draft = Client()
        start(another_draft)
        response = another_draft.post("/eligibility/save/", {"email": address})
    assert "We can send at most 3 links an hour" in response.content.decode()
    assert len([email for email in resume_links_sent() if email.recipient.lower().startswith("robin")]) == 3


def stored_anywhere() -> str:
    """Every row of the tables that a resume link could be kept in, as a backup or a database reader sees them."""
    rows = [*Questionnaire.objects.values(), *OutgoingEmail.objects.values()]
    return str(rows) + "".join(email.body for email in OutgoingEmail.objects.all())


@pytest.mark.parametrize("mail_server", ["up", "down for hours"])
def test_no_working_link_is_ever_stored_in_the_database_or_a_personal_data_export(admin_client, mail_server):
    person = Client()
    person.post("/consultation/", valid(email="robin@example.com"))
    start(person)
    person.post("/eligibility/save/", {"email": "robin@example.com"})
    if mail_server == "up":
        send_pending_emails()
        (message,) = [message for message in mail.outbox if "continue" in message.subject]
        link = re.search(r"/eligibility/resume/([\w-]+)/", message.body)
        assert link[1] not in stored_anywhere()
        assert open_link(Client(), link[0]).status_code == 302
    record = ConsultationRequest.objects.get()
    export = admin_client.post(LIST, {"action": "export_personal_data", "_selected_action": [record.pk]})
    assert "Your link to continue the questionnaire" in export.content.decode()
    for text in (stored_anywhere(), export.content.decode()):
        assert not re.search(r"/eligibility/resume/[\w-]{20,}/", text)


def test_pages_that_carry_a_token_in_their_address_send_only_the_origin_as_referer(client):
    start(client)
    link = resume_link(client)
    assert client.get(link)["Referrer-Policy"] == "strict-origin"
    open_link(Client(), link)
    assert client.get(link)["Referrer-Policy"] == "strict-origin"
    assert client.post(link + "new-link/")["Referrer-Policy"] == "strict-origin"


def test_a_link_asked_for_while_an_earlier_one_waits_in_the_outbox_is_the_only_one_sent():
    """Sent later (a retry after a mail failure), the earlier link would replace the newer one."""
    person = Client()
    start(person)
    person.post("/eligibility/save/", {"email": "robin.q@example.con"})
    person.post("/eligibility/save/", {"email": "robin.q@example.com"})  # the typo put right
    send_pending_emails()
    (message,) = mail.outbox
    assert message.to == ["robin.q@example.com"]
    assert open_link(Client(), re.search(r"/eligibility/resume/[\w-]+/", message.body)[0]).status_code == 302
