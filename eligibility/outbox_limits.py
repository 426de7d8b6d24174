"""At most PATIENT_EMAILS_PER_DAY e-mails of the kinds a person asks for (confirmations, resume links) go to one
inbox in a day, however its address is spelled.

Anyone can type someone else's address into a public form; each form's own limits are per address or per draft,
so without this one many senders could fill a stranger's inbox from the clinic. One e-mail over the limit is held
and tried again later (the outbox's usual back-off), and staff see why on the record. The count lives in the shared
cache under the inbox's keyed hash; if the cache is down, nothing is held.
"""

import contextlib

from django.core.cache import cache

from eligibility.lookup import email_hash, inbox
from eligibility.models import OutgoingEmail

PATIENT_EMAILS_PER_DAY = 5
PATIENT_KINDS = frozenset({OutgoingEmail.Kind.PATIENT_CONFIRMATION, OutgoingEmail.Kind.RESUME_LINK})
DAY_SECONDS = 24 * 60 * 60


class InboxDailyLimitReached(Exception):
    """Recorded as the e-mail's last error, which staff see."""


def _key(email: OutgoingEmail) -> str:
    return "outbox-inbox:" + email_hash(inbox(email.recipient))


def reserve(email: OutgoingEmail) -> bool:
    """Count the e-mail against its inbox's allowance before it is sent; False, counting nothing, when the inbox
    has had its allowance today.

    Counting and checking are one step in the cache (a new key, or an increment that returns the new count), so two
    senders at once cannot both send the last e-mail allowed, and a first e-mail to an inbox costs one round trip.
    """
    if email.kind not in PATIENT_KINDS:
        return True
    key = _key(email)
    if cache.add(key, 1, DAY_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired just now, or the cache is down: nothing is held
        return True
    if count > PATIENT_EMAILS_PER_DAY:
        release(email)
        return False
    return True


def release(email: OutgoingEmail) -> None:
    """Give back the count `reserve` took for an e-mail that was not sent after all."""
    if email.kind not in PATIENT_KINDS:
        return
    with contextlib.suppress(ValueError):  # expired just now, or the cache is down: nothing to give back
        cache.decr(_key(email))
