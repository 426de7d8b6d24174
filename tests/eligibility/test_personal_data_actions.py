import json

import pytest
from django.contrib.auth.models import Permission

from eligibility.models import AuditEntry, OutgoingEmail
from eligibility.retention import ERASED
from tests.eligibility.test_staff_review import LIST

pytestmark = pytest.mark.django_db


def grant(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))


def act(client, action, *records, **extra):
    return client.post(LIST, {"action": action, "_selected_action": [record.pk for record in records], **extra})


def messages_on(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_export_downloads_everything_held_about_the_person_and_is_audited(clinician_client, clinician, make_person):
    grant(clinician, "export_personal_data")
    record = make_person(status="contacted")
    response = act(clinician_client, "export_personal_data", record)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="personal-data-{record.reference}.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert (data["request"]["name"], data["request"]["email"]) == ("Sam Lee", "sam@example.com")
    assert data["questionnaire"]["answers"]["antidepressants"]["trial-0-name"] == "Sertraline"
    assert data["staff_notes"][0]["text"] == "Spoke to Sam about their sertraline."
    assert [(c["from"], c["to"]) for c in data["status_history"]] == [("new", "contacted")]
    assert {email["kind"] for email in data["emails"]} == {"patient_confirmation", "resume_link"}
    entry = AuditEntry.objects.get(record=record.reference)
    assert (entry.actor, entry.action) == (clinician, "personal_data_export")


def test_clinical_staff_without_the_permission_cannot_export_or_erase(clinician_client, make_person):
    record = make_person()
    html = clinician_client.get(LIST).content.decode()
    assert 'value="export_personal_data"' not in html
    assert 'value="erase_personal_data"' not in html
    for action in ("export_personal_data", "erase_personal_data"):
        response = act(clinician_client, action, record, post="yes")
        assert response.status_code == 302
        assert response.get("Content-Type", "").startswith("text/html")
    record.refresh_from_db()
    assert record.name == "Sam Lee"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("action", ["export_personal_data", "erase_personal_data"])
def test_selecting_two_records_is_refused(clinician_client, clinician, make_person, action):
    grant(clinician, action)
    first, second = make_person(), make_person()
    response = act(clinician_client, action, first, second, post="yes")
    assert response.status_code == 302
    assert "Select exactly one request: personal data is handled one person at a time." in messages_on(response)
    first.refresh_from_db()
    assert first.name == "Sam Lee"
    assert not AuditEntry.objects.exists()


def test_erasure_asks_for_confirmation_first(clinician_client, clinician, make_person):
    grant(clinician, "erase_personal_data")
    record = make_person()
    response = act(clinician_client, "erase_personal_data", record)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Erase the personal data of {record.reference}?" in html
    assert "This cannot be undone." in html
    assert 'name="post" value="yes"' in html
    record.refresh_from_db()
    assert record.name == "Sam Lee"
    assert OutgoingEmail.objects.filter(request=record).exists()
    assert not AuditEntry.objects.exists()


def test_confirmed_erasure_removes_the_personal_data_and_leaves_an_audit_trail(
    clinician_client, clinician, make_person
):
    grant(clinician, "erase_personal_data")
    record = make_person()
    response = act(clinician_client, "erase_personal_data", record, post="yes")
    assert response.status_code == 302
    assert f"The personal data of {record.reference} is erased" in messages_on(response)[0]
    record.refresh_from_db()
    assert (record.name, record.email, record.phone, record.message) == (ERASED, ERASED, ERASED, None)
    assert record.questionnaire.answers == {}
    assert record.notes.get().text == ERASED
    assert not OutgoingEmail.objects.exists()
    entry = AuditEntry.objects.get(record=record.reference)
    assert (entry.actor, entry.action) == (clinician, "erased")
    page = clinician_client.get(f"{LIST}{record.pk}/change/").content.decode()
    assert "sam@example.com" not in page
    assert ERASED in page
    assert record.reference not in clinician_client.get(LIST, {"view": "all", "q": "sam@example.com"}).content.decode()
    record.save()  # a later edit by staff does not bring the lookup hashes back
    record.refresh_from_db()
    assert (record.email_lookup, record.phone_lookup) == ("", "")


def test_an_erased_record_is_not_erased_twice(clinician_client, clinician, make_person):
    grant(clinician, "erase_personal_data")
    record = make_person()
    act(clinician_client, "erase_personal_data", record, post="yes")
    response = act(clinician_client, "erase_personal_data", record)
    assert response.status_code == 302
    assert f"{record.reference} holds no personal data any more." in messages_on(response)
    assert AuditEntry.objects.filter(action="erased").count() == 1
