"""What the clinical review asked of the questionnaire: when a past suicide attempt was, advice at once after a very
high blood pressure reading, a kind and honest path for under-18s that never blocks the urgent path, and plainer
words (age messages, the psychosis option, the note under each optional text box)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import escape

from eligibility.models import OutgoingEmail, Questionnaire
from eligibility.questionnaire_forms import ATTEMPT_RECENT_MESSAGE
from eligibility.services import send_pending_emails
from tests.eligibility.test_questionnaire import ANSWERS, PHQ9_LOW, answer_all, start
from tests.eligibility.test_urgent_path import CRISIS_OPTIONS, urgent_answer

pytestmark = pytest.mark.django_db

PAST_ATTEMPT = {**ANSWERS["mental-health"], "history": ["past_suicide_attempt"]}
BP_NOTE = "About the blood pressure reading you gave us"
UNDER_18_NOTE = "Our clinic treats adults aged 18 and over"
FREE_TEXT_NOTE = "We read this within one business day after you send your answers. If you need help now, call or text"
OPTIONAL_BOXES = {"medicines": "other_medicines", "medical-history": "conditions_detail",
                  "mental-health": "substance_detail"}  # fmt: skip


def answers_with(slug, **changes):
    return {**ANSWERS, slug: {**ANSWERS[slug], **changes}}


def post_step(client, slug, data, **kwargs):
    return client.post(f"/eligibility/{slug}/", {**data, "continue": ""}, **kwargs)


# 1. When the most recent suicide attempt was


def test_a_past_attempt_asks_when_it_was_and_needs_an_answer(client):
    start(client)
    html = post_step(client, "mental-health", PAST_ATTEMPT).content.decode()
    assert "If you have tried to end your life: was the most recent time in the last 3 months?" in html
    assert escape(str(ATTEMPT_RECENT_MESSAGE)) in html
    assert "I&#x27;d rather not say" in html
    assert "mental-health" not in Questionnaire.objects.get().answers


@pytest.mark.parametrize("value", ["maybe", "y" * 10_000, "<script>alert(1)</script>", "yes\x00", "YES"])
def test_a_tampered_answer_about_when_gets_the_message_not_a_500(client, value):
    start(client)
    response = post_step(client, "mental-health", {**PAST_ATTEMPT, "attempt_recent": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(str(ATTEMPT_RECENT_MESSAGE)) in html
    assert "<script>alert(1)" not in html
    assert "mental-health" not in Questionnaire.objects.get().answers


def test_when_is_not_kept_if_no_past_attempt_is_ticked(client):
    start(client)
    assert post_step(client, "mental-health", {**ANSWERS["mental-health"], "attempt_recent": "yes"}).status_code == 302
    assert Questionnaire.objects.get().answers["mental-health"]["attempt_recent"] == ""


def test_a_recent_attempt_keeps_the_kind_note_stays_not_urgent_and_staff_see_when(clinician_client):
    patient = Client()
    answer_all(patient, answers_with("mental-health", history=["past_suicide_attempt"], attempt_recent="yes"))
    html = patient.get("/eligibility/phq-9/").content.decode()
    assert "Thank you for telling us" in html
    for option in CRISIS_OPTIONS:
        assert option in html
    patient.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    assert not questionnaire.urgent
    assert questionnaire.outcome == "review"
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION).count() == 0
    staff = clinician_client.get(f"/admin/eligibility/questionnaire/{questionnaire.pk}/change/").content.decode()
    assert "If you have tried to end your life: was the most recent time in the last 3 months?</dt><dd>Yes" in staff
    assert "A suicide attempt in the last 3 months" in staff


@pytest.mark.parametrize(("answer", "shown"), [("no", "No, it was longer ago"), ("rather_not_say", "rather not say")])
def test_an_older_or_unsaid_attempt_is_shown_to_staff_as_answered(clinician_client, answer, shown):
    patient = Client()
    answer_all(patient, answers_with("mental-health", history=["past_suicide_attempt"], attempt_recent=answer))
    patient.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    staff = clinician_client.get(f"/admin/eligibility/questionnaire/{questionnaire.pk}/change/").content.decode()
    assert shown in staff
    assert "A past suicide attempt, more than 3 months ago or when not said" in staff
    assert "A suicide attempt in the last 3 months" not in staff


# 2. Advice at once after a very high blood pressure reading


@pytest.mark.parametrize(
    ("top", "bottom", "advised"),
    [(179, 119, False), (180, 100, True), (150, 120, True), (180, 119, True), (179, 110, False), (230, 140, True)],
)
def test_a_reading_of_180_on_top_or_120_on_the_bottom_gets_advice_on_the_next_page(client, top, bottom, advised):
    start(client)
    reading = {**ANSWERS["medical-history"], "bp_known": "yes", "bp_systolic": str(top), "bp_diastolic": str(bottom)}
    response = post_step(client, "medical-history", reading, follow=True)
    html = response.content.decode()
    assert "Your mental health history" in html
    assert (BP_NOTE in html) is advised
    assert ('<a href="tel:911">911</a> now' in html) is advised


def test_the_blood_pressure_advice_says_what_to_do(client):
    start(client)
    reading = {**ANSWERS["medical-history"], "bp_known": "yes", "bp_systolic": "185", "bp_diastolic": "95"}
    html = post_step(client, "medical-history", reading, follow=True).content.decode()
    for words in ("measure it again", "chest pain", "trouble breathing", "back pain", "numbness or weakness",
                  "a change in how you see", "trouble speaking", "call your doctor or nurse today"):  # fmt: skip
        assert words in html
    assert BP_NOTE not in client.get("/eligibility/phq-9/").content.decode()  # once, on the next page


def test_symptoms_mean_911_at_once_whatever_a_second_reading_says(client):
    """The AHA: with chest pain, trouble breathing and the rest, "do not wait to see whether your pressure comes down
    on its own. Call 911". The 911 advice comes first and depends on no second reading; "cannot measure it again"
    never sends someone with those symptoms to their doctor instead."""
    start(client)
    reading = {**ANSWERS["medical-history"], "bp_known": "yes", "bp_systolic": "190", "bp_diastolic": "100"}
    html = post_step(client, "medical-history", reading, follow=True).content.decode()
    advice = re.findall(r"(?s)<li>(.*?)</li>", html[html.index(BP_NOTE) :])[:3]
    call_911, then_measure, then_doctor = advice
    assert 'href="tel:911"' in call_911
    assert "chest pain" in call_911
    assert "Do not wait" in call_911
    assert "still" not in call_911
    assert "measure" not in call_911
    assert "none of these" in then_measure
    assert "measure" in then_measure
    assert "call your doctor or nurse today" in then_doctor


@pytest.mark.parametrize(
    ("slug", "data", "note"),
    [
        ("medical-history", {"bp_known": "yes", "bp_systolic": "190", "bp_diastolic": "125"}, BP_NOTE),
        ("about-you", {"age": "16"}, UNDER_18_NOTE),
        ("mental-health", {"history": ["past_suicide_attempt"], "attempt_recent": "yes"}, "Thank you for telling us"),
    ],
)
def test_a_note_is_not_lost_by_saving_to_come_back_later(client, slug, data, note):
    """'Save and come back later' right after the answer: the note is on the save page, since the next step's page,
    where it would have been, may never be seen."""
    start(client)
    response = client.post(f"/eligibility/{slug}/", {**ANSWERS[slug], **data, "save_for_later": ""}, follow=True)
    html = response.content.decode()
    assert "<h1>Save and come back later</h1>" in html
    assert note in html
    assert note not in client.get("/eligibility/save/").content.decode()  # the note of a step just saved, not later


def test_a_very_high_reading_hidden_by_answering_no_gets_no_advice(client):
    start(client)
    hidden = {**ANSWERS["medical-history"], "bp_known": "no", "bp_systolic": "220", "bp_diastolic": "130"}
    assert BP_NOTE not in post_step(client, "medical-history", hidden, follow=True).content.decode()


# 3. Under 18


@pytest.mark.parametrize(("age", "noted"), [("16", True), ("17", True), ("18", False), ("45", False)])
def test_an_age_under_18_gets_a_kind_note_with_help_on_the_next_page(client, age, noted):
    start(client)
    html = post_step(client, "about-you", {**ANSWERS["about-you"], "age": age}, follow=True).content.decode()
    assert "Your diagnosis and this episode" in html
    assert (UNDER_18_NOTE in html) is noted
    if noted:
        assert "school counselor" in html
        assert "You can still finish these questions" in html
        for option in CRISIS_OPTIONS:
            assert option in html


def test_a_16_year_old_can_finish_without_claiming_to_be_18_and_staff_see_under_18(client):
    answers = answers_with("about-you", age="16")
    answers["contact"] = {key: value for key, value in ANSWERS["contact"].items() if key != "is_adult"}
    start(client)
    contact_page = client.get("/eligibility/contact/").content.decode()
    assert "I am 18 or over" in contact_page  # no age given yet
    for slug, data in answers.items():
        assert post_step(client, slug, data).status_code == 302, slug
    assert "I am 18 or over" not in client.get("/eligibility/contact/").content.decode()
    assert "We have your answers" in client.post("/eligibility/check/", follow=True).content.decode()
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.outcome == "not_now"
    assert questionnaire.request is not None


def test_an_adult_must_still_confirm_they_are_18_or_over(client):
    start(client)
    client.post("/eligibility/about-you/", {**ANSWERS["about-you"], "continue": ""})
    contact = {key: value for key, value in ANSWERS["contact"].items() if key != "is_adult"}
    html = post_step(client, "contact", contact).content.decode()
    assert "Confirm that you are 18 or over" in html


def test_a_16_year_old_answering_item_9_above_0_gets_the_crisis_panel_and_an_urgent_record(client):
    start(client)
    for slug, data in answers_with("about-you", age="16").items():
        if slug == "phq-9":
            break
        assert post_step(client, slug, data).status_code == 302
    html = post_step(client, "phq-9", {**PHQ9_LOW, "phq9_item9": "1"}, follow=True).content.decode()
    assert "Please get support now if you need it" in html
    assert 'href="tel:988"' in html
    assert Questionnaire.objects.get().urgent
    send_pending_emails(only_due=True)
    assert any("URGENT" in message.subject for message in mail.outbox)


@pytest.mark.parametrize("age", ["", " ", "abc", "0", "-3", "121", "999", "16.5", "<script>", "4" * 50, "4\x002"])
def test_every_bad_age_gets_one_plain_message_and_nothing_is_saved(client, age):
    start(client)
    response = post_step(client, "about-you", {**ANSWERS["about-you"], "age": age})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_age">Enter your age in years, like 42</a>' in html
    assert "about-you" not in Questionnaire.objects.get().answers


# 4. Plainer words


def test_the_psychosis_option_says_now_first(client):
    start(client)
    html = client.get("/eligibility/mental-health/").content.decode()
    assert "Right now, I hear voices or see things that other people do not" in html
    assert "psychosis, now" not in html


def test_the_height_group_says_what_is_optional(client):
    start(client)
    html = client.get("/eligibility/about-you/").content.decode()
    assert "<legend>Your height (optional)</legend>" in html
    assert '<label for="id_height_in">Height: inches (optional)</label>' in html
    assert "leave the inches box empty" in html
    response = post_step(client, "about-you", {**ANSWERS["about-you"], "height_ft": "6", "height_in": ""})
    assert response.status_code == 302


@pytest.mark.parametrize(("slug", "box"), OPTIONAL_BOXES.items())
def test_every_optional_text_box_says_when_we_read_it_and_where_help_is_now(client, slug, box):
    start(client)
    html = client.get(f"/eligibility/{slug}/").content.decode()
    assert f'<p class="hint" id="id_{box}-note">{FREE_TEXT_NOTE}' in html
    textarea = re.search(rf'<textarea name="{box}"[^>]*>', html).group()
    assert f'aria-describedby="id_{box}-note"' in textarea  # read with the box by a screen reader
    assert html.count("within one business day") == 1


def test_the_note_under_a_box_promises_no_reading_before_the_answers_are_sent(client):
    """A draft is read by nobody: someone who types about how they feel and leaves is not told we will read it."""
    start(client)
    note = re.search(r'<p class="hint" id="id_other_medicines-note">(.*?)</p>', client.get("/eligibility/medicines/")
                     .content.decode()).group(1)  # fmt: skip
    assert "within one business day after you send your answers" in note


@pytest.mark.parametrize("slug", [*OPTIONAL_BOXES, "check"])
def test_no_page_of_an_urgent_questionnaire_says_one_business_day(client, slug):
    urgent_answer(client)
    for later, data in list(ANSWERS.items())[8:]:
        post_step(client, later, data)
    html = client.get(f"/eligibility/{slug}/").content.decode()
    assert "Please get support now if you need it" in html
    assert "business day" not in html
    if slug != "check":
        assert "If you need help now, call or text" in html


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"weeks": "8"}, "For Zoloft, also tell us what the result was and if you took it in this episode."),
        ({"weeks": "8", "result": "none"}, "For Zoloft, also tell us if you took it in this episode."),
    ],
)
def test_a_medicine_row_message_names_only_what_is_missing(client, row, message):
    start(client)
    data = {"trial-TOTAL_FORMS": "1", "trial-INITIAL_FORMS": "0", "trial-0-name": "Zoloft", "trial-0-dose_mg": "100"}
    posted = {**data, **{f"trial-0-{key}": value for key, value in row.items()}}
    html = post_step(client, "antidepressants", posted).content.decode()
    assert f"{message} Or empty all its boxes" in html
