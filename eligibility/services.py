"""Writes with consequences. Views and admin actions call these; nothing happens in signals."""

import datetime
import logging
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic_site.models import ClinicDetails
from eligibility import phq9
from eligibility.audit import record_access, record_system_action
from eligibility.models import (
    AuditEntry,
    ConsultationRequest,
    OutgoingEmail,
    Questionnaire,
    StatusChange,
    draft_expiry,
)
from eligibility.outbox_limits import InboxDailyLimitReached, count_sent, over_daily_limit
from eligibility.questionnaire import phq9_answers
from eligibility.resume_links import body_as_sent
from eligibility.screening import screen
from eligibility.screening_facts import screening_facts

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 10
FIRST_RETRY_AFTER = datetime.timedelta(minutes=1)
SEND_BATCH = 100


def _queue_emails(request: ConsultationRequest, *, clinic: ClinicDetails, admin_url: str) -> None:
    context = {"request_record": request, "clinic": clinic, "admin_url": admin_url}
    OutgoingEmail.objects.bulk_create(
        [
            OutgoingEmail(
                request=request,
                kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION,
                recipient=request.email,
                subject=f"We have your request (reference {request.reference})",
                body=render_to_string("eligibility/email/patient_confirmation.txt", context),
            ),
            OutgoingEmail(
                request=request,
                kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION,
                recipient=settings.CLINIC_NOTIFICATION_EMAIL,
                subject=f"New consultation request {request.reference}",
                body=render_to_string("eligibility/email/clinic_notification.txt", context),
            ),
        ]
    )


def submit_consultation_request(*, data: dict, clinic: ClinicDetails) -> ConsultationRequest:
    """Save the request and queue its e-mails in one transaction; a re-sent form returns the record it already made.

    The e-mails are sent by the outbox sender (`send_pending_emails --watch`), not while the visitor waits.
    """
    fields = {key: data[key] for key in ("name", "email", "phone", "preferred_contact", "preferred_time", "state")}
    try:
        with transaction.atomic():
            request = ConsultationRequest.objects.create(
                **fields, message=data.get("message", ""), submission_key=data["submission_key"]
            )
            _queue_emails(request, clinic=clinic, admin_url=staff_link(request))
    except IntegrityError:
        # The same form sent twice (a double click, a re-sent page): the first post saved it.
        return ConsultationRequest.objects.get(submission_key=data["submission_key"])
    return request


def retry_due(email: OutgoingEmail, now: datetime.datetime) -> bool:
    """New e-mails are due at once; after each failed attempt the wait doubles (1, 2, 4 … minutes)."""
    return email.attempts == 0 or now >= email.created_at + FIRST_RETRY_AFTER * 2 ** (email.attempts - 1)


def send_pending_emails(*, only_due: bool = False) -> int:
    """Try each unsent e-mail once, urgent ones first: all of them, or (for the sender) only those `retry_due`.

    E-mails are taken in batches, each locked while it is sent (so two senders never send the same one) and sent
    over one connection to the mail server. Failures are recorded for staff and retried later; never raised.
    """
    sent, now = 0, timezone.now()
    unsent = OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_SEND_ATTEMPTS)
    urgent = Q(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION)
    for kinds in (urgent, ~urgent):
        after = 0
        while True:
            with transaction.atomic():  # the batch stays locked until its results are saved
                batch = unsent.filter(kinds, pk__gt=after).select_for_update(skip_locked=True).order_by("pk")
                batch = list(batch[:SEND_BATCH])
                if not batch:
                    break
                after = batch[-1].pk
                sent += _send([email for email in batch if not only_due or retry_due(email, now)])
    return sent


def _send(emails: list[OutgoingEmail]) -> int:
    """Send the e-mails over one connection, then record the results in one update per outcome."""
    if not emails:
        return 0
    connection = mailers.default
    try:
        connection.open()
        unreachable = None
    except Exception as error:  # the mail server cannot be reached: the whole batch waits for the next try
        unreachable = error
    outcomes = defaultdict(list)  # "" for sent, else the error's name
    try:
        for email in emails:
            outcomes[_attempt(email, connection, unreachable)].append(email.pk)
    finally:
        connection.close()
    for error, pks in outcomes.items():
        sent_at = None if error else timezone.now()
        OutgoingEmail.objects.filter(pk__in=pks).update(attempts=F("attempts") + 1, last_error=error, sent_at=sent_at)
    return len(outcomes.get("", []))


def _attempt(email: OutgoingEmail, connection, unreachable: Exception | None) -> str:
    """Send one e-mail: "" when sent, or the name of the error, which staff see and the log records."""
    failure = unreachable
    if failure is None and over_daily_limit(email):
        failure = InboxDailyLimitReached()
    if failure is None:
        try:
            connection.send_messages([_message(email)])
            count_sent(email)
            return ""
        except Exception as error:  # any mail failure is recorded and retried, never shown to the patient
            failure = error
    name = type(failure).__name__[:200]
    logger.warning("E-mail %s (%s) not sent: %s", email.pk, email.kind, name)
    return name


def _message(email: OutgoingEmail) -> EmailMessage:
    body = body_as_sent(email) if email.kind == OutgoingEmail.Kind.RESUME_LINK else email.body
    return EmailMessage(subject=email.subject, body=body, to=[email.recipient])


def _save_audited(record: ConsultationRequest, *, by, http_request, detail: str, **fields) -> None:
    """Change a request's fields and write the audit entry that says so, both or neither."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(record, name, value)
        record.save(update_fields=list(fields))
        record_access(
            actor=by, action=AuditEntry.Action.CHANGED, reference=record.reference, http_request=http_request,
            detail=detail,
        )  # fmt: skip


def change_status(*, record: ConsultationRequest, to_status: str, by, http_request) -> bool:
    """Move a request to a new status, keeping its history and an audit entry. False if it was already there."""
    if record.status == to_status:
        return False
    with transaction.atomic():
        StatusChange.objects.create(request=record, from_status=record.status, to_status=to_status, changed_by=by)
        label = ConsultationRequest.Status(to_status).label
        _save_audited(record, by=by, http_request=http_request, detail=f"status → {label}", status=to_status)
    return True


def assign(*, record: ConsultationRequest, to_user, by, http_request) -> None:
    detail = f"assigned to {to_user.get_username()}"
    _save_audited(record, by=by, http_request=http_request, detail=detail, assigned_to=to_user)


def clear_urgent(*, record: ConsultationRequest, by, http_request) -> bool:
    """Staff clear the urgent flag here only (the change form cannot), audited. False if it was not set."""
    if not record.urgent:
        return False
    _save_audited(record, by=by, http_request=http_request, detail="urgent flag cleared", urgent=False)
    return True


def _queue(*, kind, recipient, subject, template, context, questionnaire=None, request=None) -> None:
    OutgoingEmail.objects.create(
        kind=kind,
        recipient=recipient,
        subject=subject,
        body=render_to_string(template, context),
        questionnaire=questionnaire,
        request=request,
    )


def staff_link(record: ConsultationRequest | Questionnaire) -> str:
    """The record's page in the admin, from SITE_URL: never from a request's Host header, which a sender controls."""
    name = f"admin:eligibility_{record._meta.model_name}_change"
    return settings.SITE_URL + reverse(name, args=[record.pk])


def save_questionnaire_step(*, draft: Questionnaire, slug: str, data) -> None:
    """Store one step's answers. An answer above 0 on PHQ-9 item 9 flags the record urgent at once."""
    with transaction.atomic():
        draft.answers = {**draft.answers, slug: data}
        draft.expires_at = draft_expiry()
        draft.last_activity_at = timezone.now()
        if slug == "phq-9" and phq9.score(phq9_answers(draft.answers)).self_harm_signal:
            flag_urgent(draft)
        draft.save()


def flag_urgent(draft: Questionnaire) -> None:
    """Mark the draft (and its request) urgent and queue one alert to staff, linking to it. The caller saves it."""
    draft.urgent = True
    if draft.request_id:
        ConsultationRequest.objects.filter(pk=draft.request_id).update(urgent=True)
    if not draft.urgent_notified:
        draft.urgent_notified = True
        _queue(
            kind=OutgoingEmail.Kind.URGENT_NOTIFICATION,
            recipient=settings.CLINIC_NOTIFICATION_EMAIL,
            subject=f"URGENT safety follow-up: {draft.reference}",
            template="eligibility/email/urgent_notification.txt",
            context={"reference": draft.reference, "admin_url": staff_link(draft)},
            questionnaire=draft,
        )


def submit_questionnaire(*, draft: Questionnaire) -> Questionnaire:
    """Score, screen and submit. A request is made from the contact step when there was none. Safe to repeat."""
    if draft.status == Questionnaire.Status.SUBMITTED:
        return draft
    result = phq9.score(phq9_answers(draft.answers))
    screening = screen(screening_facts(draft.answers, today=timezone.localdate()))
    with transaction.atomic():
        if draft.request is None:
            contact = draft.answers["contact"]
            draft.request = submit_consultation_request(
                data={**contact, "message": "", "submission_key": uuid.uuid5(uuid.NAMESPACE_URL, draft.reference)},
                clinic=ClinicDetails.load(),
            )
        if draft.urgent:
            ConsultationRequest.objects.filter(pk=draft.request.pk).update(urgent=True)
        draft.phq9_total, draft.phq9_band = result.total, result.band
        draft.outcome = screening.outcome.value
        draft.status = Questionnaire.Status.SUBMITTED
        draft.submitted_at = timezone.now()
        draft.resume_token_hash = ""
        draft.save()
        _queue(
            kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION,
            recipient=settings.CLINIC_NOTIFICATION_EMAIL,
            subject=f"Questionnaire received for {draft.request.reference}",
            template="eligibility/email/clinic_notification.txt",
            context={"request_record": draft.request, "admin_url": staff_link(draft.request)},
            questionnaire=draft,
        )
    return draft


def detach_from_request(*, draft: Questionnaire) -> None:
    """ "Not you?": the draft keeps its answers but joins no one else's request; its contact step is asked again.

    An urgent answer in this draft had marked that request urgent too (nothing else can): the mark leaves with it.
    """
    with transaction.atomic():
        if draft.urgent and draft.request_id:
            ConsultationRequest.objects.filter(pk=draft.request_id).update(urgent=False)
            record_system_action(
                action=AuditEntry.Action.CHANGED,
                reference=draft.request.reference,
                detail=f"urgent flag cleared: questionnaire {draft.reference} was someone else's (Not you?)",
            )
        draft.request = None
        draft.save(update_fields=["request"])
