"""Script typed into any text box comes back as text: on the form shown again, the check-your-answers page, the
confirmation pages and every admin page that shows it.

Already covered elsewhere: the consultation name and message on the admin change page
(tests/eligibility/test_consultation.py) and the "other medicines" box on the check page and in the admin
(tests/eligibility/test_questionnaire_bad_input.py).
"""

import pytest
from django.utils.html import escape

from eligibility.models import ConsultationRequest, Questionnaire
from tests.eligibility.test_questionnaire import ANSWERS, answer_all, start
from tests.factories import make_request, valid

pytestmark = pytest.mark.django_db

LIST = "/admin/eligibility/consultationrequest/"


def hostile(where: str) -> str:
    """Breaks out of an attribute and opens a script, named for the box it was typed into."""
    return f'"><script>alert("{where}")</script>'


def assert_shown_as_text(html: str, typed: str) -> None:
    assert typed not in html
    assert escape(typed) in html


def assert_absent(html: str, typed: str) -> None:
    assert typed not in html
    assert escape(typed) not in html


# Every free-text box in the questionnaire except "other medicines", and the answers that make each one count.
TYPED = {
    "diagnosis": {"other_diagnosis": hostile("other_diagnosis")},
    "antidepressants": {"trial-0-name": hostile("trial name")},
    "other-treatments": {
        field: hostile(field)
        for field in ("psychotherapy_detail", "tms_detail", "ect_detail", "esketamine_detail", "prior_ketamine_detail")
    },
    "medical-history": {"conditions_detail": hostile("conditions_detail")},
    "mental-health": {"substance_detail": hostile("substance_detail")},
    "contact": {"name": hostile("contact name")},
}
TRIGGERS = {
    "diagnosis": {"diagnosis": "other"},
    "other-treatments": {"tms": "yes", "ect": "yes", "esketamine": "yes", "prior_ketamine": "yes",
                         "prior_ketamine_distressing": "no"},
}  # fmt: skip
ALL_TYPED = [value for typed in TYPED.values() for value in typed.values()]


def with_typed(slug: str) -> dict:
    return {**ANSWERS[slug], **TRIGGERS.get(slug, {}), **TYPED.get(slug, {})}


# A required answer left out of each step, so that the step is shown again with what was typed.
LEFT_OUT = {
    "diagnosis": "episode_length",
    "antidepressants": "trial-0-weeks",
    "other-treatments": "augmentation",
    "medical-history": "conditions",
    "mental-health": "history",
    "contact": "phone",
}


@pytest.fixture
def hostile_answers(client):
    answer_all(client, {slug: with_typed(slug) for slug in ANSWERS})
    return client


def test_the_consultation_form_shown_again_shows_typed_script_as_text(client):
    typed = {field: hostile(field) for field in ("name", "email", "phone", "message")}
    response = client.post("/consultation/", valid(**typed))
    html = response.content.decode()
    assert "There is a problem" in html
    for value in typed.values():
        assert_shown_as_text(html, value)
    assert not ConsultationRequest.objects.exists()


def test_the_consultation_confirmation_page_shows_the_reference_and_nothing_typed(client):
    typed = {"name": hostile("name"), "message": hostile("message")}
    client.post("/consultation/", valid(**typed))
    html = client.get("/consultation/received/").content.decode()
    assert ConsultationRequest.objects.get().reference in html
    for value in typed.values():
        assert_absent(html, value)


@pytest.mark.parametrize(("slug", "left_out"), LEFT_OUT.items())
def test_a_step_shown_again_with_errors_shows_typed_script_as_text(client, slug, left_out):
    start(client)
    posted = {**with_typed(slug), "continue": ""}
    del posted[left_out]
    html = client.post(f"/eligibility/{slug}/", posted).content.decode()
    assert "There is a problem" in html
    for value in TYPED[slug].values():
        assert_shown_as_text(html, value)


def test_an_unknown_medicine_result_gets_a_plain_message_and_never_comes_back_as_markup(client):
    start(client)
    posted = {**ANSWERS["antidepressants"], "trial-0-result": hostile("result"), "continue": ""}
    html = client.post("/eligibility/antidepressants/", posted).content.decode()
    assert "There is a problem" in html
    assert "Choose a result from the list" in html
    assert hostile("result") not in html


def test_every_free_text_answer_is_shown_as_text_on_the_check_your_answers_page(hostile_answers):
    html = hostile_answers.get("/eligibility/check/").content.decode()
    for value in ALL_TYPED:
        assert_shown_as_text(html, value)


def test_the_questionnaire_confirmation_page_shows_the_reference_and_nothing_typed(hostile_answers):
    html = hostile_answers.post("/eligibility/check/", follow=True).content.decode()
    assert Questionnaire.objects.get().request.reference in html
    for value in ALL_TYPED:
        assert_absent(html, value)


def test_every_free_text_answer_is_shown_as_text_in_the_clinicians_questionnaire_review(hostile_answers, admin_client):
    hostile_answers.post("/eligibility/check/")
    record = Questionnaire.objects.get().request
    html = admin_client.get(f"{LIST}{record.pk}/change/").content.decode()
    assert "Suggested triage" in html
    for value in ALL_TYPED:
        assert_shown_as_text(html, value)


def test_the_save_for_later_form_shown_again_shows_a_typed_script_as_text(client):
    start(client)
    html = client.post("/eligibility/save/", {"email": hostile("email")}).content.decode()
    assert "There is a problem" in html
    assert_shown_as_text(html, hostile("email"))


def test_a_staff_note_with_script_is_shown_as_text_on_the_request_page(clinician_client):
    record = make_request()
    note = hostile("note")
    response = clinician_client.post(
        f"{LIST}{record.pk}/change/",
        {
            "urgent": "", "assigned_to": "",
            "notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-0-text": note, "notes-0-request": record.pk,
            "status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0",
            "emails-TOTAL_FORMS": "0", "emails-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert record.notes.get().text == note
    assert_shown_as_text(clinician_client.get(f"{LIST}{record.pk}/change/").content.decode(), note)


def test_the_request_list_shows_a_search_for_script_as_text_and_no_patient_text(clinician_client):
    make_request(name=hostile("name"))
    html = clinician_client.get(LIST, {"q": hostile("search")}).content.decode()
    assert_shown_as_text(html, hostile("search"))
    assert_absent(clinician_client.get(LIST).content.decode(), hostile("name"))
