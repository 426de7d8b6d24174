"""Each questionnaire step against empty, oversized, malformed and hostile input: a clear message, no 500."""

import pytest
from django.test import Client

from eligibility.models import Questionnaire
from eligibility.questionnaire import STEPS
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
