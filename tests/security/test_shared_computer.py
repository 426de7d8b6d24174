"""On a shared computer the next person's questionnaire never joins the previous person's request
(issue 11, finding 6): the reference cookie ends with the browser session and after an hour, "Start again",
"Not you?" and sending the questionnaire each clear it, and the questionnaire's own session ends with the browser."""

import datetime
import time
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from eligibility.models import AuditEntry, ConsultationRequest, Questionnaire
from eligibility.questionnaire_views import SESSION_DRAFT
from eligibility.views import REFERENCE_COOKIE
from tests.eligibility.test_questionnaire import ANSWERS, answer_all, start
from tests.factories import valid
from tests.security.test_isolation import assert_none_of, open_link, page, resume_link

pytestmark = pytest.mark.django_db

WITHOUT_CONTACT = {slug: answers for slug, answers in ANSWERS.items() if slug != "contact"}
NOT_YOU = "Not you?"


def send_request(browser) -> ConsultationRequest:
    posted = valid(name="Avery Ashdown")
    browser.post("/consultation/", posted)
    return ConsultationRequest.objects.get(submission_key=posted["submission_key"])


def held_draft(browser) -> Questionnaire:
    return Questionnaire.objects.get(pk=browser.session[SESSION_DRAFT])


def assert_cleared(response) -> None:
    cookie = response.cookies[REFERENCE_COOKIE]
    assert cookie.value == ""
    assert cookie["max-age"] == 0


def test_the_reference_cookie_and_the_questionnaire_session_end_when_the_browser_closes():
    browser = Client()
    sent = browser.post("/consultation/", valid())
    started = browser.post("/eligibility/")
    for cookie in (sent.cookies[REFERENCE_COOKIE], started.cookies[settings.SESSION_COOKIE_NAME]):
        assert cookie["max-age"] == ""
        assert cookie["expires"] == ""


def test_a_reference_older_than_an_hour_joins_nothing():
    browser = Client()
    send_request(browser)
    an_hour_later = time.time() + 60 * 60 + 1
    with mock.patch("time.time", return_value=an_hour_later):
        start(browser)
    assert held_draft(browser).request is None


def test_start_again_never_joins_the_request_this_browser_sent():
    shared = Client()
    start(shared)  # Avery starts the questionnaire, then sends a request instead, and walks away
    averys = send_request(shared)
    assert "Start again" in shared.get("/eligibility/").content.decode()
    assert_cleared(shared.post("/eligibility/"))  # Blake starts again
    assert held_draft(shared).request is None
    assert shared.get("/eligibility/contact/").status_code == 200  # Blake is asked for Blake's own details
    assert not Questionnaire.objects.filter(request=averys).exists()


def test_not_you_on_the_start_page_forgets_the_request_this_browser_sent():
    shared = Client()
    averys = send_request(shared)  # Avery sends a request and walks away
    html = shared.get("/eligibility/").content.decode()
    assert averys.reference in html
    assert NOT_YOU in html
    assert_cleared(shared.post("/eligibility/not-you/"))
    assert NOT_YOU not in shared.get("/eligibility/").content.decode()
    start(shared)
    assert held_draft(shared).request is None
    assert not Questionnaire.objects.filter(request=averys).exists()


def test_not_you_on_the_check_page_keeps_the_answers_and_asks_for_the_persons_own_contact_details():
    shared = Client()
    averys = send_request(shared)
    answer_all(shared, WITHOUT_CONTACT)  # Blake missed the notice and answered everything
    check = shared.get("/eligibility/check/").content.decode()
    assert averys.reference in check
    assert NOT_YOU in check
    response = shared.post("/eligibility/not-you/")
    assert_cleared(response)
    assert response["Location"] == "/eligibility/contact/"
    draft = held_draft(shared)
    assert draft.request is None
    assert draft.answers["about-you"]["age"] == 45
    assert not Questionnaire.objects.filter(request=averys).exists()


def test_an_urgent_answer_from_the_next_person_stops_marking_the_earlier_persons_request_urgent_after_not_you():
    shared = Client()
    averys = send_request(shared)
    answer_all(shared, {**WITHOUT_CONTACT, "phq-9": {**WITHOUT_CONTACT["phq-9"], "phq9_item9": "2"}})
    averys.refresh_from_db()
    assert averys.urgent  # until Blake says "Not you?", the answers read as Avery's
    shared.post("/eligibility/not-you/")
    averys.refresh_from_db()
    assert not averys.urgent
    assert held_draft(shared).urgent  # Blake's own answers stay urgent, and ask for Blake's number next
    assert AuditEntry.objects.filter(record=averys.reference, actor=None, detail__contains="urgent flag").exists()


def test_sending_the_questionnaire_clears_the_reference_so_the_next_one_joins_nothing():
    shared = Client()
    averys = send_request(shared)
    answer_all(shared, WITHOUT_CONTACT)
    assert_cleared(shared.post("/eligibility/check/"))
    assert Questionnaire.objects.get(request=averys).status == Questionnaire.Status.SUBMITTED
    start(shared)
    assert held_draft(shared).request is None


URGENT_PHQ9 = {**ANSWERS["phq-9"], "phq9_item9": "2"}
CALL_PROMISE = "We will call the number ending in"


def send_urgent_questionnaire(browser) -> str:
    answer_all(browser, {**ANSWERS, "phq-9": URGENT_PHQ9})
    browser.post("/eligibility/check/")
    done = page(browser, "/eligibility/done/")
    reference = Questionnaire.objects.get().request.reference
    assert reference in done
    assert CALL_PROMISE in done
    return reference


def someone_else_takes_a_draft_by_resume_link(browser):
    owner = Client()
    start(owner)
    open_link(browser, resume_link(owner))


@pytest.mark.parametrize(
    "next_person",
    [
        lambda browser: browser.post("/eligibility/"),
        lambda browser: browser.post("/eligibility/not-you/"),
        someone_else_takes_a_draft_by_resume_link,
    ],
    ids=["starts", "not-you", "resume-link"],
)
def test_the_next_person_in_the_same_browser_never_sees_the_previous_persons_reference_or_call_promise(next_person):
    shared = Client()
    reference = send_urgent_questionnaire(shared)
    next_person(shared)
    response = shared.get("/eligibility/done/")
    assert response["Location"] == "/eligibility/"
    assert_none_of((reference, CALL_PROMISE), page(shared, "/eligibility/done/"))


def test_the_page_after_sending_shows_for_half_an_hour_then_never_again():
    shared = Client()
    reference = send_urgent_questionnaire(shared)
    Questionnaire.objects.update(submitted_at=timezone.now() - datetime.timedelta(minutes=29))
    assert reference in page(shared, "/eligibility/done/")
    Questionnaire.objects.update(submitted_at=timezone.now() - datetime.timedelta(minutes=31))
    assert_none_of((reference, CALL_PROMISE), page(shared, "/eligibility/done/"))
