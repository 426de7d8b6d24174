"""Every look at a patient record is audited, however it is reached (issue 11, finding 2), and staff change the
urgent flag and the assignment only through audited actions (issue 12)."""

import pytest
from django.contrib.auth.models import Group, User

from eligibility.lookup import search_hash
from eligibility.models import AuditEntry
from tests.factories import make_request

pytestmark = pytest.mark.django_db

LIST = "/admin/eligibility/consultationrequest/"
NO_INLINE_CHANGES = {
    "notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-0-text": "",
    "status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0",
    "emails-TOTAL_FORMS": "0", "emails-INITIAL_FORMS": "0",
}  # fmt: skip


def entries(**filters) -> list[tuple[str, str, str]]:
    return list(AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", "record", "detail"))


@pytest.mark.parametrize("posted", [{}, {"urgent": "on"}, {**NO_INLINE_CHANGES, "notes-0-text": "\u202e"}])
def test_a_post_that_shows_the_record_again_is_audited(clinician_client, clinician, posted):
    record = make_request()
    response = clinician_client.post(f"{LIST}{record.pk}/change/", posted)
    assert response.status_code == 200
    assert "sam@example.com" in response.content.decode()
    assert entries(actor=clinician) == [("viewed", record.reference, "shown again after a POST")]


def test_a_search_is_audited_for_each_record_it_finds_with_a_keyed_hash_of_the_term(clinician_client, clinician):
    found = make_request(email="jordan@example.com")
    make_request(email="someone.else@example.com")
    html = clinician_client.get(LIST, {"q": " Jordan@Example.com", "view": "all"}).content.decode()
    assert found.reference in html
    clinician_client.get(LIST, {"q": "+1 207 555 0100"})
    detail = f"search, term's keyed hash {search_hash('jordan@example.com')}"
    assert entries(actor=clinician) == [
        ("searched", found.reference, detail),
        ("searched", "(no match)", f"search, term's keyed hash {search_hash('+1 207 555 0100')}"),
    ]
    stored = " ".join(" ".join(entry) for entry in entries()).lower()
    assert "jordan" not in stored
    assert "555" not in stored


def test_the_list_without_a_search_is_not_a_search(clinician_client):
    make_request()
    clinician_client.get(LIST)
    clinician_client.get(LIST, {"q": "   "})
    assert entries(action="searched") == []


def test_the_history_page_is_audited(clinician_client, clinician):
    record = make_request()
    assert clinician_client.get(f"{LIST}{record.pk}/history/").status_code == 200
    assert entries(actor=clinician) == [("viewed", record.reference, "history page")]


def test_the_change_form_cannot_clear_the_urgent_flag_or_reassign(clinician_client, clinician):
    colleague = User.objects.create_user("colleague", "k@example.org", "a-long-colleague-password", is_staff=True)
    colleague.groups.add(Group.objects.get(name="Clinical staff"))
    record = make_request(urgent=True, assigned_to=clinician)
    response = clinician_client.post(
        f"{LIST}{record.pk}/change/", {**NO_INLINE_CHANGES, "urgent": "", "assigned_to": colleague.pk}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.urgent
    assert record.assigned_to == clinician
    assert entries(action="changed") == []


def test_clearing_the_urgent_flag_is_an_audited_action_for_one_request_at_a_time(clinician_client, clinician):
    record, other = make_request(urgent=True), make_request(urgent=True)
    clinician_client.post(LIST, {"action": "clear_urgent_flag", "_selected_action": [record.pk, other.pk]})
    record.refresh_from_db()
    assert record.urgent
    response = clinician_client.post(
        LIST, {"action": "clear_urgent_flag", "_selected_action": [record.pk]}, follow=True
    )
    assert f"{record.reference} is no longer marked urgent." in response.content.decode()
    record.refresh_from_db()
    assert not record.urgent
    assert entries(actor=clinician, action="changed") == [("changed", record.reference, "urgent flag cleared")]
