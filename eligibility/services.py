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
from django.utils import timezone, translation
from django.utils.translation import gettext

from clinic_site.models import ClinicDetails
from eligibility import phq9
from eligibility.audit import record_access, record_system_action
from eligibility.call_promise import (
    callback_phone,
    for_patient_email,
    for_staff,
    forget_call_promise,
    number_ending,
    store_call_promise,
)
from eligibility.models import (
    AuditEntry,
    ConsultationRequest,
    OutgoingEmail,
    Questionnaire,
    StatusChange,
    draft_expiry,
)
from eligibility.outbox_limits import InboxDailyLimitReached, count_sent, over_daily_limit
from eligibility.record_language import page_language, preference_sentence, staff_language
from eligibility.resume_links import body_as_sent
from eligibility.screening import screen
from eligibility.screening_facts import phq9_answers, screening_facts

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 10
FIRST_RETRY_AFTER = datetime.timedelta(minutes=1)
SEND_BATCH = 100


def _queue_emails(request: ConsultationRequest, *, clinic: ClinicDetails, questionnaire: Questionnaire | None) -> None:
    """The person's confirmation in their language; the clinic's notification in English, naming that language."""
    urgent = questionnaire is not None and questionnaire.urgent
    with translation.override(request.language):
        to_patient = OutgoingEmail(
            request=request,
            kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION,
            recipient=request.email,
            subject=gettext("We have your request (reference %(reference)s)") % {"reference": request.reference},
            body=render_to_string(
                "eligibility/email/patient_confirmation.txt",
                {
                    "request_record": request,
                    "clinic": clinic.localized(),
                    **_urgent_context(questionnaire, clinic=clinic),
                },
            ),
        )
    with staff_language():
        context = {
            "request_record": request, "admin_url": staff_link(request),
            "headline": "A new consultation request has arrived.", "preference": preference_sentence(request.language),
            **_urgent_context(questionnaire, clinic=clinic),
        }  # fmt: skip
        to_clinic = OutgoingEmail(
            request=request,
            kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION,
            recipient=_staff_address(urgent=urgent),
            subject=_staff_subject(f"New consultation request {request.reference}", urgent=urgent),
            body=render_to_string("eligibility/email/clinic_notification.txt", context),
        )
    OutgoingEmail.objects.bulk_create([to_patient, to_clinic])


def _urgent_context(draft: Questionnaire | None, *, clinic: ClinicDetails) -> dict:
    """For an urgent record's e-mails: the call promise as the patient was told it and as staff must keep it, the
    last digits of the number (never all of it) and both references, so a patient quoting either one is matched."""
    if draft is None or not draft.urgent:
        return {}
    return {
        "urgent_call": for_patient_email(draft, clinic=clinic),
        "number_ending": number_ending(draft),
        "staff_promise": for_staff(draft, clinic=clinic),
        "questionnaire_reference": draft.reference,
    }


def _staff_address(*, urgent: bool) -> str:
    """Urgent e-mails go to the monitored on-call address (CLINIC_URGENT_EMAIL); the rest to the intake inbox."""
    return settings.CLINIC_URGENT_EMAIL if urgent else settings.CLINIC_NOTIFICATION_EMAIL


def _staff_subject(subject: str, *, urgent: bool) -> str:
    return f"URGENT: {subject}" if urgent else subject


def submit_consultation_request(
    *, data: dict, clinic: ClinicDetails, questionnaire: Questionnaire | None = None
) -> ConsultationRequest:
    """Save the request and queue its e-mails in one transaction; a re-sent form returns the record it already made.

    `questionnaire`: the questionnaire the request is made for, when it was started without one. An urgent one
    changes the e-mails: the call promise instead of "one business day", and URGENT for staff.
    The e-mails are sent by the outbox sender (`send_pending_emails --watch`), not while the visitor waits.
    """
    fields = {key: data[key] for key in ("name", "email", "phone", "preferred_contact", "preferred_time", "state")}
    language = questionnaire.language if questionnaire is not None else page_language()
    try:
        with transaction.atomic():
            request = ConsultationRequest.objects.create(
                **fields, message=data.get("message", ""), submission_key=data["submission_key"], language=language
            )
            _queue_emails(request, clinic=clinic, questionnaire=questionnaire)
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


def _save_audited(record: ConsultationRequest, *, by, address: str | None, detail: str, **fields) -> None:
    """Change a request's fields and write the audit entry that says so, both or neither."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(record, name, value)
        record.save(update_fields=list(fields))
        record_access(
            actor=by, action=AuditEntry.Action.CHANGED, reference=record.reference, address=address,
            detail=detail,
        )  # fmt: skip


def change_status(*, record: ConsultationRequest, to_status: str, by, address: str | None) -> bool:
    """Move a request to a new status, keeping its history and an audit entry. False if it was already there."""
    if record.status == to_status:
        return False
    with transaction.atomic():
        StatusChange.objects.create(request=record, from_status=record.status, to_status=to_status, changed_by=by)
        label = ConsultationRequest.Status(to_status).label
        _save_audited(record, by=by, address=address, detail=f"status → {label}", status=to_status)
    return True


def assign(*, record: ConsultationRequest, to_user, by, address: str | None) -> None:
    detail = f"assigned to {to_user.get_username()}"
    _save_audited(record, by=by, address=address, detail=detail, assigned_to=to_user)


def clear_urgent(*, record: ConsultationRequest, by, address: str | None) -> bool:
    """Staff clear the urgent flag here only (the change form cannot), audited. False if it was not set."""
    if not record.urgent:
        return False
    _save_audited(record, by=by, address=address, detail="urgent flag cleared", urgent=False)
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


def save_questionnaire_step(*, draft: Questionnaire, step, answer) -> None:
    """Store one step's answer, then run the step's on-save hook (the PHQ-9's flags the record urgent at once)."""
    with transaction.atomic():
        draft.answers = {**draft.answers, step.slug: answer}
        draft.expires_at = draft_expiry()
        draft.last_activity_at = timezone.now()
        draft.language = page_language()
        if step.on_save:
            step.on_save(draft)
        # an urgent draft's first number may come with any step (the contact step, most often)
        alert_staff(draft, number_arrived=store_call_promise(draft))
        draft.save()


def flag_urgent(draft: Questionnaire) -> None:
    """Mark the draft (and its request) urgent and alert staff, linking to it. The caller saves it."""
    draft.urgent = True
    if draft.request_id:
        ConsultationRequest.objects.filter(pk=draft.request_id).update(urgent=True)
    alert_staff(draft, number_arrived=store_call_promise(draft))


def alert_staff(draft: Questionnaire, *, number_arrived: bool) -> None:
    """The first alert when the draft becomes urgent (with the call promise, if there is a number already); then one
    more when a number first reaches it (`number_arrived`, from `store_call_promise`), so staff learn that there is
    now someone to call. The first is claimed by an update only one request can win: two at once never alert twice.
    """
    if not draft.urgent:
        return
    first = not draft.urgent_notified
    if first:
        first = Questionnaire.objects.filter(pk=draft.pk, urgent_notified=False).update(urgent_notified=True) == 1
        draft.urgent_notified = True
    if first:
        queue_urgent_alert(draft=draft, subject="URGENT safety follow-up", template="urgent_notification.txt")
    elif number_arrived:
        queue_urgent_alert(draft=draft, subject="URGENT: a number to call", template="urgent_number.txt")


def queue_urgent_alert(*, draft: Questionnaire, subject: str, template: str) -> None:
    """An alert to the on-call address: both references, what the patient was told and a link to the record. No
    personal data."""
    request_reference = draft.request.reference if draft.request_id else ""
    references = f"{draft.reference} (request {request_reference})" if request_reference else draft.reference
    with staff_language():
        _queue(
            kind=OutgoingEmail.Kind.URGENT_NOTIFICATION,
            recipient=_staff_address(urgent=True),
            subject=f"{subject}: {references}",
            template=f"eligibility/email/{template}",
            context={
                "reference": draft.reference,
                "request_reference": request_reference,
                "admin_url": staff_link(draft),
                "staff_promise": for_staff(draft, clinic=ClinicDetails.load()),
                "has_number": bool(callback_phone(draft)),
                "preference": preference_sentence(draft.language),
            },
            questionnaire=draft,
        )


def submit_questionnaire(*, draft: Questionnaire) -> Questionnaire:
    """Score, screen and submit. A request is made from the contact step when there was none. Safe to repeat.

    An urgent questionnaire keeps its call promise: the patient's e-mail repeats it (never "one business day"), and
    the staff e-mails are marked URGENT and go to the on-call address.
    """
    if draft.status == Questionnaire.Status.SUBMITTED:
        return draft
    result = phq9.score(phq9_answers(draft.answers))
    screening = screen(screening_facts(draft.answers, today=timezone.localdate()))
    clinic = ClinicDetails.load()
    draft.language = page_language()  # the check page's: the language the answers were sent in
    with transaction.atomic():
        number_arrived = store_call_promise(draft)  # only if a number had not yet reached this urgent draft
        if draft.request is None:
            contact = draft.answers["contact"]
            draft.request = submit_consultation_request(
                data={**contact, "message": "", "submission_key": uuid.uuid5(uuid.NAMESPACE_URL, draft.reference)},
                clinic=clinic,
                questionnaire=draft,
            )
        else:
            # the person's latest form says the language they want us to use
            ConsultationRequest.objects.filter(pk=draft.request.pk).update(language=draft.language)
            draft.request.language = draft.language
            if draft.urgent:  # the request's confirmation promised "one business day": this one says when we call
                with translation.override(draft.language):
                    reference = {"reference": draft.request.reference}
                    _queue(
                        kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION,
                        recipient=draft.request.email,
                        subject=gettext("We have your answers (reference %(reference)s)") % reference,
                        template="eligibility/email/patient_confirmation.txt",
                        context={
                            "request_record": draft.request,
                            "clinic": clinic.localized(),
                            "answers_only": True,
                            **_urgent_context(draft, clinic=clinic),
                        },
                        request=draft.request,
                    )
        if draft.urgent:
            ConsultationRequest.objects.filter(pk=draft.request.pk).update(urgent=True)
            alert_staff(draft, number_arrived=number_arrived)
        draft.phq9_total, draft.phq9_band = result.total, result.band
        draft.outcome = screening.outcome.value
        draft.status = Questionnaire.Status.SUBMITTED
        draft.submitted_at = timezone.now()
        draft.resume_token_hash = ""
        draft.save()
        with staff_language():
            _queue(
                kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION,
                recipient=_staff_address(urgent=draft.urgent),
                subject=_staff_subject(f"Questionnaire received for {draft.request.reference}", urgent=draft.urgent),
                template="eligibility/email/clinic_notification.txt",
                context={
                    "request_record": draft.request,
                    "admin_url": staff_link(draft.request),
                    "headline": "Answers to the health questions have arrived.",
                    "preference": preference_sentence(draft.language),
                    **_urgent_context(draft, clinic=clinic),
                },
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
        if not callback_phone(draft):  # the call was promised to that person's number: the next number gets its own
            forget_call_promise(draft)
        draft.save(update_fields=["request", "call_due_by", "call_opens_at"])
