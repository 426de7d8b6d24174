"""Stored answers, of today's shape and of older drafts, become the facts screening reads."""

import datetime

import pytest

from eligibility.body_measures import measures_from
from eligibility.screening import Outcome, screen
from eligibility.screening_facts import days_since, screening_facts
from tests.eligibility.test_questionnaire import ANSWERS

TODAY = datetime.date(2026, 6, 15)
PROCEEDING = {
    "about-you": {"age": 45, "pregnant_or_breastfeeding": "no"},
    "diagnosis": {"diagnosis": "mdd", "has_mental_health_clinician": "yes"},
    "antidepressants": [
        {"name": "Sertraline", "dose_mg": 100.0, "dose_unknown": False, "weeks": 8, "result": "none",
         "current_episode": "yes"},
        {"name": "Wellbutrin XL", "dose_mg": 300.0, "dose_unknown": False, "weeks": 10, "result": "partial",
         "current_episode": "yes"},
    ],
    "medical-history": {"conditions": ["none"], "high_bp": "no", "bp_known": "no"},
    "mental-health": {"history": ["none"], "substances_now": ["none"]},
    "getting-home": {"has_escort": "yes", "agrees_no_driving": "yes"},
}  # fmt: skip


def outcome_with(slug, **changes):
    answers = {**PROCEEDING, slug: {**PROCEEDING[slug], **changes}}
    return screen(screening_facts(answers, today=TODAY))


def codes(result):
    return {reason.code for reason in result.reasons}


def test_a_typical_set_of_answers_proceeds():
    assert screen(screening_facts(PROCEEDING, today=TODAY)).outcome is Outcome.PROCEED


@pytest.mark.parametrize(
    ("slug", "changes", "code"),
    [
        ("mental-health", {"history": ["past_suicide_attempt"]}, "past_suicide_attempt"),
        ("mental-health", {"history": ["past_suicide_attempt"], "attempt_recent": "yes"}, "recent_suicide_attempt"),
        ("mental-health", {"history": ["eating_disorder"]}, "eating_disorder"),
        ("mental-health", {"history": ["past_mania"]}, "past_mania"),
        ("mental-health", {"history": ["psychotic_disorder"]}, "psychotic_disorder"),
        ("mental-health", {"substances_now": ["alcohol_now", "cannabis_now"]}, "cannabis_now"),
        ("medical-history", {"conditions": ["thyroid"]}, "thyroid"),
        ("medical-history", {"conditions": ["dementia"]}, "dementia"),
        ("medical-history", {"high_bp": "yes", "bp_treated": "no"}, "hypertension_untreated"),
        ("medical-history", {"bp_known": "yes", "bp_systolic": 150, "bp_diastolic": 85}, "bp_above_140_90"),
        ("medical-history", {"conditions": ["stroke"], "stroke_year": 2026, "stroke_month": "3"}, "recent_stroke"),
        ("getting-home", {"has_escort": "no"}, "no_escort"),
        ("getting-home", {"agrees_no_driving": "no"}, "cannot_avoid_driving"),
    ],
)
def test_answers_that_were_once_ignored_now_give_their_reason(slug, changes, code):
    assert code in codes(outcome_with(slug, **changes))


def test_a_reading_given_when_the_person_said_they_do_not_know_it_is_not_used():
    assert "bp_very_high" not in codes(outcome_with("medical-history", bp_known="no", bp_systolic=200))


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [
        (2026, "6", 0),  # this month: may have been today
        (2026, "4", 46),  # April 30 to June 15
        (2026, "", 0),  # a year alone is read as its last month, capped at today
        (2025, "", 166),  # December 31, 2025 to June 15
        (2025, 12, 166),
        (2027, "1", None),  # the future is not a date
        ("abc", "1", None),
        (None, None, None),
        (2020, "13", 1992),  # an impossible month reads as December
    ],
)
def test_days_since_counts_from_the_latest_day_it_could_have_been(year, month, days):
    assert days_since(year, month, today=TODAY) == days


def test_drafts_saved_before_the_questions_changed_still_screen():
    old = {
        **ANSWERS,
        "about-you": {"age": 45, "pregnant_or_breastfeeding": "no", "height_inches": 68, "weight_pounds": 170},
        "antidepressants": [
            {"name": "Sertraline", "highest_dose": "200 mg", "weeks": 10, "result": "none", "current_episode": "yes"},
            {"name": "Bupropion", "highest_dose": "about 300", "weeks": 8, "result": "none", "current_episode": "yes"},
        ],
        "medical-history": {"conditions": ["hypertension", "aneurysm_avm_or_brain_bleed"]},
        "mental-health": {"history": ["ketamine_use_disorder"]},
    }
    facts = screening_facts(old, today=TODAY)
    assert [trial["dose_mg"] for trial in facts["antidepressant_trials"]] == [200.0, None]  # free text: unknown
    found = codes(screen(facts))
    assert {"hypertension", "vascular_contraindication", "ketamine_use_disorder", "fewer_than_two_trials"} <= found
    measures = measures_from(old["about-you"])
    assert (measures.height_cm, measures.weight_kg, measures.height_feet_and_inches) == (172.7, 77.1, "5 ft 8 in")


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"antidepressants": "not a list"},
        {"antidepressants": [None, 3, {"name": None, "dose_mg": "x", "weeks": "y"}]},
        {"medical-history": {"conditions": "heart_attack"}, "mental-health": {"history": [None, 7]}},
        {"about-you": {"age": "old"}, "phq-9": {"phq9_item9": "high"}},
        {"medical-history": {"conditions": ["heart_attack"], "heart_attack_year": "soon"}},
    ],
)
def test_malformed_answers_read_as_not_answered_never_as_an_error(answers):
    screen(screening_facts(answers, today=TODAY))
    measures_from(answers.get("about-you") or {})


def test_feet_inches_and_pounds_become_centimetres_and_kilograms():
    measures = measures_from({"height_ft": 5, "height_in": 7, "weight_lb": 160})
    assert (measures.height_cm, measures.weight_kg) == (170.2, 72.6)
    assert measures_from({"height_ft": 6}).height_cm == 182.9
    assert measures_from({}).weight_kg is None


@pytest.mark.parametrize(
    ("history", "recent", "code"),
    [
        (["past_suicide_attempt"], "yes", "recent_suicide_attempt"),
        (["past_suicide_attempt"], "no", "past_suicide_attempt"),
        (["past_suicide_attempt"], "rather_not_say", "past_suicide_attempt"),
        (["past_suicide_attempt"], "", "past_suicide_attempt"),  # a draft saved before the question was asked
        (["past_suicide_attempt"], "<script>", "past_suicide_attempt"),  # tampered: read as not said
        (["none"], "yes", None),  # the box was unticked after: the old answer to "when" means nothing
    ],
)
def test_only_a_ticked_past_attempt_answered_yes_reads_as_recent(history, recent, code):
    found = codes(outcome_with("mental-health", history=history, attempt_recent=recent))
    assert found & {"recent_suicide_attempt", "past_suicide_attempt"} == ({code} if code else set())
