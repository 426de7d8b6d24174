"""Stored questionnaire answers, flattened into the facts `screening.screen` reads. Pure: no database, no request.

Drafts live for days, so answers saved before a question changed must still read: the old keys (`highest_dose` as
text, the combined `aneurysm_avm_or_brain_bleed` box, `ketamine_use_disorder` in the history list) map to the
same facts as the new ones. Anything malformed reads as "not answered", never as an error.
"""

import calendar
import datetime
import re

CHECKLISTS = {
    "medicines": ("medicines",),
    "medical-history": ("conditions",),
    "mental-health": ("history", "substances_now"),
}
_DOSE_TEXT = re.compile(r"^\s*(\d{1,4}(?:\.\d{1,2})?)\s*(?:mg)?\s*$", re.IGNORECASE)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _dose_mg(trial: dict) -> float | None:
    if trial.get("dose_unknown"):
        return None
    if isinstance(trial.get("dose_mg"), int | float):
        return float(trial["dose_mg"])
    match = _DOSE_TEXT.match(str(trial.get("highest_dose") or ""))  # drafts saved when the dose was free text
    return float(match.group(1)) if match else None


def _trial(trial: dict) -> dict:
    return {
        "name": str(trial.get("name") or ""),
        "dose_mg": _dose_mg(trial),
        "weeks": _int(trial.get("weeks")),
        "result": trial.get("result"),
        "current_episode": trial.get("current_episode") == "yes",
    }


def days_since(year, month, *, today: datetime.date) -> int | None:
    """Days from the most recent day the event could have happened (the month's last day, or the year's when no
    month was given) to today: a date given only roughly is never read as longer ago than it may have been."""
    year, month = _int(year), _int(month)
    if year is None or not 1 <= year <= today.year:
        return None
    month = month if month and 1 <= month <= 12 else 12
    latest = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return max((today - min(latest, today)).days, 0)


def _ticked(answers: dict) -> set[str]:
    ticked = set()
    for slug, fields in CHECKLISTS.items():
        step = answers.get(slug) or {}
        for field in fields:
            value = step.get(field) or []
            ticked.update(key for key in value if isinstance(key, str) and key != "none")
    return ticked


def screening_facts(answers: dict, *, today: datetime.date) -> dict:
    """Flatten the stored answers into the keys `screening.screen` expects; `today` dates the 'how long ago' ones."""
    about = answers.get("about-you") or {}
    diagnosis = answers.get("diagnosis") or {}
    other = answers.get("other-treatments") or {}
    medical = answers.get("medical-history") or {}
    logistics = answers.get("getting-home") or {}
    mental = answers.get("mental-health") or {}
    ticked = _ticked(answers)
    facts = dict.fromkeys(ticked, True)
    facts |= {
        "age": _int(about.get("age")),
        "pregnant_or_breastfeeding": about.get("pregnant_or_breastfeeding") == "yes",
        "diagnosis": diagnosis.get("diagnosis"),
        "has_mental_health_clinician": diagnosis.get("has_mental_health_clinician") == "yes" if diagnosis else None,
        "prior_adverse_ketamine": other.get("prior_ketamine_distressing") == "yes",
        "phq9_item9": _int((answers.get("phq-9") or {}).get("phq9_item9")) or 0,
        "antidepressant_trials": [_trial(t) for t in answers.get("antidepressants") or [] if isinstance(t, dict)],
        "hypertension": medical.get("high_bp") == "yes" or "hypertension" in ticked,
        "bp_untreated": medical.get("high_bp") == "yes" and medical.get("bp_treated") == "no",
        "bp_systolic": _int(medical.get("bp_systolic")) if medical.get("bp_known") == "yes" else None,
        "bp_diastolic": _int(medical.get("bp_diastolic")) if medical.get("bp_known") == "yes" else None,
        "heart_attack_days_ago": days_since(medical.get("heart_attack_year"), medical.get("heart_attack_month"),
                                            today=today) if "heart_attack" in ticked else None,
        "stroke_days_ago": days_since(medical.get("stroke_year"), medical.get("stroke_month"), today=today)
        if "stroke" in ticked else None,
        "recent_suicide_attempt": "past_suicide_attempt" in ticked and mental.get("attempt_recent") == "yes",
        "no_escort": logistics.get("has_escort") == "no",
        "cannot_avoid_driving": logistics.get("agrees_no_driving") == "no",
    }  # fmt: skip
    return facts


def phq9_answers(answers: dict) -> list[int] | None:
    """The nine PHQ-9 answers in item order, or None before the PHQ-9 step is answered."""
    phq = answers.get("phq-9")
    if not phq:
        return None
    return [phq[f"phq9_item{n}"] for n in range(1, 10)]
