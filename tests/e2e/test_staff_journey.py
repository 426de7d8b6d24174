import base64
import importlib

from django.contrib.auth.models import Permission, User
from django_otp.oath import totp
from playwright.sync_api import expect

from eligibility.models import AuditEntry
from tests.factories import make_request

PASSWORD = "a-long-clinician-password"
CLINICAL_STAFF_PERMISSIONS = importlib.import_module("eligibility.migrations.0003_clinical_staff_group").PERMISSIONS


def code_from_app(secret_shown: str) -> str:
    """What an authenticator app shows for the key typed in by hand."""
    return f"{totp(base64.b32decode(secret_shown.replace(' ', ''))):06d}"


def test_a_clinician_sets_up_two_factor_finds_the_urgent_request_first_and_marks_it_contacted(
    site, page, axe_violations
):
    user = User.objects.create_user("clinician", "c@example.org", PASSWORD, is_staff=True)
    # The browser tests' database flush removes the migration-made group, so grant its permissions directly.
    user.user_permissions.set(Permission.objects.filter(codename__in=CLINICAL_STAFF_PERMISSIONS))
    make_request()
    urgent = make_request(urgent=True)

    page.goto(site + "/admin/")
    results = {"login": axe_violations(page)}
    page.get_by_label("Username").fill("clinician")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    results["two-factor setup"] = axe_violations(page)
    secret = page.locator(".two-factor-secret").inner_text()
    page.get_by_label("Code from your app").fill(code_from_app(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    assert page.locator(".recovery-codes li").count() == 10
    recovery_code = page.locator(".recovery-codes li").first.inner_text()
    results["recovery codes"] = axe_violations(page)
    page.get_by_role("link", name="Continue to the staff area").click()

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

    # Next time, the sign-in page asks for a code too.
    page.context.clear_cookies()
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("clinician")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Authentication code").fill(recovery_code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Staff area")).to_be_visible()
    assert results == {name: [] for name in results}
