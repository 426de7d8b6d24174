"""Staff-facing triage suggestion from questionnaire answers: a pure function, no database, no request.

It never rejects or accepts anyone: a clinician makes every decision, and the patient never sees
the outcome, only neutral next steps. Rules follow the content brief, section 4.6.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    URGENT = "urgent", "URGENT – safety follow-up"
    NOT_NOW = "not_now", "Likely not a candidate now – clinician to confirm"
    REVIEW = "review", "Needs clinician review"
    PROCEED = "proceed", "Proceed to consultation"

    def __new__(cls, value, label):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


# Most serious first: the outcome is the most serious one any reason carries.
SEVERITY = (Outcome.URGENT, Outcome.NOT_NOW, Outcome.REVIEW)

SPRAVATO = "Spravato (esketamine) prescribing information"
KETALAR = "Ketalar (ketamine) prescribing information"
SANACORA = "Sanacora et al., JAMA Psychiatry 2017"
CLINIC = "Clinic policy"

ADEQUATE_TRIAL_WEEKS = 6
FAILED_RESULTS = {"none", "partial"}


@dataclass(frozen=True)
class Reason:
    outcome: Outcome
    code: str
    explanation: str
    source: str


@dataclass(frozen=True)
class Screening:
    outcome: Outcome
    reasons: tuple[Reason, ...]


def adequate_failed_trials(trials) -> int:
    """Antidepressant trials in this episode, taken 6 weeks or more, that did not bring full relief."""
    return sum(
        1
        for trial in trials or ()
        if trial.get("current_episode")
        and (trial.get("weeks") or 0) >= ADEQUATE_TRIAL_WEEKS
        and trial.get("result") in FAILED_RESULTS
    )


def _yes(key: str) -> Callable[[Mapping], bool]:
    return lambda answers: bool(answers.get(key))


@dataclass(frozen=True)
class Rule:
    applies: Callable[[Mapping], bool]
    reason: Reason


def _rule(applies, outcome, code, explanation, source) -> Rule:
    return Rule(applies, Reason(outcome, code, explanation, source))


U, N, R = Outcome.URGENT, Outcome.NOT_NOW, Outcome.REVIEW
MEDICINES = {
    "benzodiazepine": "Takes a benzodiazepine: higher doses may blunt the response (Andrashko 2020; Feeney 2023).",
    "lamotrigine": "Takes lamotrigine: may reduce some effects of ketamine (Andrade 2017).",
    "maoi": "Takes an MAOI: blood pressure needs close monitoring.",
    "stimulant": "Takes a psychostimulant: blood pressure needs close monitoring.",
    "opioid": "Takes an opioid: added sedation and breathing risk with CNS depressants.",
    "naltrexone": "Takes naltrexone: may blunt the response (Williams 2018).",
}
MEDICAL_HISTORY = {
    "hypertension": "High blood pressure: ketamine raises blood pressure for a while.",
    "heart_disease": "Heart disease (coronary disease, heart attack, heart failure or arrhythmia).",
    "stroke": "Past stroke or TIA.",
    "raised_icp": "Head injury, brain tumour or raised pressure in the skull.",
    "glaucoma": "Glaucoma or raised eye pressure.",
    "seizures": "Seizures.",
    "liver_disease": "Liver disease.",
    "bladder_symptoms": "Bladder or urinary symptoms.",
    "lung_disease": "Sleep apnea or lung disease.",
}

RULES: tuple[Rule, ...] = (
    _rule(
        lambda a: (a.get("phq9_item9") or 0) > 0,
        U, "phq9_item9",
        "PHQ-9 item 9 above 0 (thoughts of being better off dead or of self-harm): call back the same day "
        "and run a structured suicide screen.", "Content brief 4.2; Simon et al., Psychiatr Serv 2013",
    ),
    _rule(
        lambda a: a.get("age") is not None and a["age"] < 18,
        N, "under_18", "Under 18.", CLINIC,
    ),
    _rule(_yes("pregnant_or_breastfeeding"), N, "pregnancy",
          "Pregnant, trying to conceive or breastfeeding: the label warns of fetal harm.", SPRAVATO),
    _rule(_yes("ketamine_allergy"), N, "hypersensitivity",
          "Known hypersensitivity to ketamine or esketamine (a label contraindication).", SPRAVATO),
    _rule(_yes("aneurysm_avm_or_brain_bleed"), N, "vascular_contraindication",
          "Aneurysmal vascular disease, AVM or past bleeding in the brain (label contraindications).", SPRAVATO),
    _rule(_yes("current_psychosis"), N, "current_psychosis",
          "Current psychosis or a primary psychotic disorder (a caution, not an absolute bar).", SANACORA),
    _rule(_yes("current_mania"), N, "current_mania", "Current mania.", SANACORA),
    _rule(_yes("ketamine_use_disorder"), N, "ketamine_use_disorder",
          "Active ketamine or PCP use disorder.", SANACORA),
    *(_rule(_yes(key), R, key, text, KETALAR) for key, text in MEDICAL_HISTORY.items()),
    _rule(lambda a: a.get("diagnosis") == "bipolar", R, "bipolar", "Bipolar disorder.", SANACORA),
    _rule(lambda a: a.get("diagnosis") not in {"mdd", "bipolar"}, R, "no_depression_diagnosis",
          "No diagnosis of major depression or bipolar depression from a clinician.", SANACORA),
    _rule(_yes("past_psychosis"), R, "past_psychosis",
          "Past psychosis, remote or substance-induced, or during earlier ketamine use.", SANACORA),
    _rule(_yes("substance_use_in_remission"), R, "substance_use_in_remission",
          "Substance use disorder in remission.", SANACORA),
    *(_rule(_yes(key), R, key, text, SPRAVATO) for key, text in MEDICINES.items()),
    _rule(_yes("prior_adverse_ketamine"), R, "prior_adverse_ketamine",
          "A distressing or adverse experience with ketamine before.", CLINIC),
    _rule(
        lambda a: adequate_failed_trials(a.get("antidepressant_trials")) < 2,
        R, "fewer_than_two_trials",
        "Fewer than 2 adequate antidepressant trials in this episode: may not meet the definition of "
        "treatment-resistant depression, so discuss alternatives.", SPRAVATO,
    ),
    _rule(lambda a: a.get("has_mental_health_clinician") is False, R, "no_clinician",
          "No current mental-health clinician.", CLINIC),
    _rule(lambda a: (a.get("age") or 0) >= 65, R, "age_65_plus",
          "Age 65 or over: check the label's advice on dosing for older adults.", SPRAVATO),
)  # fmt: skip


def screen(answers: Mapping) -> Screening:
    """Every rule that applies, and the most serious outcome among them (or proceed when none does)."""
    reasons = tuple(rule.reason for rule in RULES if rule.applies(answers))
    outcome = next((level for level in SEVERITY if any(r.outcome is level for r in reasons)), Outcome.PROCEED)
    return Screening(outcome=outcome, reasons=reasons)
