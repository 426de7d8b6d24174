"""Writes with consequences. Views and admin actions call these; nothing happens in signals."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic_site.models import ClinicDetails
from eligibility.audit import record_access
from eligibility.models import AuditEntry, ConsultationRequest, OutgoingEmail, StatusChange

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 10


def _queue_emails(request: ConsultationRequest, *, admin_url: str) -> None:
    clinic = ClinicDetails.load()
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


def submit_consultation_request(*, data: dict, admin_base_url: str) -> ConsultationRequest:
    """Save the request first, then queue the e-mails; a re-sent form returns the record it already made."""
    existing = ConsultationRequest.objects.filter(submission_key=data["submission_key"]).first()
    if existing:
        return existing
    fields = {key: data[key] for key in ("name", "email", "phone", "preferred_contact", "preferred_time", "state")}
    try:
        with transaction.atomic():
            request = ConsultationRequest.objects.create(
                **fields, message=data.get("message", ""), submission_key=data["submission_key"]
            )
            admin_path = reverse("admin:eligibility_consultationrequest_change", args=[request.pk])
            _queue_emails(request, admin_url=admin_base_url.rstrip("/") + admin_path)
    except IntegrityError:
        # Two identical posts raced each other: the other one saved it.
        return ConsultationRequest.objects.get(submission_key=data["submission_key"])
    transaction.on_commit(send_pending_emails)
    return request


def send_pending_emails() -> int:
    """Try every unsent e-mail once. Failures are recorded for staff and retried later; never raised."""
    sent = 0
    for email in OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_SEND_ATTEMPTS):
        email.attempts += 1
        try:
            mailers.default.send_messages([_message(email)])
        except Exception as error:  # any mail failure is recorded and retried, never shown to the patient
            email.last_error = type(error).__name__[:200]
            logger.warning("E-mail %s (%s) not sent: %s", email.pk, email.kind, email.last_error)
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
            sent += 1
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    return sent


def _message(email: OutgoingEmail) -> EmailMessage:
    return EmailMessage(subject=email.subject, body=email.body, to=[email.recipient])


def change_status(*, record: ConsultationRequest, to_status: str, by, http_request) -> bool:
    """Move a request to a new status, keeping its history and an audit entry. False if it was already there."""
    if record.status == to_status:
        return False
    with transaction.atomic():
        StatusChange.objects.create(request=record, from_status=record.status, to_status=to_status, changed_by=by)
        record.status = to_status
        record.save(update_fields=["status"])
        record_access(
            actor=by,
            action=AuditEntry.Action.CHANGED,
            reference=record.reference,
            http_request=http_request,
            detail=f"status → {record.get_status_display()}",
        )
    return True


def assign(*, record: ConsultationRequest, to_user, by, http_request) -> None:
    with transaction.atomic():
        record.assigned_to = to_user
        record.save(update_fields=["assigned_to"])
        record_access(
            actor=by,
            action=AuditEntry.Action.CHANGED,
            reference=record.reference,
            http_request=http_request,
            detail=f"assigned to {to_user.get_username()}",
        )
