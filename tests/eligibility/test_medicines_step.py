"""The "Medicines you take now" step: every medicine the content brief lists (4.5 D), and the benzodiazepine dose
asked as a follow-up, checked against empty, oversized and hostile input, and shown to staff."""

import pytest
from django.utils.html import escape

from eligibility.models import Questionnaire
from eligibility.questionnaire_forms import MedicinesForm
from tests.eligibility.test_questionnaire import ANSWERS, answer_all, start

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def post(client, **fields):
    return client.post("/eligibility/medicines/", {"medicines": ["benzodiazepine"], **fields, "continue": ""})


def stored():
    return Questionnaire.objects.get().answers.get("medicines")


@pytest.mark.parametrize(
    "words",
    ["Xanax", "Klonopin", "Ativan", "Valium", "Lamictal", "Adderall", "Ritalin", "Vyvanse", "methadone",
     "Suboxone", "Vivitrol", "Contrave", "Gabapentin (Neurontin)", "pregabalin (Lyrica)", "zolpidem (Ambien)",
     "Theophylline or aminophylline", "pseudoephedrine (Sudafed)"],
)  # fmt: skip
def test_the_checklist_names_medicines_the_way_patients_know_them(client, words):
    start(client)
    assert words in client.get("/eligibility/medicines/").content.decode()


def test_the_dose_question_is_revealed_by_ticking_benzodiazepine(client):
    start(client)
    html = client.get("/eligibility/medicines/").content.decode()
    assert 'data-reveal="medicines=benzodiazepine"' in html
    assert "Which benzodiazepine do you take, and how much in a day?" in html


def test_the_dose_is_optional(client):
    start(client)
    assert post(client).status_code == 302
    assert stored()["benzodiazepine_dose"] == ""


def test_a_dose_typed_then_hidden_by_unticking_benzodiazepine_is_not_kept(client):
    start(client)
    response = client.post(
        "/eligibility/medicines/", {"medicines": ["none"], "benzodiazepine_dose": "x" * 5000, "continue": ""}
    )
    assert response.status_code == 302
    assert stored()["benzodiazepine_dose"] == ""


def test_an_oversized_dose_is_refused_with_a_message_and_kept_in_the_box(client):
    start(client)
    limit = MedicinesForm.DOSE_MAX
    html = post(client, benzodiazepine_dose="9" * (limit + 1)).content.decode()
    assert f"Keep this to {limit} characters or fewer" in html
    assert "9" * (limit + 1) in html
    assert stored() is None


def test_control_characters_are_removed_from_the_dose(client):
    start(client)
    post(client, benzodiazepine_dose="clonazepam\x07 1\x1b mg\u202e a day")
    assert stored()["benzodiazepine_dose"] == "clonazepam 1 mg a day"


@pytest.mark.parametrize("box", ["benzodiazepine_dose", "other_medicines"])
def test_a_null_byte_gets_a_plain_message_not_a_500(client, box):
    start(client)
    response = post(client, **{box: "a\x00b"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This answer has characters we cannot accept. Remove them" in html
    assert "Null characters" not in html
    assert stored() is None


def test_staff_see_the_benzodiazepine_and_dose_and_hostile_text_stays_text(client, admin_client):
    answers = {**ANSWERS, "medicines": {"medicines": ["benzodiazepine"], "benzodiazepine_dose": HOSTILE}}
    answer_all(client, answers)
    assert escape(HOSTILE) in client.get("/eligibility/check/").content.decode()
    client.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.outcome == "review"
    review = admin_client.get(f"/admin/eligibility/consultationrequest/{questionnaire.request_id}/change/")
    html = review.content.decode()
    assert "Takes a benzodiazepine: higher doses may blunt the response." in html
    assert "Which benzodiazepine do you take, and how much in a day? (optional)" in html
    assert escape(HOSTILE) in html
    assert "<script>alert" not in html


def test_staff_see_a_plain_dose_as_typed(client, admin_client):
    answers = {**ANSWERS, "medicines": {"medicines": ["benzodiazepine"], "benzodiazepine_dose": "Klonopin 1 mg"}}
    answer_all(client, answers)
    client.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    html = admin_client.get(f"/admin/eligibility/consultationrequest/{questionnaire.request_id}/change/")
    assert "Klonopin 1 mg" in html.content.decode()


@pytest.mark.parametrize(
    ("medicine", "reason"),
    [
        ("gabapentinoid", "Takes gabapentin or pregabalin"),
        ("sleep_medicine", "Takes a sleeping pill or another sedating medicine"),
        ("theophylline", "Takes theophylline or aminophylline"),
        ("sympathomimetic", "Takes a decongestant or another medicine that raises blood pressure"),
    ],
)
def test_each_new_medicine_reaches_staff_as_a_review_reason(client, admin_client, medicine, reason):
    answer_all(client, {**ANSWERS, "medicines": {"medicines": [medicine]}})
    client.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.outcome == "review"
    html = admin_client.get(f"/admin/eligibility/consultationrequest/{questionnaire.request_id}/change/")
    assert reason in html.content.decode()


def post_weeks(client, weeks):
    data = {"trial-TOTAL_FORMS": "1", "trial-INITIAL_FORMS": "0", "continue": ""}
    row = {"name": "Sertraline", "dose_mg": "100", "weeks": weeks, "result": "none", "current_episode": "yes"}
    return client.post("/eligibility/antidepressants/", data | {f"trial-0-{k}": v for k, v in row.items()})


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ("521", "Enter the number of weeks, up to 520 (10 years)"),
        ("99999", "Enter the number of weeks, up to 520 (10 years)"),
        ("-1", "Enter the number of weeks as a whole number, like 8"),
        ("eight", "Enter the number of weeks as a whole number, like 8"),
    ],
)
def test_weeks_out_of_range_get_a_message_that_says_what_to_enter(client, weeks, message):
    start(client)
    html = post_weeks(client, weeks).content.decode()
    assert message in html
    assert escape(weeks) in html


def test_520_weeks_is_accepted(client):
    start(client)
    assert post_weeks(client, "520").status_code == 302
