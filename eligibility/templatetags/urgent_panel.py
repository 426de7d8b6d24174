"""What the crisis panels need to know about a draft, for the step, check and crisis-panel pages."""

from django import template

from eligibility.questionnaire_steps import steps_for
from eligibility.urgent import callback_phone, reported_past_attempt
from eligibility.urgent_forms import CallbackPhoneForm

register = template.Library()


@register.filter
def has_callback_phone(draft) -> bool:
    """A page promises a call only when this is true."""
    return bool(callback_phone(draft))


@register.simple_tag
def urgent_call_form(form_id: str = ""):
    """The panel's phone question, with ids of its own (a contact step on the same page has a phone field too)."""
    form = CallbackPhoneForm(number_known=False, auto_id="urgent-call-%s")
    if form_id:
        form.fields["phone"].widget.attrs["form"] = form_id
    return form


@register.simple_tag
def past_attempt_note(draft, step) -> bool:
    """The page right after a past suicide attempt was reported gets a supportive note (an urgent draft already has
    the crisis panel)."""
    steps = steps_for(linked_to_request=draft.request_id is not None)
    if draft.urgent or step not in steps or not reported_past_attempt(draft.answers):
        return False
    index = steps.index(step)
    return index > 0 and steps[index - 1].asks_about_past_attempt
