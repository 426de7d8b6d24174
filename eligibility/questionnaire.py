"""The questionnaire's steps, and how stored answers become the flat facts screening reads."""

from dataclasses import dataclass

from clinic_site.models import ClinicDetails
from eligibility import phq9
from eligibility import questionnaire_forms as f
from eligibility.screening import screen


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type


STEPS = (
    Step("about-you", "About you", f.AboutYouForm),
    Step("diagnosis", "Your diagnosis and this episode", f.DiagnosisForm),
    Step("antidepressants", "Antidepressants you have tried", f.AntidepressantTrialFormSet),
    Step("other-treatments", "Other treatments you have tried", f.OtherTreatmentsForm),
    Step("medicines", "Medicines you take now", f.MedicinesForm),
    Step("medical-history", "Your medical history", f.MedicalHistoryForm),
    Step("mental-health", "Your mental health history", f.MentalHealthHistoryForm),
    Step("phq-9", "How you have been feeling (PHQ-9)", f.Phq9Form),
    Step("getting-home", "Getting home after a session", f.LogisticsForm),
    Step("contact", "How we can contact you", f.ContactForm),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}
LIST_STEPS = {"medicines": "medicines", "medical-history": "conditions", "mental-health": "history"}


def steps_for(*, linked_to_request: bool) -> tuple[Step, ...]:
    """The contact step is skipped when the questionnaire came from a consultation request."""
    return tuple(step for step in STEPS if not (linked_to_request and step.slug == "contact"))


def form_for(step: Step, answers: dict, data=None):
    """The step's form: bound to posted data, or showing what was saved (so Back keeps what was typed)."""
    stored = answers.get(step.slug)
    if step.slug == "antidepressants":
        if data is not None:
            return step.form_class(data, prefix="trial")
        return step.form_class(initial=stored or [{}], prefix="trial")
    kwargs = {"states": ClinicDetails.load().states} if step.slug == "contact" else {}
    return step.form_class(data, initial=stored, **kwargs)


def answer_summary(answers: dict, steps=STEPS) -> list[tuple[Step, object]]:
    """Each answered step with its form, for the check-your-answers page and the clinician's view."""
    return [(step, form_for(step, answers)) for step in steps if step.slug in answers]


def first_unanswered(steps, answers: dict) -> Step | None:
    return next((step for step in steps if step.slug not in answers), None)


def screening_facts(answers: dict) -> dict:
    """Flatten the stored answers into the keys `screening.screen` expects."""
    about = answers.get("about-you", {})
    diagnosis = answers.get("diagnosis", {})
    other = answers.get("other-treatments", {})
    phq = answers.get("phq-9", {})
    facts = {
        "age": about.get("age"),
        "pregnant_or_breastfeeding": about.get("pregnant_or_breastfeeding") == "yes",
        "diagnosis": diagnosis.get("diagnosis"),
        "has_mental_health_clinician": diagnosis.get("has_mental_health_clinician") == "yes" if diagnosis else None,
        "prior_adverse_ketamine": other.get("prior_ketamine_distressing") == "yes",
        "phq9_item9": phq.get("phq9_item9", 0),
        "antidepressant_trials": [
            {**trial, "current_episode": trial.get("current_episode") == "yes"}
            for trial in answers.get("antidepressants", [])
        ],
    }
    for slug, field in LIST_STEPS.items():
        for key in answers.get(slug, {}).get(field, []):
            if key != "none":
                facts[key] = True
    return facts


def phq9_answers(answers: dict) -> list[int] | None:
    phq = answers.get("phq-9")
    if not phq:
        return None
    return [phq[f"phq9_item{n}"] for n in range(1, 10)]


def clinician_review(questionnaire) -> dict:
    """What a clinician reads: the triage suggestion with reasons, the PHQ-9 table, then every answer by topic."""
    answers = questionnaire.answers
    context = {
        "questionnaire": questionnaire,
        "screening": screen(screening_facts(answers)),
        "summary": answer_summary(answers),
        "phq9_rows": [],
    }
    scores = phq9_answers(answers)
    if scores:
        labels = dict(phq9.ANSWER_SCALE)
        context["phq9_rows"] = [(text, labels[score], score) for text, score in zip(phq9.ITEMS, scores, strict=True)]
        context["phq9_result"] = phq9.score(scores)
    return context
