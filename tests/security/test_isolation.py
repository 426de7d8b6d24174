"""One person's request or questionnaire never shows on another person's screen.

Avery and Blake use two browsers (two `Client`s). Whatever Blake types into the address bar, Blake sees Blake's
own answers or none; a reference or a resume link belongs to one person only.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from eligibility.models import ConsultationRequest, Questionnaire
from eligibility.questionnaire_steps import STEPS
from eligibility.questionnaire_views import SESSION_DRAFT
from eligibility.services import send_pending_emails
from tests.eligibility.test_questionnaire import ANSWERS, answer_all, start
from tests.factories import valid

pytestmark = pytest.mark.django_db

RESUME_FAILED = "This link does not work any more"


def answers_of(name: str, medicine: str) -> dict:
    email = name.split()[0].lower() + "@example.com"
    return {
        **ANSWERS,
        "medicines": {"medicines": ["none"], "other_medicines": medicine},
        "contact": {**ANSWERS["contact"], "name": name, "email": email},
    }


AVERY = answers_of("Avery Ashdown", "Averys private medicine")
BLAKE = answers_of("Blake Brennan", "Blakes private medicine")
AVERY_PRIVATE = ("Avery", "Ashdown", "avery@example.com", "Averys private medicine")
BLAKE_PRIVATE = ("Blake", "Brennan", "blake@example.com", "Blakes private medicine")


def assert_none_of(private: tuple[str, ...], html: str) -> None:
    for text in private:
        assert text not in html


def page(client, path: str) -> str:
    return client.get(path, follow=True).content.decode()


def emailed_link(to: str) -> str:
    """Send the outbox and read the path of the newest resume link e-mailed to `to` (the link is made as it is sent:
    the database holds only the token's hash)."""
    send_pending_emails()
    body = [message.body for message in mail.outbox if message.to == [to] and "continue" in message.subject][-1]
    return re.search(r"/eligibility/resume/[\w-]+/", body).group(0)


def resume_link(client, to: str = "someone@example.com") -> str:
    """Ask for a resume link and read the path it e-mails."""
    client.post("/eligibility/save/", {"email": to})
    return emailed_link(to)


def open_link(client, link: str):
    """Open a resume link and press its button, as the person it was sent to does."""
    assert client.get(link).status_code == 200
    return client.post(link)


def questionnaire_urls(draft: Questionnaire) -> list[str]:
    """Every questionnaire page, and each again with the other person's draft named in the query string."""
    paths = [f"/eligibility/{step.slug}/" for step in STEPS]
    paths += ["/eligibility/", "/eligibility/check/", "/eligibility/done/", "/eligibility/save/"]
    return paths + [f"{path}?draft={draft.pk}&id={draft.pk}&reference={draft.reference}" for path in paths]


@pytest.fixture
def avery():
    person = Client()
    answer_all(person, AVERY)
    return person


def test_someone_without_a_questionnaire_sees_nothing_of_anyone_elses_on_any_page(avery):
    avery_draft = Questionnaire.objects.get()
    blake = Client()
    for url in questionnaire_urls(avery_draft):
        assert_none_of(AVERY_PRIVATE, page(blake, url))


def test_someone_with_their_own_questionnaire_sees_only_their_own_answers_on_every_page(avery):
    avery_draft = Questionnaire.objects.get()
    blake = Client()
    answer_all(blake, BLAKE)
    assert "Blake Brennan" in page(blake, "/eligibility/check/")
    for url in questionnaire_urls(avery_draft):
        assert_none_of(AVERY_PRIVATE, page(blake, url))


def test_a_session_cookie_made_from_someone_elses_draft_opens_nothing(avery):
    avery_draft = Questionnaire.objects.get()
    real_key = avery.cookies[settings.SESSION_COOKIE_NAME].value
    for forged in (str(avery_draft.pk), avery_draft.reference, real_key[:-1] + ("a" if real_key[-1] != "a" else "b")):
        blake = Client()
        blake.cookies[settings.SESSION_COOKIE_NAME] = forged
        response = blake.get("/eligibility/check/")
        assert response["Location"] == "/eligibility/"
        assert_none_of(AVERY_PRIVATE, page(blake, "/eligibility/about-you/"))


def test_a_tampered_resume_link_opens_no_draft_and_leaves_the_visitors_own_alone(avery):
    link = resume_link(avery)
    token = link.split("/")[-2]
    blake = Client()
    answer_all(blake, BLAKE)
    for tampered in (token[:-1], token + "A", token[:-1] + ("A" if token[-1] != "A" else "B"), token.swapcase()):
        response = blake.get(f"/eligibility/resume/{tampered}/")
        assert response.status_code == 404
        assert RESUME_FAILED in response.content.decode()
    check = page(blake, "/eligibility/check/")
    assert "Blake Brennan" in check
    assert_none_of(AVERY_PRIVATE, check)


def test_each_resume_link_opens_only_its_own_persons_answers(avery):
    blake = Client()
    answer_all(blake, BLAKE)
    links = {"avery": resume_link(avery), "blake": resume_link(blake)}
    on_blakes_phone = Client()
    open_link(on_blakes_phone, links["blake"])
    check = page(on_blakes_phone, "/eligibility/check/")
    assert "Blake Brennan" in check
    assert_none_of(AVERY_PRIVATE, check)
    on_averys_phone = Client()
    open_link(on_averys_phone, links["avery"])
    check = page(on_averys_phone, "/eligibility/check/")
    assert "Avery Ashdown" in check
    assert_none_of(BLAKE_PRIVATE, check)


def test_a_resume_link_opens_nothing_once_its_questionnaire_is_sent(avery):
    link = resume_link(avery)
    avery.post("/eligibility/check/")
    response = Client().get(link)
    assert response.status_code == 404
    assert_none_of(AVERY_PRIVATE, response.content.decode())


def request_reference(client, name: str) -> str:
    """Send a consultation request from this browser; its reference, as the database has it."""
    posted = valid(name=name)
    client.post("/consultation/", posted)
    return ConsultationRequest.objects.get(submission_key=posted["submission_key"]).reference


def sent_questionnaire_reference(client) -> str:
    """Send this browser's questionnaire; the reference of the request it made, as the database has it."""
    draft_pk = client.session[SESSION_DRAFT]
    client.post("/eligibility/check/")
    return Questionnaire.objects.get(pk=draft_pk).request.reference


def assert_each_sees_only_their_own(path: str, references: dict) -> None:
    for client, own in references.items():
        html = page(client, path)
        assert own in html
        for other in set(references.values()) - {own}:
            assert other not in html


def test_the_request_received_page_shows_only_this_browsers_reference():
    avery, blake = Client(), Client()
    references = {avery: request_reference(avery, "Avery Ashdown"), blake: request_reference(blake, "Blake Brennan")}
    assert_each_sees_only_their_own("/consultation/received/", references)
    stranger = Client().get("/consultation/received/", {"reference": references[avery]})
    assert stranger["Location"] == "/consultation/"


def test_the_questionnaire_done_page_shows_only_this_browsers_reference(avery):
    blake = Client()
    answer_all(blake, BLAKE)
    references = {avery: sent_questionnaire_reference(avery), blake: sent_questionnaire_reference(blake)}
    assert_each_sees_only_their_own("/eligibility/done/", references)
    stranger = Client().get("/eligibility/done/", {"reference": references[avery]})
    assert stranger["Location"] == "/eligibility/"


def test_a_questionnaire_started_after_a_request_joins_this_browsers_request_only():
    avery, blake = Client(), Client()
    averys = request_reference(avery, "Avery Ashdown")
    blakes = request_reference(blake, "Blake Brennan")
    start(blake)
    assert Questionnaire.objects.get(pk=blake.session[SESSION_DRAFT]).request.reference == blakes
    assert not Questionnaire.objects.filter(request__reference=averys).exists()
