"""The call promised after an urgent answer is made once and kept: every page, e-mail and staff view repeats the time
the person was told, names the number it goes to, and staff are told when a number first arrives."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from eligibility.call_promise import CRISIS_PANEL, callback_phone, store_call_promise
from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire
from eligibility.questionnaire_steps import STEP_BY_SLUG
from eligibility.screening import screen
from eligibility.services import (
    alert_staff,
    detach_from_request,
    flag_urgent,
    save_questionnaire_step,
    send_pending_emails,
)
from tests.eligibility.conftest import MONDAY_4PM, NEW_YORK
from tests.eligibility.test_questionnaire import ANSWERS, start
from tests.eligibility.test_urgent_path import URGENT_PHQ9, answer_up_to_phq9, urgent_answer
from tests.factories import make_request, valid
from tests.security.test_isolation import resume_link

pytestmark = pytest.mark.django_db

MONDAY_4_50PM = datetime.datetime(2026, 11, 23, 16, 50, tzinfo=NEW_YORK)
MONDAY_5_05PM = datetime.datetime(2026, 11, 23, 17, 5, tzinfo=NEW_YORK)
TODAY_BEFORE_6 = "A clinician will call you today, before 6 pm."
URGENT = OutgoingEmail.Kind.URGENT_NOTIFICATION


def urgent_alerts() -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(kind=URGENT).order_by("pk"))


def panel(html: str) -> str:
    return html.split('id="urgent-panel"')[1].split("</section>")[0]


def answer_everything(client, *, phq9=URGENT_PHQ9):
    start(client)
    for slug, data in {**ANSWERS, "phq-9": phq9}.items():
        assert client.post(f"/eligibility/{slug}/", {**data, "continue": ""}).status_code == 302


# 1. The confirmation e-mail repeats the promise; staff e-mails of an urgent record say URGENT.


def test_an_urgent_patient_is_emailed_the_call_time_and_the_crisis_line_never_one_business_day(client, clinic_clock):
    answer_everything(client)
    client.post("/eligibility/check/")
    confirmation = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert confirmation.recipient == "alex@example.com"
    body = confirmation.body
    assert "A clinician will call you on Monday, November 23, before 6 pm." in body
    assert "We will call the number ending in 0188. Please answer calls from (555) 010-4200." in body
    assert "call or text 988" in body
    assert "one business day" not in body
    for private in ("PHQ", "suicid", "self-harm", "Sertraline", "555 0188", "5550188"):
        assert private not in body


def test_the_staff_emails_of_an_urgent_record_say_urgent_and_go_to_the_on_call_address(client, clinic_clock, settings):
    settings.CLINIC_NOTIFICATION_EMAIL = "intake@clinic.example.org"
    settings.CLINIC_URGENT_EMAIL = "on-call@clinic.example.org"
    answer_everything(client)
    client.post("/eligibility/check/")
    staff = OutgoingEmail.objects.exclude(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert {email.recipient for email in staff} == {"on-call@clinic.example.org"}
    request = ConsultationRequest.objects.get()
    subjects = sorted(email.subject for email in staff)
    assert f"URGENT: New consultation request {request.reference}" in subjects
    assert f"URGENT: Questionnaire received for {request.reference}" in subjects
    assert all(subject.startswith("URGENT") for subject in subjects)


def test_an_ordinary_record_keeps_the_usual_promise_and_the_intake_inbox(client, settings):
    settings.CLINIC_NOTIFICATION_EMAIL = "intake@clinic.example.org"
    settings.CLINIC_URGENT_EMAIL = "on-call@clinic.example.org"
    answer_everything(client, phq9=ANSWERS["phq-9"])
    client.post("/eligibility/check/")
    confirmation = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert "We will contact you within one business day." in confirmation.body
    assert "A clinician will call you" not in confirmation.body
    staff = OutgoingEmail.objects.exclude(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert {email.recipient for email in staff} == {"intake@clinic.example.org"}
    assert not any("URGENT" in email.subject for email in staff)


def test_a_person_whose_request_came_first_is_emailed_the_call_time_when_the_urgent_answers_arrive(
    client, clinic_clock
):
    client.post("/consultation/", valid())
    start(client)
    for slug, data in {**ANSWERS, "phq-9": URGENT_PHQ9}.items():
        if slug != "contact":
            client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
    client.post("/eligibility/check/")
    request = ConsultationRequest.objects.get()
    (answers_email,) = OutgoingEmail.objects.filter(subject__startswith="We have your answers")
    assert answers_email.recipient == "jordan@example.com"
    assert request.reference in answers_email.subject
    assert "A clinician will call you on Monday, November 23, before 6 pm." in answers_email.body
    assert "ending in 0123" in answers_email.body
    assert "one business day" not in answers_email.body


# 2. A number arriving after the first alert is a second alert, exactly once.


@pytest.mark.parametrize("how", ["crisis panel", "contact step"])
def test_staff_are_alerted_again_the_first_time_a_number_reaches_an_urgent_record(client, clinic_clock, how):
    urgent_answer(client)  # no number yet
    (first,) = urgent_alerts()
    assert "No time promised yet: there is no phone number on the record." in first.body
    assert "You will get another e-mail when one is given." in first.body
    if how == "crisis panel":
        client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "getting-home"})
    else:
        client.post("/eligibility/getting-home/", {**ANSWERS["getting-home"], "continue": ""})
        client.post("/eligibility/contact/", {**ANSWERS["contact"], "continue": ""})
    _, number_alert = urgent_alerts()
    draft = Questionnaire.objects.get()
    assert number_alert.subject == f"URGENT: a number to call: {draft.reference}"
    assert "A number is now on the record" in number_alert.body
    assert "The patient was told a clinician would call: Monday, November 23, before 6 pm (call by then)." in (
        number_alert.body
    )
    assert f"/admin/eligibility/questionnaire/{draft.pk}/change/" in number_alert.body
    for digits in ("0142", "0188", "555"):
        assert digits not in number_alert.body
    # More numbers, more saves and the submission itself never alert again.
    client.post("/eligibility/urgent-call/", {"phone": "207 555 0177", "different_number": "1", "return_to": "check"})
    answer_everything_left = {slug: data for slug, data in ANSWERS.items() if slug not in draft.answers}
    for slug, data in answer_everything_left.items():
        client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
    client.post("/eligibility/check/")
    assert len(urgent_alerts()) == 2


def test_an_urgent_answer_with_a_number_already_known_sends_one_alert_that_says_what_the_patient_was_told(
    client, clinic_clock
):
    client.post("/consultation/", valid())
    answer_up_to_phq9(client)
    client.post("/eligibility/phq-9/", {**URGENT_PHQ9, "continue": ""})
    (alert,) = urgent_alerts()
    assert "The patient was told a clinician would call: Monday, November 23, before 6 pm (call by then)." in alert.body
    client.post("/eligibility/urgent-call/", {"return_to": "getting-home"})
    assert len(urgent_alerts()) == 1


def test_two_requests_at_once_for_one_draft_send_each_alert_once(clinic_clock):
    """The crisis panel's script and a page sent at the same moment each hold their own copy of the draft."""
    draft = Questionnaire.objects.create(answers={CRISIS_PANEL: {"phone": "+12075550142"}})
    first, second = Questionnaire.objects.get(pk=draft.pk), Questionnaire.objects.get(pk=draft.pk)
    flag_urgent(first)
    flag_urgent(second)
    (alert,) = urgent_alerts()
    assert "Monday, November 23, before 6 pm" in alert.body
    Questionnaire.objects.filter(pk=draft.pk).update(urgent=True, call_due_by=None, call_opens_at=None)
    first, second = Questionnaire.objects.get(pk=draft.pk), Questionnaire.objects.get(pk=draft.pk)
    alert_staff(first, number_arrived=store_call_promise(first))
    alert_staff(second, number_arrived=store_call_promise(second))
    assert len(urgent_alerts()) == 2
    assert second.call_due_by == first.call_due_by == datetime.datetime(2026, 11, 23, 18, 0, tzinfo=NEW_YORK)


# 3. Save for later shows the panel, with its phone question, without JavaScript.


def test_the_save_for_later_page_shows_the_urgent_panel_and_asks_for_a_number(client, clinic_clock):
    answer_up_to_phq9(client)
    response = client.post("/eligibility/phq-9/", {**URGENT_PHQ9, "save_for_later": ""}, follow=True)
    html = response.content.decode()
    assert "Save and come back later" in html
    assert "Please get support now if you need it" in panel(html)
    assert "We do not have a phone number for you yet" in panel(html)
    assert 'href="tel:988"' in panel(html)
    assert '<input type="hidden" name="return_to" value="save">' in panel(html)
    response = client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "save"})
    assert response["Location"] == "/eligibility/save/#urgent-panel"
    html = client.get("/eligibility/save/").content.decode()
    assert TODAY_BEFORE_6 in panel(html)
    assert "ending in <strong data-number-ending>0142</strong>" in panel(html)


def test_after_a_resume_link_the_first_page_has_the_panel_and_its_phone_question_but_the_link_page_shows_nothing(
    client, clinic_clock
):
    """The link's own page shows no answers (anyone holding the link sees it); the page after its button does."""
    answer_up_to_phq9(client)
    client.post("/eligibility/phq-9/", {**URGENT_PHQ9, "save_for_later": ""})
    link = resume_link(client, to="alex@example.com")
    later = Client()
    landing = later.get(link).content.decode()
    assert "Please get support now if you need it" not in landing
    html = later.post(link, follow=True).content.decode()
    assert "We do not have a phone number for you yet" in panel(html)
    assert 'href="tel:988"' in panel(html)


def test_a_draft_that_is_not_urgent_shows_no_panel_when_saved(client):
    answer_up_to_phq9(client)
    html = client.get("/eligibility/save/").content.decode()
    assert 'id="urgent-panel"' not in html


# 4. The time is promised once and repeated everywhere.


def test_the_promise_made_at_4_50_pm_is_the_one_repeated_after_5_pm(client, clinic_clock):
    clinic_clock(MONDAY_4_50PM)
    urgent_answer(client)
    saved = client.post(
        "/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "phq-9"}, HTTP_ACCEPT="application/json"
    )
    assert saved.json()["promise"] == TODAY_BEFORE_6
    draft = Questionnaire.objects.get()
    assert draft.call_due_by == datetime.datetime(2026, 11, 23, 18, 0, tzinfo=NEW_YORK)
    clinic_clock(MONDAY_5_05PM)  # worked out now, it would be "tomorrow"
    assert TODAY_BEFORE_6 in panel(client.get("/eligibility/getting-home/").content.decode())
    again = client.post("/eligibility/urgent-call/", {"return_to": "phq-9"}, HTTP_ACCEPT="application/json")
    assert again.json()["promise"] == TODAY_BEFORE_6
    for slug, data in ANSWERS.items():
        if slug not in draft.answers and slug != "phq-9":
            client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
    html = client.post("/eligibility/check/", follow=True).content.decode()
    assert TODAY_BEFORE_6 in html
    assert "tomorrow" not in html
    confirmation = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert "on Monday, November 23, before 6 pm" in confirmation.body


def test_a_promise_whose_time_has_passed_is_told_as_it_was_not_made_again(client, clinic_clock):
    urgent_answer(client)
    client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "getting-home"})
    clinic_clock(MONDAY_4PM + datetime.timedelta(days=1))
    html = panel(client.get("/eligibility/getting-home/").content.decode())
    assert "A clinician was due to call you by 6 pm on Monday, November 23. If we have not reached you yet" in html
    assert "A clinician will call you" not in html


def test_staff_see_what_the_patient_was_told_on_both_records_and_the_reason_says_to_call_by_then(clinician_client):
    record = make_request()
    due = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=NEW_YORK)
    opens = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=NEW_YORK)
    answers = {"phq-9": {f"phq9_item{n}": 1 for n in range(1, 10)}}
    draft = Questionnaire.objects.create(
        request=record, urgent=True, urgent_notified=True, call_due_by=due, call_opens_at=opens, answers=answers
    )
    told = "Tuesday, November 24, soon after we open at 8 am (call by 9 am)"
    questionnaire_page = clinician_client.get(f"/admin/eligibility/questionnaire/{draft.pk}/change/").content.decode()
    request_page = clinician_client.get(
        f"/admin/eligibility/consultationrequest/{record.pk}/change/"
    ).content.decode()  # fmt: skip
    for page in (questionnaire_page, request_page):
        assert "Call promised" in page
        assert told in page
        assert "call by the time the patient was told (shown on the record)" in page
        assert "call back the same day" not in page
    assert draft.reference in request_page
    assert record.reference in questionnaire_page


def test_the_screening_reason_for_item_nine_points_staff_to_the_promised_time():
    (reason,) = [reason for reason in screen({"phq9_item9": 1}).reasons if reason.code == "phq9_item9"]
    assert "call by the time the patient was told (shown on the record)" in reason.explanation


# 5. The number is named (its last four digits), with the clinic's phone and a way to give another.


def test_the_panel_names_the_number_and_the_clinics_phone_and_takes_a_different_number(client, clinic_clock):
    client.post("/consultation/", valid())  # on a shared computer, this may be someone else's request
    urgent_answer(client)
    html = panel(client.get("/eligibility/getting-home/").content.decode())
    assert "We will call the number ending in <strong data-number-ending>0123</strong>." in html
    assert "Please answer calls from (555) 010-4200." in html
    assert "<summary>This is not my number</summary>" in html
    assert 'name="different_number"' in html
    response = client.post(
        "/eligibility/urgent-call/", {"phone": "", "different_number": "1", "return_to": "getting-home"}
    )
    assert "Enter a phone number, like 207 555 0123" in response.content.decode()  # an empty "other" number is an error
    response = client.post(
        "/eligibility/urgent-call/", {"phone": "207 555 0142", "different_number": "1", "return_to": "getting-home"}
    )
    assert response["Location"] == "/eligibility/getting-home/#urgent-panel"
    html = panel(client.get("/eligibility/getting-home/").content.decode())
    assert "ending in <strong data-number-ending>0142</strong>" in html
    draft = Questionnaire.objects.get()
    assert callback_phone(draft) == "+12075550142"
    assert draft.answers[CRISIS_PANEL] == {"phone": "+12075550142"}


def test_the_done_page_names_the_number_and_the_clinics_phone(client, clinic_clock):
    answer_everything(client)
    html = client.post("/eligibility/check/", follow=True).content.decode()
    assert "We will call the number ending in <strong>0188</strong>" in html
    assert "Please answer calls from (555) 010-4200." in html


def test_a_number_typed_in_this_questionnaire_comes_before_the_request_found_by_the_cookie():
    draft = Questionnaire.objects.create(request=make_request(), answers={"contact": {"phone": "+12075550188"}})
    assert callback_phone(draft) == "+12075550188"
    draft.answers = {**draft.answers, CRISIS_PANEL: {"phone": "+12075550142"}}
    assert callback_phone(draft) == "+12075550142"
    assert callback_phone(Questionnaire.objects.create(request=make_request())) == "+12075550199"


def test_after_not_you_the_promise_made_for_the_other_persons_number_goes_and_the_next_number_gets_its_own(
    clinic_clock,
):
    draft = Questionnaire.objects.create(request=make_request(), answers={})
    flag_urgent(draft)  # the number was the request's: the one this browser's cookie found
    draft.save()
    assert draft.call_due_by is not None
    detach_from_request(draft=draft)
    draft.refresh_from_db()
    assert draft.call_due_by is None
    save_questionnaire_step(draft=draft, step=STEP_BY_SLUG["contact"], answer={"phone": "+12075550188"})
    _, number_alert = urgent_alerts()
    assert number_alert.subject.startswith("URGENT: a number to call")
    assert draft.call_due_by is not None


# 6. A draft that moved to another device is told plainly, with the crisis line.


def test_a_draft_taken_to_another_device_gets_the_crisis_line_not_a_timed_out_message(client):
    urgent_answer(client)
    Questionnaire.objects.update(session_generation=1)  # a resume link opened it in another browser
    scripted = client.post(
        "/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "phq-9"}, HTTP_ACCEPT="application/json"
    )
    assert scripted.status_code == 409
    assert scripted.json()["error"] == (
        "We could not save your number here. If you need help now, call or text 988. "
        "During opening hours you can call us on (555) 010-4200."
    )
    page = client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "phq-9"})
    html = page.content.decode()
    assert page.status_code == 409
    assert "We could not save your number here." in html
    assert "timed out. Please start again" not in html
    assert 'href="tel:988"' in html
    assert CRISIS_PANEL not in Questionnaire.objects.get().answers


# 9. Both references, so a patient quoting either is matched.


def test_the_alert_names_both_references_and_either_finds_both_records(client, clinician_client, clinic_clock):
    record = make_request()
    draft = Questionnaire.objects.create(request=record, answers={"phq-9": {}})
    flag_urgent(draft)
    draft.save()
    (alert,) = urgent_alerts()
    assert f"Questionnaire reference: {draft.reference}" in alert.body
    assert f"Consultation request reference (the one the patient was given): {record.reference}" in alert.body
    assert alert.subject == f"URGENT safety follow-up: {draft.reference} (request {record.reference})"
    requests = clinician_client.get("/admin/eligibility/consultationrequest/", {"q": draft.reference, "view": "all"})
    assert f"/admin/eligibility/consultationrequest/{record.pk}/change/" in requests.content.decode()
    questionnaires = clinician_client.get("/admin/eligibility/questionnaire/", {"q": record.reference})
    assert f"/admin/eligibility/questionnaire/{draft.pk}/change/" in questionnaires.content.decode()


# 10. Urgent alerts go to their own address.


def test_urgent_alerts_go_to_the_on_call_address_and_ordinary_notices_to_the_intake_inbox(client, settings):
    settings.CLINIC_NOTIFICATION_EMAIL = "intake@clinic.example.org"
    settings.CLINIC_URGENT_EMAIL = "on-call@clinic.example.org"
    client.post("/consultation/", valid())
    urgent_answer(client)
    send_pending_emails()
    to = {message.subject.split(":")[0]: message.to for message in mail.outbox}
    assert to["URGENT safety follow-up"] == ["on-call@clinic.example.org"]
    assert [m.to for m in mail.outbox if m.subject.startswith("New consultation request")] == [
        ["intake@clinic.example.org"]
    ]
