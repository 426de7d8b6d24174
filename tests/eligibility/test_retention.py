import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from eligibility.models import AuditEntry, ConsultationRequest, OutgoingEmail, Questionnaire, StaffNote
from eligibility.retention import ERASED
from tests.eligibility.test_questionnaire import ANSWERS

pytestmark = pytest.mark.django_db

Status = ConsultationRequest.Status
LONG_AGO = 400  # days; the default retention period for closed requests is 365


def apply_retention(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def make_draft(*, expired: bool) -> Questionnaire:
    expires_at = timezone.now() + datetime.timedelta(days=-1 if expired else 6)
    return Questionnaire.objects.create(answers=ANSWERS, expires_at=expires_at)


def everything_stored() -> str:
    """Every eligibility row as the application reads it (decrypted), for checking what is left of a person."""
    rows = [model.objects.values() for model in apps.get_app_config("eligibility").get_models()]
    return repr([list(queryset) for queryset in rows])


def test_a_dry_run_counts_what_is_due_and_changes_nothing(make_person):
    make_draft(expired=True)
    closed = make_person(status=Status.CLOSED, status_days_ago=LONG_AGO)
    output = apply_retention("--dry-run")
    assert "1 expired draft(s) would be purged, 1 closed request(s) would be anonymised." in output
    assert Questionnaire.objects.filter(status=Questionnaire.Status.DRAFT).count() == 1
    closed.refresh_from_db()
    assert (closed.name, closed.anonymised_at) == ("Sam Lee", None)
    assert not AuditEntry.objects.exists()


def test_drafts_are_purged_seven_days_after_their_last_save_and_submitted_questionnaires_stay(make_person):
    expired = make_draft(expired=True)
    recent = make_draft(expired=False)
    submitted = make_person().questionnaire
    Questionnaire.objects.filter(pk=submitted.pk).update(expires_at=timezone.now() - datetime.timedelta(days=30))
    output = apply_retention()
    assert "1 expired draft(s) were purged" in output
    assert set(Questionnaire.objects.values_list("pk", flat=True)) == {recent.pk, submitted.pk}
    entry = AuditEntry.objects.get(record=expired.reference)
    assert (entry.action, entry.actor, str(entry)) == ("purged", None, f"system purged {expired.reference}")


def test_requests_closed_longer_than_the_period_are_anonymised_and_open_ones_kept(make_person):
    closed = make_person(status=Status.CLOSED, status_days_ago=LONG_AGO, received_days_ago=LONG_AGO + 30)
    not_candidate = make_person(status=Status.NOT_CANDIDATE, status_days_ago=LONG_AGO)
    recently_closed = make_person(status=Status.CLOSED, status_days_ago=10, received_days_ago=LONG_AGO)
    still_open = make_person(received_days_ago=LONG_AGO)
    output = apply_retention()
    assert "2 closed request(s) were anonymised" in output
    for record in (closed, not_candidate, recently_closed, still_open):
        record.refresh_from_db()
    assert closed.name == not_candidate.name == ERASED
    assert recently_closed.name == still_open.name == "Sam Lee"
    assert recently_closed.questionnaire.answers == still_open.questionnaire.answers == ANSWERS
    anonymised = AuditEntry.objects.filter(action=AuditEntry.Action.ANONYMISED, actor=None)
    assert set(anonymised.values_list("record", flat=True)) == {closed.reference, not_candidate.reference}
    assert "0 closed request(s) were anonymised" in apply_retention()  # done once, not again
    assert anonymised.count() == 2


def test_the_period_is_configurable(settings, make_person):
    settings.RETENTION_CLOSED_DAYS = 30
    closed = make_person(status=Status.CLOSED, status_days_ago=31)
    apply_retention()
    closed.refresh_from_db()
    assert closed.anonymised_at is not None


def test_anonymising_leaves_the_triage_statistics_and_nothing_personal(make_person):
    record = make_person(status=Status.CLOSED, status_days_ago=LONG_AGO, state="Vermont")
    reference = record.reference
    apply_retention()
    stored = everything_stored()
    for personal in ("Sam Lee", "sam@example.com", "2075550199", "Please call", "sertraline", "Sertraline", "Alex"):
        assert personal not in stored
    record.refresh_from_db()
    assert (record.email_lookup, record.phone_lookup, record.message) == ("", "", None)
    assert (record.reference, record.state, record.status) == (reference, "Vermont", Status.CLOSED)
    questionnaire = record.questionnaire
    assert (questionnaire.answers, questionnaire.phq9_total) == ({}, None)
    assert (questionnaire.phq9_band, questionnaire.outcome, questionnaire.status) == ("Mild", "proceed", "submitted")
    assert StaffNote.objects.get(request=record).text == ERASED
    assert not OutgoingEmail.objects.exists()
    assert record.status_changes.count() == 1


def test_the_audit_log_shows_retention_entries_as_done_by_the_system(admin_client, make_person):
    record = make_person(status=Status.CLOSED, status_days_ago=LONG_AGO)
    apply_retention()
    html = admin_client.get("/admin/eligibility/auditentry/").content.decode()
    assert record.reference in html
    assert "system" in html
    assert "Anonymised (retention)" in html
