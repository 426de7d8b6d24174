"""Everything held about one person, for a subject access request. Staff download it from the admin, one at a time."""

from django.db.models import Q
from django.utils import timezone

from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire

REQUEST_FIELDS = [
    "reference", "received_at", "status", "state", "urgent", "name", "email", "phone", "preferred_contact",
    "preferred_time", "message", "language", "anonymised_at",
]  # fmt: skip
QUESTIONNAIRE_FIELDS = [
    "reference", "status", "created_at", "submitted_at", "urgent", "phq9_total", "phq9_band", "outcome", "language",
    "answers",
]  # fmt: skip


def personal_data(record: ConsultationRequest) -> dict:
    """The request, questionnaire answers, staff notes, status history and e-mails, ready for JSON."""
    questionnaire = Questionnaire.objects.filter(request=record).first()
    emails = OutgoingEmail.objects.filter(Q(request=record) | Q(questionnaire__request=record))
    return {
        "exported_at": timezone.now(),
        "request": _fields(record, REQUEST_FIELDS),
        "questionnaire": None if questionnaire is None else _fields(questionnaire, QUESTIONNAIRE_FIELDS),
        "staff_notes": [
            {"written_at": note.created_at, "author": note.author.get_username(), "text": note.text}
            for note in record.notes.select_related("author")
        ],
        "status_history": [
            {
                "changed_at": change.changed_at,
                "from": change.from_status,
                "to": change.to_status,
                "changed_by": change.changed_by.get_username(),
            }
            for change in record.status_changes.select_related("changed_by")
        ],
        "emails": [
            {
                "kind": email.kind,
                "to": email.recipient,
                "subject": email.subject,
                "body": email.body,
                "created_at": email.created_at,
                "sent_at": email.sent_at,
            }
            for email in emails
        ],
    }


def _fields(instance, names: list[str]) -> dict:
    return {name: getattr(instance, name) for name in names}
