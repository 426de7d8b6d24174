"""The triage suggestion, from a table of cases covering every rule."""

import pytest

from eligibility.screening import RULES, Outcome, adequate_failed_trials, screen

TWO_FAILED_TRIALS = [
    {"name": "sertraline", "weeks": 8, "result": "none", "current_episode": True},
    {"name": "bupropion", "weeks": 6, "result": "partial", "current_episode": True},
]


def trials(**changes):
    return [{**trial, **changes} for trial in TWO_FAILED_TRIALS]


TYPICAL = {
    "age": 40,
    "diagnosis": "mdd",
    "phq9_item9": 0,
    "antidepressant_trials": TWO_FAILED_TRIALS,
    "has_mental_health_clinician": True,
}


def case(**changes):
    return {**TYPICAL, **changes}


CASES = [
    # (name, answers, expected outcome, reason codes that must be present)
    ("typical TRD adult", case(), Outcome.PROCEED, set()),
    ("bipolar depression with two trials", case(diagnosis="bipolar"), Outcome.REVIEW, {"bipolar"}),
    ("item 9 several days", case(phq9_item9=1), Outcome.URGENT, {"phq9_item9"}),
    ("item 9 nearly every day", case(phq9_item9=3), Outcome.URGENT, {"phq9_item9"}),
    ("item 9 overrides a contraindication", case(phq9_item9=2, ketamine_allergy=True), Outcome.URGENT,
     {"phq9_item9", "hypersensitivity"}),
    ("under 18", case(age=17), Outcome.NOT_NOW, {"under_18"}),
    ("pregnant", case(pregnant_or_breastfeeding=True), Outcome.NOT_NOW, {"pregnancy"}),
    ("allergy", case(ketamine_allergy=True), Outcome.NOT_NOW, {"hypersensitivity"}),
    ("aneurysm or AVM", case(aneurysm_avm_or_brain_bleed=True), Outcome.NOT_NOW, {"vascular_contraindication"}),
    ("current psychosis", case(current_psychosis=True), Outcome.NOT_NOW, {"current_psychosis"}),
    ("current mania", case(current_mania=True), Outcome.NOT_NOW, {"current_mania"}),
    ("ketamine use disorder", case(ketamine_use_disorder=True), Outcome.NOT_NOW, {"ketamine_use_disorder"}),
    ("not-now outranks review", case(age=17, hypertension=True), Outcome.NOT_NOW, {"under_18", "hypertension"}),
    ("hypertension", case(hypertension=True), Outcome.REVIEW, {"hypertension"}),
    ("heart disease", case(heart_disease=True), Outcome.REVIEW, {"heart_disease"}),
    ("stroke", case(stroke=True), Outcome.REVIEW, {"stroke"}),
    ("raised ICP", case(raised_icp=True), Outcome.REVIEW, {"raised_icp"}),
    ("glaucoma", case(glaucoma=True), Outcome.REVIEW, {"glaucoma"}),
    ("seizures", case(seizures=True), Outcome.REVIEW, {"seizures"}),
    ("liver", case(liver_disease=True), Outcome.REVIEW, {"liver_disease"}),
    ("bladder", case(bladder_symptoms=True), Outcome.REVIEW, {"bladder_symptoms"}),
    ("lung", case(lung_disease=True), Outcome.REVIEW, {"lung_disease"}),
    ("past psychosis", case(past_psychosis=True), Outcome.REVIEW, {"past_psychosis"}),
    ("SUD in remission", case(substance_use_in_remission=True), Outcome.REVIEW, {"substance_use_in_remission"}),
    ("benzodiazepine", case(benzodiazepine=True), Outcome.REVIEW, {"benzodiazepine"}),
    ("lamotrigine", case(lamotrigine=True), Outcome.REVIEW, {"lamotrigine"}),
    ("MAOI", case(maoi=True), Outcome.REVIEW, {"maoi"}),
    ("stimulant", case(stimulant=True), Outcome.REVIEW, {"stimulant"}),
    ("opioid", case(opioid=True), Outcome.REVIEW, {"opioid"}),
    ("naltrexone", case(naltrexone=True), Outcome.REVIEW, {"naltrexone"}),
    ("bad ketamine experience", case(prior_adverse_ketamine=True), Outcome.REVIEW, {"prior_adverse_ketamine"}),
    ("one adequate trial", case(antidepressant_trials=TWO_FAILED_TRIALS[:1]), Outcome.REVIEW,
     {"fewer_than_two_trials"}),
    ("trials too short", case(antidepressant_trials=trials(weeks=4)), Outcome.REVIEW,
     {"fewer_than_two_trials"}),
    ("trials in an earlier episode", case(antidepressant_trials=trials(current_episode=False)),
     Outcome.REVIEW, {"fewer_than_two_trials"}),
    ("trials that worked", case(antidepressant_trials=trials(result="full")),
     Outcome.REVIEW, {"fewer_than_two_trials"}),
    ("no trials at all", case(antidepressant_trials=None), Outcome.REVIEW, {"fewer_than_two_trials"}),
    ("no clinician", case(has_mental_health_clinician=False), Outcome.REVIEW, {"no_clinician"}),
    ("aged 65", case(age=65), Outcome.REVIEW, {"age_65_plus"}),
    ("aged 64", case(age=64), Outcome.PROCEED, set()),
    ("aged exactly 18", case(age=18), Outcome.PROCEED, set()),
    ("diagnosis other", case(diagnosis="other"), Outcome.REVIEW, {"no_depression_diagnosis"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "answers", "outcome", "codes"), CASES, ids=[c[0] for c in CASES])
def test_screening_table(name, answers, outcome, codes):
    result = screen(answers)
    assert result.outcome is outcome
    found = {reason.code for reason in result.reasons}
    assert codes <= found
    if outcome is Outcome.PROCEED:
        assert found == set()


def test_every_rule_is_exercised_by_the_table():
    exercised = {reason.code for _, answers, _, _ in CASES for reason in screen(answers).reasons}
    assert {rule.reason.code for rule in RULES} <= exercised


def test_every_reason_explains_itself_and_names_its_source():
    for rule in RULES:
        assert rule.reason.explanation.endswith((".", ")"))
        assert rule.reason.source


def test_adequate_trials_need_six_weeks_in_this_episode_without_full_relief():
    assert adequate_failed_trials(TWO_FAILED_TRIALS) == 2
    assert adequate_failed_trials([]) == 0
    assert adequate_failed_trials(None) == 0
