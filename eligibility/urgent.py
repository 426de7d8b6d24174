"""The urgent path after an answer about self-harm: the number given in the crisis panel, and the alerts to staff.

A page promises a call only when `callback_phone` finds a number (eligibility/call_promise.py).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from eligibility import phq9
from eligibility.call_promise import CRISIS_PANEL, callback_phone
from eligibility.models import Questionnaire
from eligibility.record_language import page_language
from eligibility.screening_facts import phq9_answers
from eligibility.services import flag_urgent, queue_urgent_alert

# A draft with no save for this long was probably left part-way: staff are alerted to call while it is fresh.
ABANDONED_AFTER = datetime.timedelta(minutes=30)


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
        draft.language = page_language()
        flag_urgent(draft)
        draft.save()


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
            queue_urgent_alert(
                draft=draft, subject="URGENT: questionnaire left part-way", template="urgent_abandoned.txt"
            )
            draft.abandoned_notified = True
            draft.save(update_fields=["abandoned_notified"])
            queued += 1
    return queued
