import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire, StaffNote, StatusChange
from tests.eligibility.test_questionnaire import ANSWERS
from tests.factories import make_request

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_4PM = datetime.datetime(2026, 11, 23, 16, 0, tzinfo=NEW_YORK)


@pytest.fixture
def clinic_clock(monkeypatch):
    """Set the time the clinic's call promises are worked out from (nothing else's clock moves)."""

    def set_to(moment: datetime.datetime) -> None:
        clock = SimpleNamespace(now=lambda: moment)
        monkeypatch.setattr("clinic_site.models.timezone", clock)  # the time offered before a number is given
        monkeypatch.setattr("eligibility.call_promise.timezone", clock)  # the time promised, and as read later

    set_to(MONDAY_4PM)
    return set_to


@pytest.fixture
def make_person(clinician):
    """A request holding everything we keep about a person: contact details, a message, questionnaire answers,
    a staff note, e-mails and, when its status is not new, the status change made `status_days_ago`."""

    def make(*, status=ConsultationRequest.Status.NEW, status_days_ago=0, received_days_ago=0, **fields):
        now = timezone.now()
        record = make_request(
            message="Please call after work.", received_at=now - datetime.timedelta(days=received_days_ago), **fields
        )
        questionnaire = Questionnaire.objects.create(
            request=record, status=Questionnaire.Status.SUBMITTED, answers=ANSWERS, submitted_at=record.received_at,
            phq9_total=8, phq9_band="Mild", outcome="proceed",
        )  # fmt: skip
        StaffNote.objects.create(request=record, author=clinician, text="Spoke to Sam about their sertraline.")
        OutgoingEmail.objects.create(
            request=record, kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION, recipient=record.email,
            subject=f"We have your request (reference {record.reference})", body=f"Dear {record.name}, thank you.",
        )  # fmt: skip
        OutgoingEmail.objects.create(
            questionnaire=questionnaire, kind=OutgoingEmail.Kind.RESUME_LINK, recipient=record.email,
            subject="Your link to continue the questionnaire", body="Continue at https://example.org/resume/",
        )  # fmt: skip
        if status != ConsultationRequest.Status.NEW:
            StatusChange.objects.create(
                request=record, from_status=record.status, to_status=status, changed_by=clinician,
                changed_at=now - datetime.timedelta(days=status_days_ago),
            )  # fmt: skip
            record.status = status
            record.save(update_fields=["status"])
        return record

    return make
