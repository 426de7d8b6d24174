"""The retention policy: which records are due, and what anonymising a request leaves behind.

Anonymising keeps the triage statistics (reference, dates, status, state, urgent flag, screening outcome, PHQ-9 band)
and the audit trail; it removes everything that identifies the person or describes their health. Erasure on request
is the same anonymisation, so a count of requests by outcome stays true and the audit trail keeps its meaning.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from eligibility.audit import record_access, record_system_action
from eligibility.models import AuditEntry, ConsultationRequest, OutgoingEmail, Questionnaire, StaffNote, StatusChange

# Encrypted contact fields cannot be stored empty (the library writes an empty value as NULL): they get this marker.
ERASED = "[erased]"
CLOSED_STATUSES = [ConsultationRequest.Status.CLOSED, ConsultationRequest.Status.NOT_CANDIDATE]


@dataclass(frozen=True)
class RetentionReport:
    drafts_purged: int
    requests_anonymised: int


def expired_drafts(*, now: datetime.datetime) -> QuerySet[Questionnaire]:
    """Questionnaires never submitted whose draft period (QUESTIONNAIRE_DRAFT_DAYS after the last save) is over."""
    return Questionnaire.objects.filter(status=Questionnaire.Status.DRAFT, expires_at__lte=now)


def requests_due_for_anonymisation(*, now: datetime.datetime) -> QuerySet[ConsultationRequest]:
    """Closed or not-a-candidate requests, closed longer than RETENTION_CLOSED_DAYS ago, not yet anonymised.

    A request was closed at its last status change; one that never changed status counts from when it was received.
    """
    last_change = StatusChange.objects.filter(request=OuterRef("pk")).order_by("-changed_at").values("changed_at")
    cutoff = now - datetime.timedelta(days=settings.RETENTION_CLOSED_DAYS)
    return (
        ConsultationRequest.objects.filter(status__in=CLOSED_STATUSES, anonymised_at__isnull=True)
        .annotate(closed_at=Coalesce(Subquery(last_change[:1]), "received_at"))
        .filter(closed_at__lte=cutoff)
    )


def anonymise(record: ConsultationRequest) -> None:
    """Remove the person's contact details, message, answers, PHQ-9 total, staff notes' text and e-mails."""
    with transaction.atomic():
        ConsultationRequest.objects.filter(pk=record.pk).update(
            name=ERASED,
            email=ERASED,
            phone=ERASED,
            preferred_contact=ERASED,
            preferred_time=ERASED,
            message=None,
            email_lookup="",
            phone_lookup="",
            anonymised_at=timezone.now(),
        )
        Questionnaire.objects.filter(request=record).update(answers_json="{}", phq9_total=None, resume_token_hash="")
        StaffNote.objects.filter(request=record).update(text=ERASED)
        OutgoingEmail.objects.filter(Q(request=record) | Q(questionnaire__request=record)).delete()
    record.refresh_from_db()


def erase_personal_data(*, record: ConsultationRequest, by, address: str | None) -> None:
    """Erasure on the person's request: the same anonymisation, audited under the staff member who did it."""
    with transaction.atomic():
        anonymise(record)
        record_access(
            actor=by,
            action=AuditEntry.Action.ERASED,
            reference=record.reference,
            address=address,
            detail="personal data erased on request",
        )


def apply_retention(*, now: datetime.datetime, dry_run: bool = False) -> RetentionReport:
    """Purge expired drafts and anonymise requests closed past the retention period; a dry run only counts."""
    drafts = expired_drafts(now=now)
    requests = requests_due_for_anonymisation(now=now)
    if dry_run:
        return RetentionReport(drafts_purged=drafts.count(), requests_anonymised=requests.count())
    purged = 0
    for draft in drafts:
        with transaction.atomic():
            draft.delete()  # its resume-link e-mails go with it
            record_system_action(
                action=AuditEntry.Action.PURGED, reference=draft.reference, detail="unsubmitted draft expired"
            )
        purged += 1
    anonymised = 0
    for record in requests:
        with transaction.atomic():
            anonymise(record)
            record_system_action(
                action=AuditEntry.Action.ANONYMISED,
                reference=record.reference,
                detail=f"closed over {settings.RETENTION_CLOSED_DAYS} days ago",
            )
        anonymised += 1
    return RetentionReport(drafts_purged=purged, requests_anonymised=anonymised)
