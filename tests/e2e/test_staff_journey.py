import importlib
import uuid

from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from eligibility.models import AuditEntry, ConsultationRequest

PASSWORD = "a-long-clinician-password"
CLINICAL_STAFF_PERMISSIONS = importlib.import_module("eligibility.migrations.0003_clinical_staff_group").PERMISSIONS


def make_request(**fields):
    defaults = {
        "name": "Sam Lee", "email": "sam@example.com", "phone": "+12075550199", "preferred_contact": "phone",
        "preferred_time": "any", "state": "Maine", "submission_key": uuid.uuid4(),
    }  # fmt: skip
    return ConsultationRequest.objects.create(**{**defaults, **fields})


def test_a_clinician_finds_the_urgent_request_first_and_marks_it_contacted(site, page, axe_violations):
    user = User.objects.create_user("clinician", "c@example.org", PASSWORD, is_staff=True)
    # The browser tests' database flush removes the migration-made group, so grant its permissions directly.
    user.user_permissions.set(Permission.objects.filter(codename__in=CLINICAL_STAFF_PERMISSIONS))
    make_request()
    urgent = make_request(urgent=True)

    page.goto(site + "/admin/")
    results = {"login": axe_violations(page)}
    page.get_by_label("Username").fill("clinician")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(site + "/admin/eligibility/consultationrequest/")
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text(urgent.reference)
    results["list"] = axe_violations(page)
    first_row.get_by_role("link", name=urgent.reference).click()
    expect(page.get_by_text("sam@example.com")).to_be_visible()
    results["record"] = axe_violations(page)

    page.goto(site + "/admin/eligibility/consultationrequest/")
    page.locator("#result_list tbody tr").first.locator("input[type=checkbox]").check()
    page.get_by_label("Action:").select_option("mark_contacted")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("1 request(s) marked contacted.")).to_be_visible()
    urgent.refresh_from_db()
    assert urgent.status == "contacted"
    assert AuditEntry.objects.filter(record=urgent.reference, action="viewed").exists()
    assert results == {name: [] for name in results}
