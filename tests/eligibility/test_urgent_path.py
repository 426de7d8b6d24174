"""The urgent path keeps every promise it makes: no call is promised without a number to call, the time promised
comes from the opening hours, staff are alerted with a link to the record, and again if the person stops part-way.
"""

import datetime
import json
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from education.models import Article
from eligibility.models import AuditEntry, ConsultationRequest, OutgoingEmail, Questionnaire
from eligibility.services import send_pending_emails
from eligibility.urgent import CRISIS_PANEL, notify_abandoned_urgent_drafts
from tests.eligibility.conftest import NEW_YORK
from tests.eligibility.test_questionnaire import ANSWERS, PHQ9_LOW, start
from tests.factories import make_request

pytestmark = pytest.mark.django_db

MONDAY_5_30PM = datetime.datetime(2026, 11, 23, 17, 30, tzinfo=NEW_YORK)
URGENT_PHQ9 = {**PHQ9_LOW, "phq9_item9": "2"}
BEFORE_PHQ9 = list(ANSWERS)[:7]
CRISIS_OPTIONS = [
    'href="tel:988"', "https://988lifeline.org/chat/", 'href="tel:911"', "Text HOME to", "741741", "marque 2",
    "AYUDA", "ASL Now", "Veterans:</strong> call", 'href="sms:838255"',
]  # fmt: skip


def answer_up_to_phq9(client):
    start(client)
    for slug in BEFORE_PHQ9:
        assert client.post(f"/eligibility/{slug}/", {**ANSWERS[slug], "continue": ""}).status_code == 302


def urgent_answer(client):
    answer_up_to_phq9(client)
    return client.post("/eligibility/phq-9/", {**URGENT_PHQ9, "continue": ""}, follow=True)


def test_an_urgent_answer_with_no_phone_number_promises_no_call_and_asks_for_one(client, clinic_clock):
    html = urgent_answer(client).content.decode()
    assert "Please get support now if you need it" in html
    assert "A clinician will call you" not in html
    assert "We do not have a phone number for you yet" in html
    assert "If you give us one, a clinician will call you today, before 6 pm." in html
    assert 'id="urgent-call-phone"' in html
    assert "So a clinician can call you." in html
    assert "{#" not in html  # no template comment shown as text
    assert Questionnaire.objects.get().urgent


def test_the_number_given_in_the_panel_is_kept_encrypted_and_the_panel_then_says_when_we_will_call(
    client, clinic_clock, caplog
):
    caplog.set_level(logging.DEBUG)
    urgent_answer(client)
    response = client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "getting-home"})
    assert response.status_code == 302
    assert response["Location"] == "/eligibility/getting-home/#urgent-panel"
    html = client.get("/eligibility/getting-home/").content.decode()
    assert "A clinician will call you today, before 6 pm." in html
    assert "We do not have a phone number for you yet" not in html
    draft = Questionnaire.objects.get()
    assert draft.answers[CRISIS_PANEL] == {"phone": "+12075550142"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_json FROM eligibility_questionnaire")
        (stored,) = cursor.fetchone()
    assert "555" not in str(stored)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "0142" not in logged
    assert "0142" not in response["Location"]


def test_the_promise_moves_to_the_next_opening_when_there_is_too_little_time_left_today(client, clinic_clock):
    clinic_clock(MONDAY_5_30PM)
    urgent_answer(client)
    client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "getting-home"})
    html = client.get("/eligibility/getting-home/").content.decode()
    assert "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am." in html
    assert "today" not in html.split("urgent-title")[1].split("</section>")[0]


def test_saving_the_number_from_the_panel_flags_the_draft_urgent_and_alerts_staff_once(client, clinic_clock):
    answer_up_to_phq9(client)  # the panel beside question 9 posts before the PHQ-9 page is sent
    response = client.post(
        "/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "phq-9"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "saved": True, "promise": "A clinician will call you today, before 6 pm.", "number_ending": "0142"
    }  # fmt: skip
    assert "555" not in response.content.decode()  # the last four digits only
    draft = Questionnaire.objects.get()
    assert draft.urgent
    client.post("/eligibility/phq-9/", {**URGENT_PHQ9, "continue": ""})
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION).count() == 1


@pytest.mark.parametrize("phone", ["", "12", "not a number", "555 555 555 555 555"])
def test_a_number_we_cannot_call_gets_a_clear_message_and_saves_nothing(client, clinic_clock, phone):
    urgent_answer(client)
    response = client.post("/eligibility/urgent-call/", {"phone": phone, "return_to": "getting-home"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Your phone number" in html
    assert "Enter a phone number, like 207 555 0123" in html
    assert 'href="/eligibility/getting-home/"' in html  # back to where they were
    assert CRISIS_PANEL not in Questionnaire.objects.get().answers
    scripted = client.post(
        "/eligibility/urgent-call/", {"phone": phone, "return_to": "phq-9"}, HTTP_ACCEPT="application/json"
    )
    assert scripted.status_code == 400
    assert scripted.json()["error"].startswith("Enter a phone number, like 207 555 0123")


def test_the_panel_returns_people_only_to_pages_of_their_own_questionnaire(client, clinic_clock):
    urgent_answer(client)
    response = client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "//evil.example/"})
    assert response["Location"] == "/eligibility/check/#urgent-panel"


def test_with_a_number_on_file_the_panel_promises_the_call_at_once(client, clinic_clock):
    from tests.factories import valid

    client.post("/consultation/", valid())
    answer_up_to_phq9(client)
    html = client.get("/eligibility/phq-9/").content.decode()
    assert "data-number-known" in html  # the script asks for the call (below) before it shows the promise
    assert "We do not have a phone number for you yet" not in html
    response = client.post("/eligibility/urgent-call/", {"return_to": "phq-9"}, HTTP_ACCEPT="application/json")
    assert response.json()["promise"] == "A clinician will call you today, before 6 pm."
    draft = Questionnaire.objects.get()
    assert draft.urgent
    assert ConsultationRequest.objects.get().urgent
    html = client.get("/eligibility/getting-home/").content.decode()
    assert "A clinician will call you today, before 6 pm." in html


def test_without_a_number_posting_the_panel_empty_raises_nothing(client, clinic_clock):
    answer_up_to_phq9(client)
    response = client.post("/eligibility/urgent-call/", {"return_to": "phq-9"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert not Questionnaire.objects.get().urgent


def test_the_done_page_for_an_urgent_questionnaire_repeats_the_call_time_and_the_crisis_options(client, clinic_clock):
    start(client)
    for slug, data in {**ANSWERS, "phq-9": URGENT_PHQ9}.items():
        client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
    html = client.post("/eligibility/check/", follow=True).content.decode()
    assert "We have your answers" in html
    assert "A clinician will call you today, before 6 pm." in html
    assert "one business day" not in html
    for option in CRISIS_OPTIONS:
        assert option in html


def test_the_done_page_for_other_questionnaires_keeps_the_usual_promise(client, clinic_clock):
    start(client)
    for slug, data in ANSWERS.items():
        client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
    html = client.post("/eligibility/check/", follow=True).content.decode()
    assert "We will contact you within one business day." in html
    assert "A clinician will call you" not in html


def test_the_urgent_alert_links_to_the_record_from_site_url_and_carries_no_personal_data(client, settings):
    settings.SITE_URL = "https://clinic.example.org"
    settings.ALLOWED_HOSTS = ["*"]  # even where any Host header gets through, links come from SITE_URL
    answer_up_to_phq9(client)
    client.post("/eligibility/phq-9/", {**URGENT_PHQ9, "continue": ""}, HTTP_HOST="attacker.example")
    send_pending_emails()
    (message,) = [m for m in mail.outbox if "URGENT" in m.subject]
    draft = Questionnaire.objects.get()
    assert f"https://clinic.example.org/admin/eligibility/questionnaire/{draft.pk}/change/" in message.body
    assert "attacker.example" not in message.body
    assert draft.reference in message.subject
    record_url = f"https://clinic.example.org/admin/eligibility/questionnaire/{draft.pk}/change/"
    words = message.body.replace(draft.reference, "").replace(record_url, "").lower()  # random digits may hold 45
    for private in ("sertraline", "phq", "suicid", "self-harm", "45"):  # 45: the age answered
        assert private not in words


def test_a_consultation_notice_links_from_site_url_not_the_host_the_visitor_sent(client, settings):
    from tests.factories import valid

    settings.SITE_URL = "https://clinic.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    client.post("/consultation/", valid(), HTTP_HOST="attacker.example")
    notice = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION)
    record = ConsultationRequest.objects.get()
    assert f"https://clinic.example.org/admin/eligibility/consultationrequest/{record.pk}/change/" in notice.body


def urgent_draft(*, minutes_idle: int, phone: str | None = "+12075550142", **fields) -> Questionnaire:
    answers = {"about-you": {"age": 45}} | ({CRISIS_PANEL: {"phone": phone}} if phone else {})
    idle_since = timezone.now() - datetime.timedelta(minutes=minutes_idle)
    fields = {"urgent": True, "urgent_notified": True, "answers": answers, "last_activity_at": idle_since, **fields}
    return Questionnaire.objects.create(**fields)


def abandoned_alerts() -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION, subject__contains="part-way"))


def test_an_urgent_draft_left_for_half_an_hour_with_a_number_alerts_staff_exactly_once(settings):
    settings.SITE_URL = "https://clinic.example.org"
    draft = urgent_draft(minutes_idle=31)
    assert notify_abandoned_urgent_drafts(now=timezone.now()) == 1
    assert notify_abandoned_urgent_drafts(now=timezone.now()) == 0
    (alert,) = abandoned_alerts()
    assert alert.questionnaire == draft
    assert draft.reference in alert.subject
    assert f"https://clinic.example.org/admin/eligibility/questionnaire/{draft.pk}/change/" in alert.body
    assert "0142" not in alert.body.replace(draft.reference, "")  # the number's last digits; the reference is random


@pytest.mark.parametrize(
    "draft",
    [
        {"minutes_idle": 29},  # still answering
        {"minutes_idle": 45, "phone": None},  # nobody to call
        {"minutes_idle": 45, "status": Questionnaire.Status.SUBMITTED},  # finished: the request is the record
        {"minutes_idle": 45, "urgent": False},
    ],
)
def test_no_part_way_alert_for_a_draft_still_in_progress_without_a_number_finished_or_not_urgent(draft):
    urgent_draft(**draft)
    assert notify_abandoned_urgent_drafts(now=timezone.now()) == 0
    assert abandoned_alerts() == []


def test_a_number_from_the_consultation_request_counts_for_the_part_way_alert():
    urgent_draft(minutes_idle=40, phone=None, request=make_request())
    assert notify_abandoned_urgent_drafts(now=timezone.now()) == 1


def test_the_outbox_sender_sends_the_part_way_alert(settings):
    urgent_draft(minutes_idle=31)
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.subject for m in mail.outbox if "part-way" in m.subject]
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len([m for m in mail.outbox if "part-way" in m.subject]) == 1


def test_saving_a_step_counts_as_activity(client):
    answer_up_to_phq9(client)
    draft = Questionnaire.objects.get()
    Questionnaire.objects.filter(pk=draft.pk).update(last_activity_at=timezone.now() - datetime.timedelta(hours=1))
    client.post("/eligibility/phq-9/", {**PHQ9_LOW, "continue": ""})
    draft.refresh_from_db()
    assert timezone.now() - draft.last_activity_at < datetime.timedelta(minutes=1)


def test_clinicians_read_an_urgent_draft_with_its_panel_number_and_answers_and_each_look_is_audited(clinician_client):
    draft = urgent_draft(minutes_idle=5)
    draft.answers = {**draft.answers, "phq-9": {**{k: int(v) for k, v in URGENT_PHQ9.items()}}}
    draft.save()
    response = clinician_client.get(f"/admin/eligibility/questionnaire/{draft.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'Given in the crisis panel: <a href="tel:+12075550142">+12075550142</a>' in html
    assert "None yet: it is made when the questionnaire is sent." in html
    assert "PHQ-9: total" in html
    assert AuditEntry.objects.filter(record=draft.reference, action=AuditEntry.Action.VIEWED).count() == 1
    listing = clinician_client.get("/admin/eligibility/questionnaire/").content.decode()
    assert draft.reference in listing
    assert "0142" not in listing


def test_a_past_suicide_attempt_gets_a_kind_note_and_the_crisis_options_on_the_next_page_without_urgency(client):
    start(client)
    for slug in BEFORE_PHQ9[:-1]:
        client.post(f"/eligibility/{slug}/", {**ANSWERS[slug], "continue": ""})
    response = client.post(
        "/eligibility/mental-health/",
        {**ANSWERS["mental-health"], "history": ["past_suicide_attempt"], "attempt_recent": "no", "continue": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "How you have been feeling (PHQ-9)" in html
    assert "Thank you for telling us" in html
    assert "things get better with the right support" in html
    for option in CRISIS_OPTIONS:
        assert option in html
    assert not Questionnaire.objects.get().urgent
    assert OutgoingEmail.objects.count() == 0
    later = client.get("/eligibility/getting-home/").content.decode()
    assert "Thank you for telling us" not in later


def test_no_past_attempt_note_without_that_answer(client):
    answer_up_to_phq9(client)
    assert "Thank you for telling us" not in client.get("/eligibility/phq-9/").content.decode()


@pytest.mark.parametrize("url", ["/crisis/", "/consultation/received/", "article", "/eligibility/done/"])
def test_every_list_of_crisis_options_is_the_same_full_list(client, url):
    from eligibility.views import remember_reference

    record = make_request()
    if url.endswith("received/"):
        response = client.get("/")
        remember_reference(response, record.reference)
        client.cookies.update(response.cookies)
    if url.endswith("done/"):
        Questionnaire.objects.create(request=record, status=Questionnaire.Status.SUBMITTED, submitted_at=timezone.now())
        session = client.session
        session["questionnaire_done"] = record.reference
        session.save()
    if url == "article":
        url = Article.objects.published().filter(mentions_suicide=True).first().get_absolute_url()
    html = client.get(url).content.decode()
    for option in CRISIS_OPTIONS:
        assert option in html, option
    assert "Press 3" not in html


def test_the_phone_number_never_reaches_a_url_or_the_session(client, clinic_clock):
    urgent_answer(client)
    response = client.post("/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "getting-home"})
    assert "555" not in response["Location"]
    stored = json.dumps({key: str(value) for key, value in client.session.items()})
    assert "555" not in stored
