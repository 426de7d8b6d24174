"""The admin's autocomplete runs a record search with none of the audit around the list page: it is refused for
patient records, so no one can find out whether an e-mail address or phone number belongs to a patient unaudited."""

import pytest

from eligibility.models import AuditEntry
from tests.factories import make_request

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"
# Every foreign key to a patient record the autocomplete could be asked about.
FIELDS_NAMING_A_RECORD = [
    ("questionnaire", "request"),
    ("staffnote", "request"),
    ("outgoingemail", "request"),
    ("outgoingemail", "questionnaire"),
    ("statuschange", "request"),
]


@pytest.mark.parametrize(("model_name", "field_name"), FIELDS_NAMING_A_RECORD)
@pytest.mark.parametrize("term", ["jordan@example.com", "+1 207 555 0142", "reference"])
@pytest.mark.parametrize("staff", ["clinician_client", "admin_client"])
def test_the_admin_autocomplete_never_finds_a_patient_record_by_email_phone_or_reference(
    request, staff, model_name, field_name, term
):
    record = make_request(email="jordan@example.com", phone="+12075550142")
    term = record.reference if term == "reference" else term
    query = {"app_label": "eligibility", "model_name": model_name, "field_name": field_name, "term": term}
    response = request.getfixturevalue(staff).get(AUTOCOMPLETE, query)
    assert response.status_code == 403
    assert record.reference not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SEARCHED).exists()
