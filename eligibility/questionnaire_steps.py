"""The questionnaire's steps, in order. Each step carries everything special about it (how its form is built, the
page template that draws it, what happens when it is saved), so one generic view runs them all."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from clinic_site.models import ClinicDetails
from eligibility import phq9
from eligibility import questionnaire_forms as f
from eligibility.screening import under_18
from eligibility.step_notes import PAST_ATTEMPT, UNDER_18, VERY_HIGH_BP, Note, facts_now
from eligibility.urgent import flag_urgent_on_self_harm_answer


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    # The page: questionnaire_step.html, or a template extending it that adds to the page (PHQ-9, medicine rows).
    template: str = "eligibility/questionnaire_step.html"
    answers_template: str = "eligibility/includes/step_answers.html"  # on the check page and the clinician's view
    on_save: Callable | None = None  # called with the draft, inside the transaction that stores the answers
    asked_only_without_request: bool = False  # a consultation request already holds these answers
    notes_after: tuple[Note, ...] = ()  # shown on the next page when the answers saved here call for them
    in_clinician_answers: bool = True  # False when the clinician's view shows the answers another way

    def form(self, answers: dict, data=None):
        """The step's form: bound to posted data, or showing what was saved (so Back keeps what was typed)."""
        return self.form_class(data, initial=answers.get(self.slug), **self.form_kwargs(answers))

    def form_kwargs(self, answers: dict) -> dict:
        return {}

    def answer(self, form):
        """What is stored for a valid form."""
        return form.cleaned_data


@dataclass(frozen=True)
class ContactStep(Step):
    def form_kwargs(self, answers: dict) -> dict:
        return {"states": ClinicDetails.load().states, "under_18": under_18(facts_now(answers))}


@dataclass(frozen=True)
class MedicineRowsStep(Step):
    """A list of medicine rows. "Add another medicine" draws the rows typed so far and one more, saving nothing (an
    unbound formset is never valid, so the view just shows it again); empty rows are dropped when saved."""

    def form(self, answers: dict, data=None):
        if data is None:
            return self.form_class(initial=answers.get(self.slug) or [{}])
        if self.form_class.ADD_ROW in data:
            return self.form_class.with_another_row(data)
        return self.form_class(data)

    def answer(self, form) -> list[dict]:
        return [row for row in form.cleaned_data if row.get("name")]


@dataclass(frozen=True)
class Phq9Step(Step):
    """The answers are codes whatever the language; the record also says which official version was shown."""

    def answer(self, form) -> dict:
        return {**form.cleaned_data, phq9.VERSION_KEY: form.text.version}


STEPS = (
    Step("about-you", _("About you"), f.AboutYouForm, notes_after=(UNDER_18,)),
    Step("diagnosis", _("Your diagnosis and this episode"), f.DiagnosisForm),
    MedicineRowsStep(
        "antidepressants",
        _("Antidepressants you have tried"),
        f.AntidepressantTrialFormSet,
        template="eligibility/steps/medicine_rows.html",
        answers_template="eligibility/includes/trial_answers.html",
    ),
    Step("other-treatments", _("Other treatments you have tried"), f.OtherTreatmentsForm),
    Step("medicines", _("Medicines you take now"), f.MedicinesForm),
    Step("medical-history", _("Your medical history"), f.MedicalHistoryForm, notes_after=(VERY_HIGH_BP,)),
    Step("mental-health", _("Your mental health history"), f.MentalHealthHistoryForm, notes_after=(PAST_ATTEMPT,)),
    Phq9Step(
        "phq-9",
        _("How you have been feeling (PHQ-9)"),
        f.Phq9Form,
        template="eligibility/steps/phq9.html",
        on_save=flag_urgent_on_self_harm_answer,
        in_clinician_answers=False,  # shown to clinicians as the scored PHQ-9 table
    ),
    Step("getting-home", _("Getting home after a session"), f.LogisticsForm),
    ContactStep("contact", _("How we can contact you"), f.ContactForm, asked_only_without_request=True),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def steps_for(*, linked_to_request: bool) -> tuple[Step, ...]:
    return tuple(step for step in STEPS if not (linked_to_request and step.asked_only_without_request))


def first_unanswered(steps, answers: dict) -> Step | None:
    return next((step for step in steps if step.slug not in answers), None)


def answer_summary(answers: dict, steps=STEPS) -> list[tuple[Step, object]]:
    """Each answered step with its form, for the check-your-answers page and the clinician's view."""
    return [(step, step.form(answers)) for step in steps if step.slug in answers]
