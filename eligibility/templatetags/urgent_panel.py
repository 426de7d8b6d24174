"""What the crisis panels need to know about a draft, for the step, check, save-for-later and done pages."""

from types import SimpleNamespace

from django import template

from clinic_site.models import ClinicDetails
from eligibility.call_promise import number_ending, told_to_patient
from eligibility.models import Questionnaire
from eligibility.step_notes import facts_now
from eligibility.urgent_forms import CallbackPhoneForm

register = template.Library()


@register.simple_tag
def urgent_call(draft: Questionnaire) -> SimpleNamespace:
    """The number's last four digits ("" when we have none: then no page promises a call) and the promise made."""
    ending = number_ending(draft)
    promise = told_to_patient(draft, clinic=ClinicDetails.load()) if ending else ""
    return SimpleNamespace(number_ending=ending, promise=promise)


@register.simple_tag
def submitted_urgent_call(reference: str) -> SimpleNamespace | None:
    """On the done page (which knows only the request's reference): the urgent questionnaire's promise, if any."""
    questionnaire = Questionnaire.objects.filter(request__reference=reference, urgent=True).first()
    return urgent_call(questionnaire) if questionnaire else None


@register.simple_tag
def urgent_call_form(form_id: str = "", *, replacing: bool = False):
    """The panel's phone question, with ids of its own (a contact step on the same page has a phone field too).

    `replacing`: the number we hold is not theirs, and they give the one to call instead."""
    form = CallbackPhoneForm(number_known=False, replacing=replacing, auto_id="urgent-call-%s")
    if form_id:
        form.fields["phone"].widget.attrs["form"] = form_id
    return form


@register.simple_tag
def notes_after_step(draft, step) -> list[str]:
    """The templates of the notes `step` calls for, given the answers saved there (eligibility/step_notes.py): on the
    next step's page, or on the save page when the person saved to come back later. A note that repeats the crisis
    options is left out beside the urgent panel."""
    if step is None:
        return []
    facts = facts_now(draft.answers)
    shown = [note for note in step.notes_after if note.beside_urgent_panel or not draft.urgent]
    return [note.template for note in shown if note.applies(facts)]
