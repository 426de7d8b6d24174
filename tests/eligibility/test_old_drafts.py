"""Drafts saved before the questions changed (kept up to 7 days) open, show and send without an error page."""

import json

import pytest

from eligibility.models import Questionnaire
from eligibility.questionnaire_steps import STEPS
from tests.eligibility.test_questionnaire import ANSWERS, start

pytestmark = pytest.mark.django_db

# Each step as the questionnaire stored it before this change: total inches and pounds, the dose as free text,
# the old checklist keys (high blood pressure as a box, one box for aneurysm/AVM/bleeding, ketamine use disorder
# in the history list) and none of today's blood pressure or substance questions.
OLD_ANSWERS = {
    "about-you": {"age": 45, "pregnant_or_breastfeeding": "no", "height_inches": 68, "weight_pounds": 170},
    "diagnosis": {"diagnosis": "mdd", "other_diagnosis": "", "episode_length": "over_2_years",
                  "has_mental_health_clinician": "yes"},
    "antidepressants": [
        {"name": "Sertraline", "highest_dose": "200 mg", "weeks": 10, "result": "none", "current_episode": "yes"},
        {"name": "Bupropion", "highest_dose": "300mg", "weeks": 8, "result": "partial", "current_episode": "yes"},
    ],
    "other-treatments": {"augmentation": ["none"], "psychotherapy": "no", "tms": "no", "ect": "no",
                         "esketamine": "no", "prior_ketamine": "no"},
    "medicines": {"medicines": ["none"], "other_medicines": ""},
    "medical-history": {"conditions": ["hypertension", "aneurysm_avm_or_brain_bleed"], "conditions_detail": ""},
    "mental-health": {"history": ["ketamine_use_disorder", "past_suicide_attempt"], "substance_detail": ""},
    "phq-9": {f"phq9_item{n}": 1 for n in range(1, 10)} | {"phq9_item9": 0},
    "getting-home": {"has_escort": "yes", "agrees_no_driving": "yes"},
    "contact": {key: value for key, value in ANSWERS["contact"].items() if key not in ("is_adult",)}
    | {"is_adult": True, "consent_contact": True, "privacy_ack": True},
}  # fmt: skip


def test_an_old_draft_opens_every_step_shows_its_answers_and_sends(client, admin_client):
    start(client)
    Questionnaire.objects.update(answers_json=json.dumps(OLD_ANSWERS))
    for step in STEPS:
        assert client.get(f"/eligibility/{step.slug}/").status_code == 200, step.slug
    check = client.get("/eligibility/check/")
    assert check.status_code == 200
    assert "Sertraline, 200 mg, 10 weeks" in check.content.decode()  # the dose as it was typed
    assert client.post("/eligibility/check/").status_code == 302
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.outcome == "not_now"  # the old aneurysm box and ketamine use disorder still count
    review = admin_client.get(f"/admin/eligibility/consultationrequest/{questionnaire.request_id}/change/")
    html = review.content.decode()
    assert review.status_code == 200
    assert "Weight 77.1 kg (170 lb); height 172.7 cm (5 ft 8 in)." in html
    assert "Antidepressant trials: 2 adequate failed trials in this episode" in html
    for reason in ("Aneurysmal vascular disease", "Active ketamine or PCP use disorder", "A past suicide attempt",
                   "Told they have high blood pressure"):  # fmt: skip
        assert reason in html
