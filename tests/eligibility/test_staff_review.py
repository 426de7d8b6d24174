import pytest
from django.contrib.auth.models import Permission

from eligibility.models import AuditEntry, ConsultationRequest, StaffNote, StatusChange
from tests.factories import make_request

pytestmark = pytest.mark.django_db

LIST = "/admin/eligibility/consultationrequest/"


def test_urgent_requests_come_first_then_the_oldest(clinician_client):
    older = make_request()
    newer = make_request()
    urgent = make_request(urgent=True)
    html = clinician_client.get(LIST).content.decode()
    assert html.index(urgent.reference) < html.index(older.reference) < html.index(newer.reference)


def test_the_default_view_shows_only_what_needs_action(clinician_client):
    waiting = make_request()
    closed = make_request(status=ConsultationRequest.Status.CLOSED)
    html = clinician_client.get(LIST).content.decode()
    assert waiting.reference in html
    assert closed.reference not in html
    assert closed.reference in clinician_client.get(LIST, {"view": "all"}).content.decode()


def test_opening_a_record_is_written_to_the_audit_log(clinician_client, clinician):
    record = make_request()
    response = clinician_client.get(f"{LIST}{record.pk}/change/", REMOTE_ADDR="203.0.113.7")
    assert "sam@example.com" in response.content.decode()
    entry = AuditEntry.objects.get(record=record.reference)
    assert (entry.actor, entry.action, entry.ip_address) == (clinician, "viewed", "203.0.113.7")


def test_mark_contacted_changes_status_keeps_history_and_audits(clinician_client, clinician):
    record = make_request()
    clinician_client.post(
        LIST, {"action": "mark_contacted", "_selected_action": [record.pk]}, REMOTE_ADDR="203.0.113.9"
    )
    record.refresh_from_db()
    assert record.status == ConsultationRequest.Status.CONTACTED
    change = StatusChange.objects.get(request=record)
    assert (change.from_status, change.to_status, change.changed_by) == ("new", "contacted", clinician)
    entry = AuditEntry.objects.get(record=record.reference, action="changed")
    assert (entry.actor, entry.ip_address) == (clinician, "203.0.113.9")


def test_assign_to_me(clinician_client, clinician):
    record = make_request()
    clinician_client.post(LIST, {"action": "assign_to_me", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.assigned_to == clinician


def test_a_note_is_saved_with_its_author(clinician_client, clinician):
    record = make_request()
    response = clinician_client.post(
        f"{LIST}{record.pk}/change/",
        {
            "urgent": "", "assigned_to": "",
            "notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-0-text": "Left a voicemail.",
            "notes-0-request": record.pk,
            "status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0",
            "emails-TOTAL_FORMS": "0", "emails-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    note = StaffNote.objects.get(request=record)
    assert (note.author, note.text) == (clinician, "Left a voicemail.")


def test_clinical_staff_cannot_delete_or_export(clinician_client):
    record = make_request()
    assert clinician_client.get(f"{LIST}{record.pk}/delete/").status_code == 403
    html = clinician_client.get(LIST).content.decode()
    assert 'value="export_csv"' not in html
    assert 'value="delete_selected"' not in html


def test_export_needs_its_own_permission_and_is_audited(clinician_client, clinician):
    clinician.user_permissions.add(Permission.objects.get(codename="export_consultationrequest"))
    record = make_request()
    response = clinician_client.post(LIST, {"action": "export_csv", "_selected_action": [record.pk]})
    body = response.content.decode()
    assert response["Content-Type"] == "text/csv"
    assert record.reference in body
    assert "sam@example.com" not in body
    assert AuditEntry.objects.filter(record=record.reference, action="exported").exists()


def test_content_editors_cannot_see_eligibility_records(editor_client):
    record = make_request()
    assert editor_client.get(LIST).status_code == 403
    assert editor_client.get(f"{LIST}{record.pk}/change/").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_audit_log_is_readable_by_superusers_and_editable_by_none(clinician_client, admin_client, clinician):
    entry = AuditEntry.objects.create(actor=clinician, action="viewed", record="ABCDE-FGHJK")
    assert clinician_client.get("/admin/eligibility/auditentry/").status_code == 403
    assert admin_client.get("/admin/eligibility/auditentry/").status_code == 200
    assert admin_client.get(f"/admin/eligibility/auditentry/{entry.pk}/delete/").status_code == 403
    entry.detail = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_a_record_shows_the_answers_as_a_clinician_reads_them(client, clinician_client):
    from tests.eligibility.test_questionnaire import ANSWERS, PHQ9_LOW, answer_all

    answer_all(client, {**ANSWERS, "phq-9": {**PHQ9_LOW, "phq9_item9": "2"}})
    client.post("/eligibility/check/")
    record = ConsultationRequest.objects.get()
    listing = clinician_client.get(LIST).content.decode()
    assert "urgent" in listing
    assert "Mild" in listing or "Moderate" in listing
    html = clinician_client.get(f"{LIST}{record.pk}/change/").content.decode()
    assert "Suggested triage: URGENT – safety follow-up" in html
    assert "PHQ-9: total 10 (Moderate)" in html
    assert "<strong>2</strong>" in html  # item 9 stands out
    assert "Thoughts that you would be better off dead" in html
    assert "Sertraline, 200 mg a day, 10 weeks at that dose; result: no benefit; this episode: yes" in html
    assert "Antidepressant trials: 2 adequate failed trials in this episode" in html
    assert "adequate (ATRQ minimum 50 mg)" in html
    assert "<td>Bupropion</td><td>300 mg</td><td>8</td><td>some benefit</td>" in html
    assert "Weight 77.1 kg (170 lb); height 172.7 cm (5 ft 8 in)." in html
    assert "How old are you?" in html
    assert '{"' not in html  # never raw JSON
