"""The triage suggestion, from a table of cases covering every rule and both sides of every threshold."""

import pytest

from eligibility.screening import KETALAR, RULES, Outcome, screen

TWO_FAILED_TRIALS = [
    {"name": "sertraline", "dose_mg": 100.0, "weeks": 8, "result": "none", "current_episode": True},
    {"name": "bupropion", "dose_mg": 300.0, "weeks": 6, "result": "partial", "current_episode": True},
]


def trials(first=None, **changes):
    """The two failed trials, each changed by `changes`, or only the first changed by `first`."""
    if first is not None:
        return [{**TWO_FAILED_TRIALS[0], **first}, TWO_FAILED_TRIALS[1]]
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


P, R, N, U = Outcome.PROCEED, Outcome.REVIEW, Outcome.NOT_NOW, Outcome.URGENT

CASES = [
    # (name, answers, expected outcome, reason codes that must be present)
    ("typical TRD adult", case(), P, set()),
    # Safety
    ("item 9 not at all", case(phq9_item9=0), P, set()),
    ("item 9 several days", case(phq9_item9=1), U, {"phq9_item9"}),
    ("item 9 nearly every day", case(phq9_item9=3), U, {"phq9_item9"}),
    ("item 9 overrides a contraindication", case(phq9_item9=2, ketamine_allergy=True), U,
     {"phq9_item9", "hypersensitivity"}),
    ("past suicide attempt asks for a screen, not urgent", case(past_suicide_attempt=True), R,
     {"past_suicide_attempt"}),
    ("suicide attempt in the last 3 months names its recency, not urgent",
     case(past_suicide_attempt=True, recent_suicide_attempt=True), R, {"recent_suicide_attempt"}),
    # Age
    ("aged 17", case(age=17), N, {"under_18"}),
    ("aged exactly 18", case(age=18), P, set()),
    ("aged 64", case(age=64), P, set()),
    ("aged 65", case(age=65), R, {"age_65_plus"}),
    # Label contraindications and psychiatric bars
    ("pregnant", case(pregnant_or_breastfeeding=True), N, {"pregnancy"}),
    ("allergy", case(ketamine_allergy=True), N, {"hypersensitivity"}),
    ("aneurysm", case(aneurysm=True), N, {"vascular_contraindication"}),
    ("AVM", case(avm=True), N, {"vascular_contraindication"}),
    ("bleeding in the brain", case(brain_bleed=True), N, {"vascular_contraindication"}),
    ("old combined vascular box", case(aneurysm_avm_or_brain_bleed=True), N, {"vascular_contraindication"}),
    ("current psychosis", case(current_psychosis=True), N, {"current_psychosis"}),
    ("psychotic illness in remission", case(psychotic_disorder=True), N, {"psychotic_disorder"}),
    ("current mania", case(current_mania=True), N, {"current_mania"}),
    ("ketamine use disorder", case(ketamine_use_disorder=True), N, {"ketamine_use_disorder"}),
    ("not-now outranks review", case(age=17, hypertension=True), N, {"under_18", "hypertension"}),
    # Reported blood pressure: top number around 140 and 180, bottom number around 90 and 110
    ("BP 139/80", case(bp_systolic=139, bp_diastolic=80), P, set()),
    ("BP 140/80", case(bp_systolic=140, bp_diastolic=80), P, set()),
    ("BP 141/80", case(bp_systolic=141, bp_diastolic=80), R, {"bp_above_140_90"}),
    ("BP 120/89", case(bp_systolic=120, bp_diastolic=89), P, set()),
    ("BP 120/90", case(bp_systolic=120, bp_diastolic=90), P, set()),
    ("BP 120/91", case(bp_systolic=120, bp_diastolic=91), R, {"bp_above_140_90"}),
    ("BP 179/100", case(bp_systolic=179, bp_diastolic=100), R, {"bp_above_140_90"}),
    ("BP 180/100", case(bp_systolic=180, bp_diastolic=100), N, {"bp_very_high"}),
    ("BP 181/100", case(bp_systolic=181, bp_diastolic=100), N, {"bp_very_high"}),
    ("BP 150/109", case(bp_systolic=150, bp_diastolic=109), R, {"bp_above_140_90"}),
    ("BP 150/110", case(bp_systolic=150, bp_diastolic=110), N, {"bp_very_high"}),
    ("BP 150/111", case(bp_systolic=150, bp_diastolic=111), N, {"bp_very_high"}),
    ("BP not known", case(bp_systolic=None, bp_diastolic=None), P, set()),
    ("told they have high blood pressure", case(hypertension=True), R, {"hypertension"}),
    ("high blood pressure, untreated", case(hypertension=True, bp_untreated=True), R,
     {"hypertension", "hypertension_untreated"}),
    # Heart attack: 60 days
    ("heart attack 59 days ago", case(heart_attack=True, heart_attack_days_ago=59), N, {"recent_heart_attack"}),
    ("heart attack 60 days ago", case(heart_attack=True, heart_attack_days_ago=60), R, {"heart_attack"}),
    ("heart attack 61 days ago", case(heart_attack=True, heart_attack_days_ago=61), R, {"heart_attack"}),
    ("heart attack this month", case(heart_attack=True, heart_attack_days_ago=0), N, {"recent_heart_attack"}),
    ("heart attack, no date", case(heart_attack=True, heart_attack_days_ago=None), R, {"heart_attack"}),
    ("heart disease", case(heart_disease=True), R, {"heart_disease"}),
    # Stroke: 9 months (274 days)
    ("stroke 273 days ago", case(stroke=True, stroke_days_ago=273), N, {"recent_stroke"}),
    ("stroke 274 days ago", case(stroke=True, stroke_days_ago=274), R, {"stroke"}),
    ("stroke 275 days ago", case(stroke=True, stroke_days_ago=275), R, {"stroke"}),
    ("stroke, no date", case(stroke=True, stroke_days_ago=None), R, {"stroke"}),
    # Other medical history
    ("raised ICP", case(raised_icp=True), R, {"raised_icp"}),
    ("glaucoma", case(glaucoma=True), R, {"glaucoma"}),
    ("seizures", case(seizures=True), R, {"seizures"}),
    ("dementia", case(dementia=True), R, {"dementia"}),
    ("bad reaction to an anesthetic", case(anesthetic_reaction=True), R, {"anesthetic_reaction"}),
    ("liver", case(liver_disease=True), R, {"liver_disease"}),
    ("bladder", case(bladder_symptoms=True), R, {"bladder_symptoms"}),
    ("sleep apnea or lung", case(lung_disease=True), R, {"lung_disease"}),
    ("thyroid", case(thyroid=True), R, {"thyroid"}),
    # Mental health and substances
    ("bipolar depression with two trials", case(diagnosis="bipolar"), R, {"bipolar"}),
    ("diagnosis other", case(diagnosis="other"), R, {"no_depression_diagnosis"}),
    ("diagnosis not sure", case(diagnosis="not_sure"), R, {"no_depression_diagnosis"}),
    ("past mania or hypomania", case(past_mania=True), R, {"past_mania"}),
    ("past psychosis", case(past_psychosis=True), R, {"past_psychosis"}),
    ("eating disorder", case(eating_disorder=True), R, {"eating_disorder"}),
    ("SUD in remission", case(substance_use_in_remission=True), R, {"substance_use_in_remission"}),
    ("alcohol now", case(alcohol_now=True), R, {"alcohol_now"}),
    ("stimulants now", case(stimulants_now=True), R, {"stimulants_now"}),
    ("opioids now", case(opioids_now=True), R, {"opioids_now"}),
    ("cannabis now", case(cannabis_now=True), R, {"cannabis_now"}),
    ("sedatives now", case(sedatives_now=True), R, {"sedatives_now"}),
    # Medicines taken now
    ("benzodiazepine", case(benzodiazepine=True), R, {"benzodiazepine"}),
    ("lamotrigine", case(lamotrigine=True), R, {"lamotrigine"}),
    ("MAOI", case(maoi=True), R, {"maoi"}),
    ("stimulant", case(stimulant=True), R, {"stimulant"}),
    ("opioid", case(opioid=True), R, {"opioid"}),
    ("naltrexone", case(naltrexone=True), R, {"naltrexone"}),
    ("gabapentin or pregabalin", case(gabapentinoid=True), R, {"gabapentinoid"}),
    ("sleeping pill or other sedating medicine", case(sleep_medicine=True), R, {"sleep_medicine"}),
    ("theophylline or aminophylline", case(theophylline=True), R, {"theophylline"}),
    ("decongestant or other medicine that raises blood pressure", case(sympathomimetic=True), R,
     {"sympathomimetic"}),
    ("bad ketamine experience", case(prior_adverse_ketamine=True), R, {"prior_adverse_ketamine"}),
    # Antidepressant trials: duration 6 weeks, dose at the ATRQ minimum (sertraline 50 mg), this episode, failed
    ("one adequate trial", case(antidepressant_trials=TWO_FAILED_TRIALS[:1]), R, {"fewer_than_two_trials"}),
    ("no trials at all", case(antidepressant_trials=None), R, {"fewer_than_two_trials"}),
    ("5 weeks", case(antidepressant_trials=trials(weeks=5)), R, {"fewer_than_two_trials"}),
    ("exactly 6 weeks", case(antidepressant_trials=trials(weeks=6)), P, set()),
    ("7 weeks", case(antidepressant_trials=trials(weeks=7)), P, set()),
    ("weeks not given", case(antidepressant_trials=trials(weeks=None)), R, {"fewer_than_two_trials"}),
    ("sertraline 49 mg", case(antidepressant_trials=trials(first={"dose_mg": 49.0})), R, {"fewer_than_two_trials"}),
    ("sertraline 50 mg", case(antidepressant_trials=trials(first={"dose_mg": 50.0})), P, set()),
    ("sertraline 51 mg", case(antidepressant_trials=trials(first={"dose_mg": 51.0})), P, set()),
    ("venlafaxine 75 mg is below the minimum",
     case(antidepressant_trials=trials(first={"name": "venlafaxine", "dose_mg": 75.0})), R,
     {"fewer_than_two_trials"}),
    ("brand name Zoloft 50 mg", case(antidepressant_trials=trials(first={"name": "Zoloft", "dose_mg": 50.0})), P,
     set()),
    ("dose unknown is not counted", case(antidepressant_trials=trials(first={"dose_mg": None})), R,
     {"fewer_than_two_trials"}),
    ("medicine not in the table is not counted",
     case(antidepressant_trials=trials(first={"name": "Savella", "dose_mg": 100.0})), R, {"fewer_than_two_trials"}),
    ("Auvelity has no ATRQ minimum, so is not counted",
     case(antidepressant_trials=trials(first={"name": "Auvelity", "dose_mg": 90.0})), R, {"fewer_than_two_trials"}),
    ("dextromethorphan-bupropion 450 mg is Auvelity, not a bupropion trial",
     case(antidepressant_trials=trials(first={"name": "dextromethorphan-bupropion", "dose_mg": 450.0})), R,
     {"fewer_than_two_trials"}),
    ("trimipramine 150 mg is not imipramine",
     case(antidepressant_trials=trials(first={"name": "trimipramine", "dose_mg": 150.0})), R,
     {"fewer_than_two_trials"}),
    ("amitryptiline (a common misspelling) 150 mg counts",
     case(antidepressant_trials=trials(first={"name": "amitryptiline", "dose_mg": 150.0})), P, set()),
    ("nortryptiline (a common misspelling) 75 mg counts",
     case(antidepressant_trials=trials(first={"name": "nortryptiline", "dose_mg": 75.0})), P, set()),
    ("trials in an earlier episode", case(antidepressant_trials=trials(current_episode=False)), R,
     {"fewer_than_two_trials"}),
    ("trials that worked", case(antidepressant_trials=trials(result="full")), R, {"fewer_than_two_trials"}),
    ("trials stopped for side effects", case(antidepressant_trials=trials(result="side_effects")), R,
     {"fewer_than_two_trials"}),
    # Support and getting home
    ("no clinician", case(has_mental_health_clinician=False), R, {"no_clinician"}),
    ("no adult to take them home", case(no_escort=True), R, {"no_escort"}),
    ("cannot avoid driving", case(cannot_avoid_driving=True), R, {"cannot_avoid_driving"}),
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


def test_each_reason_has_one_code():
    codes = [rule.reason.code for rule in RULES]
    assert len(codes) == len(set(codes))


def test_a_very_high_reading_gives_one_blood_pressure_reason_not_two():
    codes = {reason.code for reason in screen(case(bp_systolic=200, bp_diastolic=120)).reasons}
    assert codes == {"bp_very_high"}


def test_medicine_reasons_cite_the_paper_they_come_from_not_the_spravato_label():
    sources = {rule.reason.code: rule.reason.source for rule in RULES}
    assert "Andrashko" in sources["benzodiazepine"]
    assert "Feeney" in sources["benzodiazepine"]
    assert "Andrade" in sources["lamotrigine"]
    assert "Williams" in sources["naltrexone"]
    assert "ATRQ" in sources["fewer_than_two_trials"]
    assert "Fleisher" in sources["recent_heart_attack"]
    assert "Hartle" in sources["bp_very_high"]


def test_the_ketalar_label_is_cited_for_the_interactions_it_names():
    sources = {rule.reason.code: rule.reason.source for rule in RULES}
    for code in ("gabapentinoid", "sleep_medicine", "theophylline", "sympathomimetic"):
        assert sources[code].startswith(KETALAR), code


@pytest.mark.parametrize(
    ("recent", "code", "other"),
    [
        (True, "recent_suicide_attempt", "past_suicide_attempt"),
        (False, "past_suicide_attempt", "recent_suicide_attempt"),
    ],
)
def test_a_past_attempt_gives_one_reason_that_says_whether_it_was_in_the_last_3_months(recent, code, other):
    reasons = {r.code: r for r in screen(case(past_suicide_attempt=True, recent_suicide_attempt=recent)).reasons}
    assert code in reasons
    assert other not in reasons
    assert ("in the last 3 months" in reasons[code].explanation) is recent
    assert "C-SSRS" in reasons[code].source
