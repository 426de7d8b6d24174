"""Each questionnaire step against empty, oversized, malformed and hostile input: a clear message, no 500."""

import pytest
from django.test import Client
from django.utils.html import escape

from eligibility.models import Questionnaire
from eligibility.questionnaire_steps import STEPS
from tests.eligibility.test_questionnaire import ANSWERS, answer_all, start

pytestmark = pytest.mark.django_db

STEP_SLUGS = [step.slug for step in STEPS]
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>'; DROP TABLE eligibility_questionnaire; --"
# The free-text box on each step that has one (the sample answers make each one count).
TEXT_FIELDS = {
    "other-treatments": "psychotherapy_detail",
    "medicines": "other_medicines",
    "medical-history": "conditions_detail",
    "mental-health": "substance_detail",
}


def stored(slug):
    return Questionnaire.objects.get().answers.get(slug)


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_an_empty_step_gets_an_error_summary_and_saves_nothing(client, slug):
    start(client)
    response = client.post(f"/eligibility/{slug}/", {"continue": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert stored(slug) is None


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_unknown_choices_and_wrong_types_get_a_message_not_a_500(client, slug):
    start(client)
    garbage = dict.fromkeys(ANSWERS[slug], "9999-not-a-choice") | {"continue": ""}
    response = client.post(f"/eligibility/{slug}/", garbage)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert stored(slug) is None


@pytest.mark.parametrize(("slug", "field"), list(TEXT_FIELDS.items()))
def test_a_10000_character_answer_is_refused_and_what_was_typed_stays(client, slug, field):
    start(client)
    response = client.post(f"/eligibility/{slug}/", {**ANSWERS[slug], field: "x" * 10_000, "continue": ""})
    html = response.content.decode()
    assert "Keep this to 500 characters or fewer" in html
    assert "x" * 10_000 in html  # kept in the box so the person can shorten it
    assert stored(slug) is None


@pytest.mark.parametrize(("slug", "field"), list(TEXT_FIELDS.items()))
def test_control_characters_are_removed_from_text_answers(client, slug, field):
    start(client)
    client.post(f"/eligibility/{slug}/", {**ANSWERS[slug], field: "tired\x07 all\x1b day", "continue": ""})
    assert stored(slug)[field] == "tired all day"


def test_a_null_byte_gets_a_message_not_a_500(client):
    start(client)
    data = {"medicines": ["none"], "other_medicines": "a\x00b", "continue": ""}
    response = client.post("/eligibility/medicines/", data)
    assert response.status_code == 200
    assert stored("medicines") is None


def test_hostile_text_is_kept_as_text_and_escaped_on_the_check_page_and_in_the_admin(client, admin_client):
    answers = {**ANSWERS, "medicines": {"medicines": ["none"], "other_medicines": HOSTILE}}
    answer_all(client, answers)
    assert stored("medicines")["other_medicines"] == HOSTILE
    check_page = client.get("/eligibility/check/").content.decode()
    assert "<script>alert" not in check_page
    assert "&lt;script&gt;alert" in check_page
    client.post("/eligibility/check/")
    request_pk = Questionnaire.objects.get().request_id
    review = admin_client.get(f"/admin/eligibility/consultationrequest/{request_pk}/change/").content.decode()
    assert "<script>alert" not in review
    assert "&lt;script&gt;alert" in review


@pytest.mark.parametrize("total", ["abc", "-1", "100000", "", "1e9"])
def test_a_tampered_medicine_row_count_never_gives_a_500(client, total):
    start(client)
    data = {**ANSWERS["antidepressants"], "trial-TOTAL_FORMS": total}
    for button in ("continue", "add_row"):
        response = client.post("/eligibility/antidepressants/", {**data, button: ""})
        assert response.status_code in (200, 302)
    if total in ("abc", "", "1e9"):
        assert stored("antidepressants") is None


def test_more_than_twelve_medicine_rows_are_refused_with_a_message(client):
    start(client)
    data = {"trial-TOTAL_FORMS": "13", "trial-INITIAL_FORMS": "0", "continue": ""}
    for i in range(13):
        data |= {f"trial-{i}-name": f"Med{i}", f"trial-{i}-weeks": "8", f"trial-{i}-result": "none"}
        data |= {f"trial-{i}-current_episode": "yes", f"trial-{i}-dose_mg": "10"}
    html = client.post("/eligibility/antidepressants/", data).content.decode()
    assert "There is a problem" in html
    assert stored("antidepressants") is None


def test_a_post_without_a_csrf_token_gets_the_friendly_page_and_saves_nothing():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/eligibility/", {})
    assert response.status_code == 403
    assert "988" in response.content.decode()
    assert not Questionnaire.objects.exists()


def test_an_unknown_step_sends_the_person_back_to_the_first_step(client):
    start(client)
    response = client.get("/eligibility/%3Cscript%3E/")
    assert response.status_code in (302, 404)


def post_trial(client, **row):
    data = {"trial-TOTAL_FORMS": "1", "trial-INITIAL_FORMS": "0", "continue": ""}
    fields = {"name": "Sertraline", "weeks": "8", "result": "none", "current_episode": "yes"} | row
    return client.post("/eligibility/antidepressants/", data | {f"trial-0-{k}": v for k, v in fields.items()})


@pytest.mark.parametrize("dose", ["abc", "-5", "0", "1e999", "nan", "inf", "99999", "<script>", "5" * 400, "50mg"])
def test_a_dose_that_is_not_a_number_of_mg_is_refused_and_kept_in_the_box(client, dose):
    start(client)
    response = post_trial(client, dose_mg=dose)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the dose in mg, like 100" in html
    assert escape(dose) in html
    assert stored("antidepressants") is None


def test_a_medicine_without_a_dose_asks_for_the_dose_or_dont_know(client):
    start(client)
    html = post_trial(client).content.decode()
    assert "Enter the daily dose of Sertraline in mg, or tick &#x27;I don&#x27;t know the dose&#x27;" in html
    html = post_trial(client, dose_mg="100", dose_unknown="on").content.decode()
    assert "not both" in html
    assert stored("antidepressants") is None


def test_i_dont_know_the_dose_is_a_valid_answer_that_staff_see_as_dose_unknown(client, admin_client):
    answers = {**ANSWERS, "antidepressants": {**ANSWERS["antidepressants"], "trial-0-dose_mg": "",
                                              "trial-0-dose_unknown": "on"}}  # fmt: skip
    answer_all(client, answers)
    assert stored("antidepressants")[0]["dose_unknown"] is True
    assert "Sertraline, dose unknown, 10 weeks" in client.get("/eligibility/check/").content.decode()
    client.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.outcome == "review"  # one adequate trial left, so fewer than two
    review = admin_client.get(f"/admin/eligibility/consultationrequest/{questionnaire.request_id}/change/")
    html = review.content.decode()
    assert "1 adequate failed trial in this episode" in html
    assert "<td>dose unknown</td>" in html


MEDICAL = ANSWERS["medical-history"]


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"bp_known": "yes"}, "Enter the top number of your blood pressure reading"),
        ({"bp_known": "yes", "bp_systolic": "120"}, "Enter the bottom number of your blood pressure reading"),
        ({"bp_known": "yes", "bp_systolic": "abc", "bp_diastolic": "80"}, "Enter the top number, like 120"),
        ({"bp_known": "yes", "bp_systolic": "20", "bp_diastolic": "10"}, "Enter the top number, like 120"),
        ({"bp_known": "yes", "bp_systolic": "120", "bp_diastolic": "999"}, "Enter the bottom number, like 80"),
        ({"bp_known": "yes", "bp_systolic": "80", "bp_diastolic": "120"}, "smaller than the top number"),
        ({"high_bp": "yes"}, "Select yes if you take medicine for high blood pressure"),
        ({"high_bp": "maybe"}, "Select whether you have been told you have high blood pressure"),
        ({"conditions": ["heart_attack"]}, "Enter the year of your most recent heart attack"),
        ({"conditions": ["stroke"], "stroke_year": "abc"}, "Enter the year as 4 numbers, like 2019"),
        ({"conditions": ["stroke"], "stroke_year": "2999"}, "Enter the year as 4 numbers, like 2019"),
        ({"conditions": ["stroke"], "stroke_year": "2099"}, "Enter a date that has already happened"),
        ({"conditions": ["heart_attack"], "heart_attack_year": "2020", "heart_attack_month": "13"},
         "Choose a month from the list"),
    ],
)  # fmt: skip
def test_blood_pressure_and_dates_get_a_specific_message(client, posted, message):
    start(client)
    response = client.post("/eligibility/medical-history/", {**MEDICAL, **posted, "continue": ""})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored("medical-history") is None


def test_a_reading_typed_and_then_hidden_by_answering_no_is_not_kept_or_refused(client):
    start(client)
    posted = {**MEDICAL, "bp_known": "no", "bp_systolic": "abc", "bp_diastolic": "999", "continue": ""}
    assert client.post("/eligibility/medical-history/", posted).status_code == 302
    assert stored("medical-history")["bp_systolic"] == ""


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"height_in": "7"}, "Enter the feet part of your height as well, like 5"),
        ({"height_ft": "5", "height_in": "12"}, "Enter the inches part, from 0 to 11"),
        ({"height_ft": "five"}, "Enter the feet part of your height, like 5"),
        ({"height_ft": "50"}, "Enter the feet part of your height, like 5"),
        ({"weight_lb": "10"}, "Enter your weight in pounds, like 160"),
        ({"weight_lb": "1" * 300}, "Enter your weight in pounds, like 160"),
    ],
)
def test_height_and_weight_get_a_specific_message(client, posted, message):
    start(client)
    response = client.post("/eligibility/about-you/", {"age": "45", "pregnant_or_breastfeeding": "no", **posted})
    assert message in response.content.decode()
    assert stored("about-you") is None
