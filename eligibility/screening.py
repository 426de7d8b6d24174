"""Staff-facing triage suggestion from questionnaire answers: a pure function, no database, no request.

It never rejects or accepts anyone: a clinician makes every decision, and the patient never sees
the outcome, only neutral next steps. Every rule, threshold and source is listed for clinicians in
docs/screening-rules.md (content brief sections 4.5 and 4.6).
"""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from eligibility.trial_adequacy import adequate_failed_trials


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
ATRQ = "MGH ATRQ (Chandler et al., CNS Neurosci Ther 2010); Spravato label's definition of TRD"
SUICIDE_SCREEN = "Content brief 4.3 and 4.5 F (staff-run C-SSRS or ASQ)"
RECENT_ATTEMPT = SUICIDE_SCREEN + "; C-SSRS screener (asks when: in the past 3 months)"
HARTLE = "AAGBI/BHS guideline, Hartle et al., Anaesthesia 2016"
FLEISHER = "2014 ACC/AHA perioperative guideline, Fleisher et al., JACC 2014"
JORGENSEN = "Jørgensen et al., JAMA 2014"

# Reported blood pressure (mmHg). Above 140/90: the Spravato label's example of an elevated baseline.
# At or above 180/110: the level below which the AAGBI/BHS guideline lets elective anaesthesia go ahead.
BP_REVIEW_ABOVE = (140, 90)
BP_NOT_NOW_FROM = (180, 110)
# Days that should pass before elective anaesthesia: 60 after a heart attack (ACC/AHA 2014); 9 months (274 days)
# after a stroke, when the risk levels off (Jørgensen 2014).
HEART_ATTACK_WAIT_DAYS = 60
STROKE_WAIT_DAYS = 274


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


def _yes(*keys: str) -> Callable[[Mapping], bool]:
    return lambda answers: any(answers.get(key) for key in keys)


def bp_beyond(answers: Mapping, limits: tuple[int, int], beyond=operator.gt) -> bool:
    """Either reported number (top, bottom) beyond its limit."""
    readings = (answers.get("bp_systolic"), answers.get("bp_diastolic"))
    return any(reading is not None and beyond(reading, limit) for reading, limit in zip(readings, limits, strict=True))


def under_18(answers: Mapping) -> bool:
    return answers.get("age") is not None and answers["age"] < 18


def _within(key: str, days: int) -> Callable[[Mapping], bool]:
    return lambda answers: answers.get(key) is not None and answers[key] < days


def _ticked_but_not_recent(ticked: str, days_key: str, days: int) -> Callable[[Mapping], bool]:
    """Ticked, and either long enough ago or with no usable date (staff then ask when)."""
    return lambda answers: bool(answers.get(ticked)) and not _within(days_key, days)(answers)


@dataclass(frozen=True)
class Rule:
    applies: Callable[[Mapping], bool]
    reason: Reason


def _rule(applies, outcome, code, explanation, source) -> Rule:
    return Rule(applies, Reason(outcome, code, explanation, source))


U, N, R = Outcome.URGENT, Outcome.NOT_NOW, Outcome.REVIEW
CNS_DEPRESSANTS = SPRAVATO + " (CNS depressants add to sedation)"
KETALAR_CNS = KETALAR + " (other CNS depressants: deeper sedation and slowed breathing)"

RULES: tuple[Rule, ...] = (
    _rule(
        lambda a: (a.get("phq9_item9") or 0) > 0,
        U, "phq9_item9",
        "PHQ-9 item 9 above 0 (thoughts of being better off dead or of self-harm): call by the time the patient "
        "was told (shown on the record) and run a structured suicide screen.",
        "Content brief 4.2; Simon et al., Psychiatr Serv 2013",
    ),
    # Likely not a candidate now
    _rule(under_18, N, "under_18", "Under 18.", CLINIC),
    _rule(_yes("pregnant_or_breastfeeding"), N, "pregnancy",
          "Pregnant, trying to conceive or breastfeeding: the label warns of fetal harm.",
          CLINIC + ", after the " + SPRAVATO),
    _rule(_yes("ketamine_allergy"), N, "hypersensitivity",
          "Known hypersensitivity to ketamine or esketamine (a label contraindication).", SPRAVATO),
    _rule(_yes("aneurysm", "avm", "brain_bleed", "aneurysm_avm_or_brain_bleed"), N, "vascular_contraindication",
          "Aneurysmal vascular disease, AVM or past bleeding in the brain (label contraindications).", SPRAVATO),
    _rule(_yes("current_psychosis"), N, "current_psychosis",
          "Current psychosis (a caution, not an absolute bar).", SANACORA),
    _rule(_yes("psychotic_disorder"), N, "psychotic_disorder",
          "A primary psychotic illness such as schizophrenia, even if in remission now (a caution, not an "
          "absolute bar).", SANACORA),
    _rule(_yes("current_mania"), N, "current_mania", "Current mania or hypomania.", SANACORA),
    _rule(_yes("ketamine_use_disorder"), N, "ketamine_use_disorder",
          "Active ketamine or PCP use disorder.", SANACORA),
    _rule(lambda a: bp_beyond(a, BP_NOT_NOW_FROM, operator.ge), N, "bp_very_high",
          "Reported blood pressure at or above 180/110: measure it, and treat it before any session.",
          HARTLE + "; " + SPRAVATO),
    _rule(_within("heart_attack_days_ago", HEART_ATTACK_WAIT_DAYS), N, "recent_heart_attack",
          "Heart attack less than 60 days ago.", FLEISHER + "; " + SPRAVATO),
    _rule(_within("stroke_days_ago", STROKE_WAIT_DAYS), N, "recent_stroke",
          "Stroke or TIA less than 9 months ago.", JORGENSEN + "; " + SPRAVATO),
    # Needs clinician review: heart, blood pressure and brain
    _rule(lambda a: bp_beyond(a, BP_REVIEW_ABOVE) and not bp_beyond(a, BP_NOT_NOW_FROM, operator.ge), R,
          "bp_above_140_90",
          "Reported blood pressure above 140/90: weigh the short rise in blood pressure each session causes.",
          SPRAVATO),
    _rule(_yes("hypertension"), R, "hypertension",
          "Told they have high blood pressure: ketamine raises blood pressure for a while.", SPRAVATO),
    _rule(_yes("bp_untreated"), R, "hypertension_untreated",
          "High blood pressure that is not treated with medicine.", SPRAVATO),
    _rule(_ticked_but_not_recent("heart_attack", "heart_attack_days_ago", HEART_ATTACK_WAIT_DAYS), R,
          "heart_attack", "Heart attack 60 days ago or more, or date not given: check when.",
          FLEISHER + "; " + SPRAVATO),
    _rule(_yes("heart_disease"), R, "heart_disease",
          "Heart disease, heart failure or an irregular heartbeat.", SPRAVATO),
    _rule(_ticked_but_not_recent("stroke", "stroke_days_ago", STROKE_WAIT_DAYS), R, "stroke",
          "Stroke or TIA 9 months ago or more, or date not given: check when.", JORGENSEN + "; " + SPRAVATO),
    _rule(_yes("raised_icp"), R, "raised_icp",
          "Head injury, brain tumour or raised pressure in the skull: ketamine can raise it.", SPRAVATO),
    _rule(_yes("glaucoma"), R, "glaucoma", "Glaucoma or raised eye pressure: ketamine can raise it.", KETALAR),
    _rule(_yes("seizures"), R, "seizures", "Seizures or epilepsy.", KETALAR),
    _rule(_yes("dementia"), R, "dementia",
          "Dementia or memory problems: check capacity to consent and the risk of confusion.", CLINIC),
    _rule(_yes("anesthetic_reaction"), R, "anesthetic_reaction",
          "A past bad reaction to an anaesthetic: ask what happened.", CLINIC),
    # Other medical history
    _rule(_yes("liver_disease"), R, "liver_disease",
          "Liver disease: the label advises longer monitoring in hepatic impairment.", SPRAVATO),
    _rule(_yes("bladder_symptoms"), R, "bladder_symptoms",
          "Bladder or urinary symptoms: the label warns of ulcerative or interstitial cystitis.", SPRAVATO),
    _rule(_yes("lung_disease"), R, "lung_disease",
          "Sleep apnea or lung disease: the label warns of respiratory depression.", SPRAVATO),
    _rule(_yes("thyroid"), R, "thyroid",
          "Thyroid disease: an overactive thyroid adds to ketamine's rise in heart rate and blood pressure.",
          CLINIC),
    # Mental health and substances
    _rule(lambda a: a.get("diagnosis") == "bipolar", R, "bipolar", "Bipolar disorder.", SANACORA),
    _rule(_yes("past_mania"), R, "past_mania", "Past mania or hypomania: risk of switching into mania.",
          SANACORA),
    _rule(lambda a: a.get("diagnosis") not in {"mdd", "bipolar"}, R, "no_depression_diagnosis",
          "No diagnosis of major depression or bipolar depression from a clinician.", SANACORA),
    _rule(_yes("past_psychosis"), R, "past_psychosis",
          "Past psychosis, remote or substance-induced, or during earlier ketamine use.", SANACORA),
    _rule(_yes("recent_suicide_attempt"), R, "recent_suicide_attempt",
          "A suicide attempt in the last 3 months (the C-SSRS screener's recent window): call soon and run a "
          "structured suicide screen (C-SSRS or ASQ) at the first call.", RECENT_ATTEMPT),
    _rule(lambda a: bool(a.get("past_suicide_attempt")) and not a.get("recent_suicide_attempt"), R,
          "past_suicide_attempt",
          "A past suicide attempt, more than 3 months ago or when not said: run a structured suicide screen "
          "(C-SSRS or ASQ) at the first call.", SUICIDE_SCREEN),
    _rule(_yes("eating_disorder"), R, "eating_disorder",
          "An eating disorder, now or in the past: check weight, heart and salts before dosing.", CLINIC),
    _rule(_yes("substance_use_in_remission"), R, "substance_use_in_remission",
          "Substance use disorder in remission.", SANACORA),
    _rule(_yes("alcohol_now"), R, "alcohol_now",
          "Alcohol use causing problems now: abuse risk and added sedation.", SANACORA + "; " + CNS_DEPRESSANTS),
    _rule(_yes("stimulants_now"), R, "stimulants_now",
          "Stimulant misuse now: abuse risk and higher blood pressure.",
          SANACORA + "; " + SPRAVATO + " (psychostimulants raise blood pressure)"),
    _rule(_yes("opioids_now"), R, "opioids_now",
          "Opioid misuse now: abuse risk, sedation and slowed breathing.", SANACORA + "; " + CNS_DEPRESSANTS),
    _rule(_yes("cannabis_now"), R, "cannabis_now", "Cannabis use causing problems now.", SANACORA),
    _rule(_yes("sedatives_now"), R, "sedatives_now",
          "Sedative misuse now: abuse risk and added sedation.", SANACORA + "; " + CNS_DEPRESSANTS),
    # Medicines taken now
    _rule(_yes("benzodiazepine"), R, "benzodiazepine",
          "Takes a benzodiazepine: higher doses may blunt the response.",
          "Andrashko et al., Front Psychiatry 2020; Feeney et al., J Clin Psychiatry 2023"),
    _rule(_yes("lamotrigine"), R, "lamotrigine", "Takes lamotrigine: may reduce some effects of ketamine.",
          "Andrade, J Clin Psychiatry 2017"),
    _rule(_yes("maoi"), R, "maoi", "Takes an MAOI: blood pressure needs close monitoring.", SPRAVATO),
    _rule(_yes("stimulant"), R, "stimulant", "Takes a psychostimulant: blood pressure needs close monitoring.",
          SPRAVATO),
    _rule(_yes("opioid"), R, "opioid", "Takes an opioid: added sedation and breathing risk with CNS depressants.",
          CNS_DEPRESSANTS),
    _rule(_yes("naltrexone"), R, "naltrexone", "Takes naltrexone: may blunt the response.",
          "Williams et al., Am J Psychiatry 2018"),
    _rule(_yes("gabapentinoid"), R, "gabapentinoid",
          "Takes gabapentin or pregabalin: added sedation and slowed breathing with ketamine.",
          KETALAR_CNS + "; " + CNS_DEPRESSANTS),
    _rule(_yes("sleep_medicine"), R, "sleep_medicine",
          "Takes a sleeping pill or another sedating medicine: added sedation and slowed breathing with ketamine.",
          KETALAR_CNS + "; " + CNS_DEPRESSANTS),
    _rule(_yes("theophylline"), R, "theophylline",
          "Takes theophylline or aminophylline: may lower the seizure threshold; the label suggests considering "
          "an alternative to ketamine.", KETALAR + " (theophylline or aminophylline)"),
    _rule(_yes("sympathomimetic"), R, "sympathomimetic",
          "Takes a decongestant or another medicine that raises blood pressure: may add to ketamine's rise in "
          "blood pressure and heart rate.", KETALAR + " (sympathomimetics)"),
    # Treatment history, support and getting home
    _rule(_yes("prior_adverse_ketamine"), R, "prior_adverse_ketamine",
          "A distressing or adverse experience with ketamine before.", CLINIC),
    _rule(
        lambda a: adequate_failed_trials(a.get("antidepressant_trials")) < 2,
        R, "fewer_than_two_trials",
        "Fewer than 2 adequate failed antidepressant trials in this episode (6 weeks or more at the ATRQ "
        "minimum dose; an unknown dose is not counted): may not meet the definition of treatment-resistant "
        "depression, so confirm doses and discuss alternatives.", ATRQ,
    ),
    _rule(lambda a: a.get("has_mental_health_clinician") is False, R, "no_clinician",
          "No current mental-health clinician.", CLINIC),
    _rule(lambda a: (a.get("age") or 0) >= 65, R, "age_65_plus",
          "Age 65 or over: check the label's advice on dosing for older adults.", SPRAVATO),
    _rule(_yes("no_escort"), R, "no_escort", "No adult to take them home after a session.",
          CLINIC + ", after the " + SPRAVATO + " (no driving until the next day)"),
    _rule(_yes("cannot_avoid_driving"), R, "cannot_avoid_driving",
          "Cannot avoid driving until the day after a session.", SPRAVATO),
)  # fmt: skip


def screen(answers: Mapping) -> Screening:
    """Every rule that applies, and the most serious outcome among them (or proceed when none does)."""
    reasons = tuple(rule.reason for rule in RULES if rule.applies(answers))
    outcome = next((level for level in SEVERITY if any(r.outcome is level for r in reasons)), Outcome.PROCEED)
    return Screening(outcome=outcome, reasons=reasons)
