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


def over_daily_limit(email: OutgoingEmail) -> bool:
    return email.kind in PATIENT_KINDS and (cache.get(_key(email)) or 0) >= PATIENT_EMAILS_PER_DAY


def count_sent(email: OutgoingEmail) -> None:
    if email.kind not in PATIENT_KINDS:
        return
    cache.add(_key(email), 0, DAY_SECONDS)
    with contextlib.suppress(ValueError):  # expired just now, or the cache is down: nothing to count
        cache.incr(_key(email))
