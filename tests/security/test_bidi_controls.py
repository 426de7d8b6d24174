"""Unicode bidirectional controls never reach a staff screen (issue 11, finding 6): U+202E and its kin can make
text read backwards or hide part of it, so they are removed from every free-text answer, name and staff note."""

import re

import pytest

from eligibility.models import ConsultationRequest, Questionnaire, StaffNote
from tests.eligibility.test_questionnaire import ANSWERS, answer_all
from tests.factories import make_request, valid
from tests.security.test_escaping import TRIGGERS

pytestmark = pytest.mark.django_db

LIST = "/admin/eligibility/consultationrequest/"
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
EVERY_BIDI_CONTROL = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def spoofed(where: str) -> str:
    """Reads "where txt.exe" on screen, with every bidi control in it."""
    return f"{where} \u202eexe.txt{EVERY_BIDI_CONTROL}"


TEXT_BOXES = {
    "diagnosis": ["other_diagnosis"],
    "antidepressants": ["trial-0-name"],
    "other-treatments": [
        "psychotherapy_detail", "tms_detail", "ect_detail", "esketamine_detail", "prior_ketamine_detail",
    ],
    "medicines": ["other_medicines"],
    "medical-history": ["conditions_detail"],
    "mental-health": ["substance_detail"],
    "contact": ["name"],
}  # fmt: skip


def test_bidi_controls_are_removed_from_every_free_text_answer_before_staff_read_it(client, clinician_client):
    typed = {
        slug: {
            **answers,
            **TRIGGERS.get(slug, {}),
            **{box: spoofed(box.split("-")[-1]) for box in TEXT_BOXES.get(slug, [])},
        }
        for slug, answers in ANSWERS.items()
    }
    answer_all(client, typed)
    assert not BIDI.search(client.get("/eligibility/check/").content.decode())
    client.post("/eligibility/check/")
    questionnaire = Questionnaire.objects.get()
    assert not BIDI.search(questionnaire.answers_json)
    for box in ("other_diagnosis", "psychotherapy_detail", "other_medicines", "substance_detail"):
        assert f"{box} exe.txt" in questionnaire.answers_json
    assert questionnaire.answers["antidepressants"][0]["name"] == "name exe.txt"
    assert questionnaire.request.name == "name exe.txt"
    review = clinician_client.get(f"{LIST}{questionnaire.request.pk}/change/").content.decode()
    assert "psychotherapy_detail exe.txt" in review
    assert not BIDI.search(review)


def test_bidi_controls_are_removed_from_a_consultation_requests_name_and_message(client):
    client.post("/consultation/", valid(name=spoofed("name"), message=spoofed("message")))
    record = ConsultationRequest.objects.get()
    assert (record.name, record.message) == ("name exe.txt", "message exe.txt")


def test_bidi_controls_are_removed_from_a_staff_note(clinician_client):
    record = make_request()
    response = clinician_client.post(
        f"{LIST}{record.pk}/change/",
        {
            "notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-0-text": spoofed("note"),
            "notes-0-request": record.pk,
            "status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0",
            "emails-TOTAL_FORMS": "0", "emails-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert StaffNote.objects.get(request=record).text == "note exe.txt"
