"""The questionnaire's steps, the forms that show them, and the clinician's view of the answers."""

from dataclasses import dataclass

from django.utils import timezone

from clinic_site.models import ClinicDetails
from eligibility import phq9
from eligibility import questionnaire_forms as f
from eligibility.body_measures import measures_from
from eligibility.screening import screen
from eligibility.screening_facts import screening_facts
from eligibility.trial_adequacy import review_trial


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


def phq9_answers(answers: dict) -> list[int] | None:
    phq = answers.get("phq-9")
    if not phq:
        return None
    return [phq[f"phq9_item{n}"] for n in range(1, 10)]


def clinician_review(questionnaire) -> dict:
    """What a clinician reads: the triage suggestion with reasons, the PHQ-9 table, then every answer by topic."""
    answers = questionnaire.answers
    sent = questionnaire.submitted_at
    facts = screening_facts(answers, today=timezone.localdate(sent) if sent else timezone.localdate())
    trials = [review_trial(trial) for trial in facts["antidepressant_trials"]]
    context = {
        "questionnaire": questionnaire,
        "screening": screen(facts),
        "summary": answer_summary(answers),
        "trials": trials,
        "adequate_failed_trials": sum(review.adequate_and_failed_this_episode for review in trials),
        "measures": measures_from(answers.get("about-you") or {}),
        "phq9_rows": [],
    }
    scores = phq9_answers(answers)
    if scores:
        labels = dict(phq9.ANSWER_SCALE)
        context["phq9_rows"] = [(text, labels[score], score) for text, score in zip(phq9.ITEMS, scores, strict=True)]
        context["phq9_result"] = phq9.score(scores)
    return context
