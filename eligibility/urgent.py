"""The urgent path after an answer about self-harm: the number a clinician will call, and the alerts to staff.

A page promises a call only when `callback_phone` finds a number. The number given in the crisis panel is kept in
the encrypted answers (so retention and erasure remove it with them), never in a log, URL or e-mail.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from eligibility import phq9
from eligibility.models import OutgoingEmail, Questionnaire
from eligibility.screening_facts import phq9_answers
from eligibility.services import flag_urgent, staff_link

CRISIS_PANEL = "crisis-panel"  # the answers key for what was given in the crisis panel
# A draft with no save for this long was probably left part-way: staff are alerted to call while it is fresh.
ABANDONED_AFTER = datetime.timedelta(minutes=30)


def callback_phone(draft: Questionnaire) -> str:
    """The number a clinician can call: the consultation request's, the contact step's or the crisis panel's."""
    if draft.request_id:
        return draft.request.phone or ""
    answers = draft.answers
    return answers.get("contact", {}).get("phone") or answers.get(CRISIS_PANEL, {}).get("phone", "")


def flag_urgent_on_self_harm_answer(draft: Questionnaire) -> None:
    """The PHQ-9 step's on-save hook: an answer above 0 on item 9 flags the record urgent at once."""
    if phq9.score(phq9_answers(draft.answers)).self_harm_signal:
        flag_urgent(draft)


def ask_for_urgent_call(*, draft: Questionnaire, phone: str = "") -> None:
    """Flag the draft urgent now (alerting staff once), keeping the phone number if one was given in the panel."""
    with transaction.atomic():
        if phone:
            draft.answers = {**draft.answers, CRISIS_PANEL: {"phone": phone}}
        draft.last_activity_at = timezone.now()
        flag_urgent(draft)
        draft.save()


def reported_past_attempt(answers: dict) -> bool:
    return "past_suicide_attempt" in answers.get("mental-health", {}).get("history", [])


def notify_abandoned_urgent_drafts(*, now: datetime.datetime) -> int:
    """Alert staff once about each urgent draft left part-way with a number to call. Returns how many were queued.

    Run by the outbox sender (`send_pending_emails`), so the alert goes out within seconds of being queued. Each draft
    is locked while it is checked, so two senders never alert twice.
    """
    candidates = Questionnaire.objects.filter(
        status=Questionnaire.Status.DRAFT,
        urgent=True,
        abandoned_notified=False,
        last_activity_at__lte=now - ABANDONED_AFTER,
        expires_at__gt=now,
    )
    queued = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            draft = candidates.select_for_update(skip_locked=True).filter(pk=pk).first()
            if draft is None or not callback_phone(draft):
                continue
            OutgoingEmail.objects.create(
                kind=OutgoingEmail.Kind.URGENT_NOTIFICATION,
                recipient=settings.CLINIC_NOTIFICATION_EMAIL,
                subject=f"URGENT: call now, questionnaire left part-way: {draft.reference}",
                body=render_to_string(
                    "eligibility/email/urgent_abandoned.txt",
                    {"reference": draft.reference, "admin_url": staff_link(draft)},
                ),
                questionnaire=draft,
            )
            draft.abandoned_notified = True
            draft.save(update_fields=["abandoned_notified"])
            queued += 1
    return queued
