"""How often one address, and one phone number, can ask the clinic for an urgent call.

Each ask e-mails an urgent alert that a clinician acts on at once, and may have the clinic call a number. Without a
limit anyone could flood staff with alerts, or have the clinic call a stranger again and again. A person in crisis
asks once or twice. Over the limit they still see every crisis option and a message saying their number was not
saved, and their questionnaire is still marked urgent (staff see it first), but no alert is e-mailed and no number
kept. The counts live in the shared cache, the number only as its keyed hash, like every public form's limit.
"""

from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from clinic_site.security_events import log_event
from eligibility.lookup import phone_hash
from eligibility.models import Questionnaire

URGENT_CALLS_PER_ADDRESS = "5/h"
URGENT_CALLS_PER_NUMBER = "3/d"
NOT_SAVED = _(
    "We could not save your number just now. If you need to talk to someone now, call or text 988, or call 911 in an "
    "emergency"
)


def too_many_urgent_calls(http_request, *, phone: str) -> bool:
    """Counts one more ask from this address and for this number; True when either is over its limit."""
    limited = is_ratelimited(
        http_request, group="urgent-call-address", key="ip", rate=URGENT_CALLS_PER_ADDRESS, increment=True
    )
    if phone:
        limited |= is_ratelimited(
            http_request, group="urgent-call-number", key=lambda _group, _request: phone_hash(phone),
            rate=URGENT_CALLS_PER_NUMBER, increment=True,
        )  # fmt: skip
    if limited:
        log_event("urgent_call_limited", http_request)
    return limited


def mark_urgent_without_alert(*, draft: Questionnaire) -> None:
    """Over the limit the person is still urgent: their questionnaire comes first in staff's lists."""
    Questionnaire.objects.filter(pk=draft.pk).update(urgent=True)
    draft.urgent = True
