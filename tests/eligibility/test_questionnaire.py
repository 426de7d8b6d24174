import logging

import pytest
from django.conf import settings
from django.core import mail

from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire
from eligibility.questionnaire_views import SESSION_DRAFT
from eligibility.services import send_pending_emails

pytestmark = pytest.mark.django_db

SERTRALINE_ROW_MESSAGE = (
    "For Sertraline, also tell us how many weeks you took it, what the result was and if you took it in this "
    "episode. Or empty all its boxes"
)
PHQ9_LOW = {f"phq9_item{n}": "1" for n in range(1, 10)} | {"phq9_item9": "0"}

ANSWERS = {
    "about-you": {
        "age": "45", "pregnant_or_breastfeeding": "no", "height_ft": "5", "height_in": "8", "weight_lb": "170",
    },
    "diagnosis": {"diagnosis": "mdd", "episode_length": "over_2_years", "has_mental_health_clinician": "yes"},
    "antidepressants": {
        "trial-TOTAL_FORMS": "2", "trial-INITIAL_FORMS": "0",
        "trial-0-name": "Sertraline", "trial-0-dose_mg": "200", "trial-0-weeks": "10",
        "trial-0-result": "none", "trial-0-current_episode": "yes",
        "trial-1-name": "Bupropion", "trial-1-dose_mg": "300", "trial-1-weeks": "8",
        "trial-1-result": "partial", "trial-1-current_episode": "yes",
    },
    "other-treatments": {
        "augmentation": ["none"], "psychotherapy": "yes", "psychotherapy_detail": "CBT for a year, some help",
        "tms": "no", "ect": "no", "esketamine": "no", "prior_ketamine": "no",
    },
    "medicines": {"medicines": ["none"]},
    "medical-history": {"conditions": ["none"], "high_bp": "no", "bp_known": "no"},
    "mental-health": {"history": ["none"], "substances_now": ["none"]},
    "phq-9": PHQ9_LOW,
    "getting-home": {"has_escort": "yes", "agrees_no_driving": "yes"},
    "contact": {
        "name": "Alex Morgan", "email": "alex@example.com", "phone": "207 555 0188", "preferred_contact": "email",
        "preferred_time": "any", "state": "Maine", "is_adult": "on", "consent_contact": "on", "privacy_ack": "on",
    },
}  # fmt: skip


def start(client):
    response = client.post("/eligibility/")
    assert response.status_code == 302
    return response


def answer_all(client, answers=ANSWERS):
    start(client)
    for slug, data in answers.items():
        response = client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    return response


def test_every_step_says_step_n_of_n(client):
    start(client)
    html = client.get("/eligibility/about-you/").content.decode()
    assert "Step 1 of 11" in html
    html = client.get("/eligibility/getting-home/").content.decode()
    assert "Step 9 of 11" in html


def test_a_full_questionnaire_is_scored_screened_and_submitted(client):
    last = answer_all(client)
    assert last["Location"] == "/eligibility/check/"
    html = client.get("/eligibility/check/").content.decode()
    assert "Check your answers" in html
    assert "Sertraline" in html
    done = client.post("/eligibility/check/", follow=True)
    assert "We have your answers" in done.content.decode()
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED
    assert (questionnaire.phq9_total, questionnaire.phq9_band) == (8, "Mild")
    assert questionnaire.outcome == "proceed"
    assert questionnaire.request.reference in done.content.decode()
    assert questionnaire.request.name == "Alex Morgan"
    assert not questionnaire.urgent


def test_nothing_of_the_questionnaire_stays_in_the_session_after_submit(client):
    answer_all(client)
    client.post("/eligibility/check/")
    session = client.session
    assert SESSION_DRAFT not in session
    stored = " ".join(str(value) for value in session.values())
    assert "Sertraline" not in stored
    assert "mdd" not in stored


def test_item_nine_above_zero_shows_the_crisis_panel_on_the_next_page_and_flags_urgent(client):
    start(client)
    for slug in list(ANSWERS)[:7]:
        client.post(f"/eligibility/{slug}/", {**ANSWERS[slug], "continue": ""})
    response = client.post("/eligibility/phq-9/", {**PHQ9_LOW, "phq9_item9": "1", "continue": ""}, follow=True)
    assert send_pending_emails(only_due=True) == 1
    html = response.content.decode()
    assert "Getting home after a session" in html
    assert "Please get support now if you need it" in html
    assert 'href="tel:988"' in html
    assert "not watched around the clock" in html
    assert "A clinician will call you" not in html  # no number yet: the panel asks for one instead
    assert "so a clinician can call you" in html.lower()
    draft = Questionnaire.objects.get()
    assert draft.urgent
    urgent = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION)
    assert urgent.sent_at is not None
    assert draft.reference in urgent.subject
    message = next(m for m in mail.outbox if "URGENT" in m.subject)
    assert "item" not in message.body.lower()
    assert "suicid" not in message.body.lower()


def test_an_urgent_questionnaire_makes_the_request_urgent(client):
    answers = {**ANSWERS, "phq-9": {**PHQ9_LOW, "phq9_item9": "3"}}
    answer_all(client, answers)
    client.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.outcome == "urgent"
    assert questionnaire.request.urgent


def test_a_questionnaire_from_a_consultation_request_skips_the_contact_step(client):
    from tests.factories import valid

    client.post("/consultation/", valid())
    request_record = ConsultationRequest.objects.get()
    answer_all(client, {k: v for k, v in ANSWERS.items() if k != "contact"})
    html = client.get("/eligibility/about-you/").content.decode()
    assert "Step 1 of 10" in html
    client.post("/eligibility/check/")
    assert Questionnaire.objects.get().request == request_record
    assert ConsultationRequest.objects.count() == 1


def test_follow_up_is_required_only_when_its_trigger_is_chosen(client):
    start(client)
    base = {**ANSWERS["other-treatments"], "continue": ""}
    response = client.post("/eligibility/other-treatments/", {**base, "tms": "yes"})
    assert "Tell us about the TMS you had" in response.content.decode()
    response = client.post("/eligibility/other-treatments/", {**base, "tms": "no"})
    assert response.status_code == 302


def test_empty_step_gets_specific_messages_and_an_error_title(client):
    start(client)
    html = client.post("/eligibility/about-you/", {"continue": ""}).content.decode()
    assert "<title>Error: About you" in html
    assert "Enter your age in years" in html
    assert "Select whether you are pregnant" in html


def test_none_of_these_cannot_be_combined_with_other_choices(client):
    start(client)
    html = client.post("/eligibility/medicines/", {"medicines": ["none", "opioid"], "continue": ""}).content.decode()
    assert "not both" in html


@pytest.mark.parametrize("age", ["abc", "-3", "999", "<script>", "4" * 50])
def test_bad_ages_are_refused_clearly(client, age):
    start(client)
    response = client.post("/eligibility/about-you/", {"age": age, "pregnant_or_breastfeeding": "no", "continue": ""})
    assert response.status_code == 200
    assert "Enter" in response.content.decode()
    assert "about-you" not in Questionnaire.objects.get().answers


def test_back_keeps_what_was_typed(client):
    start(client)
    client.post("/eligibility/about-you/", {**ANSWERS["about-you"], "continue": ""})
    html = client.get("/eligibility/about-you/").content.decode()
    assert 'value="45"' in html


def test_add_another_medicine_keeps_the_rows_and_adds_one(client):
    start(client)
    data = {**ANSWERS["antidepressants"], "add_row": ""}
    html = client.post("/eligibility/antidepressants/", data).content.decode()
    assert "Medicine 3" in html
    assert 'value="Sertraline"' in html


def test_a_half_filled_medicine_row_is_explained(client):
    start(client)
    data = {"trial-TOTAL_FORMS": "1", "trial-INITIAL_FORMS": "0", "trial-0-name": "Sertraline", "continue": ""}
    html = client.post("/eligibility/antidepressants/", data).content.decode()
    assert SERTRALINE_ROW_MESSAGE in html


def test_save_and_resume_later_with_an_emailed_link(client):
    start(client)
    client.post("/eligibility/about-you/", {**ANSWERS["about-you"], "save_for_later": ""})
    response = client.post("/eligibility/save/", {"email": "alex@example.com"})
    send_pending_emails(only_due=True)
    assert "Check your email" in response.content.decode()
    (message,) = [m for m in mail.outbox if "continue" in m.subject]
    link = next(word for word in message.body.split() if "/eligibility/resume/" in word)
    assert "45" not in message.body.replace(link, "")  # the age answered; the random link may hold those digits
    from django.test import Client

    other_device = Client()
    path = link.replace(settings.SITE_URL, "")
    assert "Continue my questionnaire" in other_device.get(path).content.decode()
    resumed = other_device.post(path)
    assert resumed["Location"] == "/eligibility/diagnosis/"
    assert 'value="45"' in other_device.get("/eligibility/about-you/").content.decode()


def test_a_wrong_or_expired_resume_link_shows_a_clear_page(client):
    response = client.get("/eligibility/resume/not-a-real-token/")
    assert response.status_code == 404
    assert "This link does not work any more" in response.content.decode()


def test_answers_are_encrypted_at_rest(client):
    from django.db import connection

    answer_all(client)
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_json FROM eligibility_questionnaire")
        (stored,) = cursor.fetchone()
    # Quoted, as the answers' JSON holds them: a quote is never part of the ciphertext's base64, whose letters can
    # spell a short answer by chance.
    for private in ("Sertraline", "mdd", "phq9_item9", "about-you"):
        assert f'"{private}"' not in str(stored)


def test_no_answer_reaches_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    answer_all(client)
    client.post("/eligibility/check/")
    logged = " ".join(record.getMessage() for record in caplog.records)
    for private in ("Sertraline", "Alex", "alex@example.com", "CBT"):
        assert private not in logged


def test_a_double_submit_makes_one_request(client):
    answer_all(client)
    client.post("/eligibility/check/")
    client.post("/eligibility/check/")
    assert ConsultationRequest.objects.count() == 1
    assert Questionnaire.objects.filter(status="submitted").count() == 1


def test_the_check_page_offers_a_printed_copy_with_self_hosted_script_only(client):
    answer_all(client)
    html = client.get("/eligibility/check/").content.decode()
    assert "Print or save a copy of your answers" in html
    assert 'href="/static/css/print.css" media="print"' in html
    assert '<script src="/static/js/print.js" defer></script>' in html
    assert "<script>" not in html  # the CSP forbids inline script; the button works from print.js
    assert "Save as PDF" in html  # said in words too, for a browser without JavaScript
