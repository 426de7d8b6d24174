"""Resume links. Each one is a key to someone's health answers, so it works once, for a fixed time, and is sent
only a few times an hour.

A link works for LINK_LIFETIME from when it was sent; saving answers does not extend it. Its token is made only as
the outbox sends the e-mail, so no working link is ever stored, however long the e-mail waits (a mail outage) and
whatever backups or personal-data exports are made meanwhile: the database holds only the token's hash, the e-mail
a placeholder. Opening a link shows only a button. Pressing the button (a POST) redeems it: the link is spent and
the draft's session generation moves on, so every other browser that held the draft, the one that asked for the
link included, loses it (docs/decisions/resume-links.md).
"""

import datetime
import enum
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_ratelimit.core import is_ratelimited

from clinic_site.models import ClinicDetails
from eligibility.lookup import email_hash, inbox, lookup_hash
from eligibility.models import OutgoingEmail, Questionnaire
from eligibility.record_language import page_language

LINK_LIFETIME_HOURS = 24
LINK_LIFETIME = datetime.timedelta(hours=LINK_LIFETIME_HOURS)
# Per draft and, separately, per e-mail address: enough for a typo and a retry, too few to flood an inbox.
LINKS_PER_HOUR = 3

# What a resume e-mail's stored body has where the link goes: the link is put in only as it is sent (body_as_sent).
LINK_PLACEHOLDER = "[the link is added as this e-mail is sent, and never stored]"


class LinkState(enum.Enum):
    USABLE = "usable"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # never issued, replaced by a newer link, or its questionnaire was sent or deleted


def _hash(token: str) -> str:
    return lookup_hash("resume:" + token)


def _open_drafts():
    return Questionnaire.objects.filter(status=Questionnaire.Status.DRAFT, expires_at__gt=timezone.now())


def link_state(token: str) -> tuple[LinkState, Questionnaire | None]:
    draft = _open_drafts().filter(resume_token_hash=_hash(token)).first()
    if draft is None:
        return LinkState.UNKNOWN, None
    if draft.resume_token_used_at is not None:
        return LinkState.USED, draft
    if draft.resume_token_expires_at is None or draft.resume_token_expires_at <= timezone.now():
        return LinkState.EXPIRED, draft
    return LinkState.USABLE, draft


def redeem(*, token: str) -> Questionnaire | None:
    """Spend the link and shut out every other session, in one UPDATE: of two presses, only one can win."""
    now = timezone.now()
    spent = (
        _open_drafts()
        .filter(resume_token_hash=_hash(token), resume_token_used_at__isnull=True, resume_token_expires_at__gt=now)
        .update(resume_token_used_at=now, session_generation=F("session_generation") + 1)
    )
    return _open_drafts().get(resume_token_hash=_hash(token)) if spent else None


def too_many_links(http_request, *, draft: Questionnaire, email: str) -> bool:
    """Counts one more link for this draft and this address; True when either is over LINKS_PER_HOUR.

    Counted in the shared cache like every public form's limit, the address only as its keyed hash.
    """
    counters = {"resume-link-draft": draft.reference, "resume-link-address": email_hash(inbox(email))}
    limited = [
        is_ratelimited(
            http_request, group=group, key=lambda _group, _request, value=value: value,
            rate=f"{LINKS_PER_HOUR}/h", increment=True,
        )
        for group, value in counters.items()
    ]  # fmt: skip
    return any(limited)


def last_address(draft: Questionnaire) -> str:
    """Where the draft's newest link went: a replacement for a used or expired link goes there and nowhere else,
    so whoever holds an old link learns nothing new and cannot send a link to an address of their choosing."""
    return draft.emails.filter(kind=OutgoingEmail.Kind.RESUME_LINK).latest("pk").recipient


def send_link(*, draft: Questionnaire, email: str) -> None:
    """Queue a new link; the previous one stops working now. Its token is made when the e-mail is sent, and an older
    link still waiting in the outbox is not sent at all: sent later (a retry), it would replace this one.

    The e-mail, and the page its link opens, are in the language of the page the link was asked for on."""
    with transaction.atomic():
        draft.emails.filter(kind=OutgoingEmail.Kind.RESUME_LINK, sent_at__isnull=True).delete()
        draft.resume_token_hash = ""
        draft.resume_token_expires_at = None
        draft.resume_token_used_at = None
        draft.language = page_language()
        draft.save(update_fields=["resume_token_hash", "resume_token_expires_at", "resume_token_used_at", "language"])
        clinic = ClinicDetails.load().localized()
        context = {"resume_url": LINK_PLACEHOLDER, "lifetime_hours": LINK_LIFETIME_HOURS, "clinic": clinic}
        with translation.override(draft.language):
            OutgoingEmail.objects.create(
                kind=OutgoingEmail.Kind.RESUME_LINK,
                recipient=email,
                subject=gettext("Your link to continue the questionnaire"),
                body=render_to_string("eligibility/email/resume_link.txt", context),
                questionnaire=draft,
            )


def body_as_sent(email: OutgoingEmail) -> str:
    """The resume e-mail's body with a new link, for the outbox to send now: only the token's hash is kept, the link
    works for LINK_LIFETIME from now and replaces any earlier one (a retry after a failed send makes another). Built
    on SITE_URL, never on the Host header of the request that asked for it; in the draft's language (/es/… for
    Spanish), since the outbox sends it outside any request."""
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + LINK_LIFETIME
    _open_drafts().filter(pk=email.questionnaire_id).update(
        resume_token_hash=_hash(token), resume_token_expires_at=expires_at, resume_token_used_at=None
    )
    with translation.override(email.questionnaire.language):
        link = settings.SITE_URL + reverse("eligibility:questionnaire_resume", args=[token])
    return email.body.replace(LINK_PLACEHOLDER, link)
