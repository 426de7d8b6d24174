"""The call promised after an urgent answer: which number we will call, and when.

The time is worked out once, the first time a record is both urgent and has a number to call, and stored with it.
Every page, e-mail and staff view then repeats what the person was told; worked out afresh on each page, it could say
"today" at 4:50 pm and "tomorrow" at 5:05 pm, and staff would never know which the person read.

The number given in the crisis panel is kept in the encrypted answers (so retention and erasure remove it with them),
never in a log, URL or e-mail.
"""

from django.utils import timezone

from clinic_site.models import ClinicDetails
from clinic_site.opening_hours import CallPromise, dated_promise, next_callback, promise_for_staff, promise_sentence
from eligibility.models import Questionnaire

CRISIS_PANEL = "crisis-panel"  # the answers key for what was given in the crisis panel


def callback_phone(draft: Questionnaire) -> str:
    """The number a clinician will call. What the person at the keyboard typed in this questionnaire comes first (in
    the crisis panel, then the contact step): a consultation request found by this browser's cookie may be someone
    else's, on a shared computer."""
    answers = draft.answers
    typed = answers.get(CRISIS_PANEL, {}).get("phone") or answers.get("contact", {}).get("phone")
    if typed:
        return typed
    return (draft.request.phone or "") if draft.request_id else ""


def number_ending(draft: Questionnaire) -> str:
    """The last four digits, so the person can check it is their number without the page showing all of it."""
    return "".join(character for character in callback_phone(draft) if character.isdigit())[-4:]


def _stored(draft: Questionnaire) -> CallPromise | None:
    if draft.call_due_by is None:
        return None
    return CallPromise(due_by=draft.call_due_by, opens_at=draft.call_opens_at)


def store_call_promise(draft: Questionnaire) -> bool:
    """Work out and store the call time, the first time the draft is both urgent and has a number.

    True only for the one caller that stored it (two requests at once cannot both), so staff are told exactly once.
    """
    if not draft.urgent or draft.call_due_by is not None or not callback_phone(draft):
        return False
    promise = next_callback(timezone.now(), ClinicDetails.load().hours)
    if promise is None:  # no opening in the months ahead: nothing true to promise, and the alert says so
        return False
    fields = {"call_due_by": promise.due_by, "call_opens_at": promise.opens_at}
    if not Questionnaire.objects.filter(pk=draft.pk, call_due_by__isnull=True).update(**fields):
        draft.refresh_from_db(fields=list(fields))
        return False
    draft.call_due_by, draft.call_opens_at = promise.due_by, promise.opens_at
    return True


def forget_call_promise(draft: Questionnaire) -> None:
    """The number it was made for was someone else's ("Not you?"): the next number gets a promise of its own."""
    draft.call_due_by = draft.call_opens_at = None


def told_to_patient(draft: Questionnaire, *, clinic: ClinicDetails) -> str:
    """The promise as the person reads it now ("today, before 6 pm"), from the stored time once there is one."""
    now, hours = timezone.now(), clinic.hours
    promise = _stored(draft) or next_callback(now, hours)
    return promise_sentence(promise, now, hours.zone)


def for_patient_email(draft: Questionnaire, *, clinic: ClinicDetails) -> str:
    """The same promise with its date, for an e-mail that may be read on another day."""
    promise = _stored(draft)
    if promise is None:
        return told_to_patient(draft, clinic=clinic)
    return dated_promise(promise, clinic.hours.zone)


def for_staff(draft: Questionnaire, *, clinic: ClinicDetails) -> str:
    """What the person was told, with its date and the time to call by; or why nothing was promised."""
    if not draft.urgent:
        return "None: the answers are not marked urgent."
    promise = _stored(draft)
    if promise is not None:
        return promise_for_staff(promise, clinic.hours.zone)
    if callback_phone(draft):
        return "No time promised: the opening hours have no opening in the months ahead. Call as soon as you can."
    return "No time promised yet: there is no phone number on the record."
