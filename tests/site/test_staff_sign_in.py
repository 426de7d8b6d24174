"""Staff sign in with a password and a second factor; repeated failures lock out; sessions end on time."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic_site import two_factor
from clinic_site.middleware import LAST_SEEN, LOGIN_AT
from tests.conftest import verified_login
from tests.site.test_settings import KEYS, run_python

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-staff-password"
LOGIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return User.objects.create_user("nurse", "nurse@example.org", PASSWORD, is_staff=True)


def enrol(user) -> TOTPDevice:
    device = two_factor.pending_device(user)
    two_factor.confirm(device, f"{totp(device.bin_key):06d}")
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, as if the next 30-second window had come (a used code is refused: no replays)
    and the one-second wait django-otp imposes after a wrong code had passed."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    return f"{totp(device.bin_key):06d}"


def sign_in(client, code="", username="nurse", password=PASSWORD, **extra):
    data = {"username": username, "password": password, "otp_token": code, "next": "/admin/"}
    return client.post(LOGIN, data, **extra)


def test_a_new_staff_member_is_sent_to_set_up_two_factor_and_cannot_see_the_admin_yet(client, staff):
    sign_in(client)
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == "/admin/two-factor/setup/"
    page = client.get("/admin/two-factor/setup/").content.decode()
    assert "<svg" in page
    assert "Key to type by hand" in page
    assert client.get("/admin/eligibility/consultationrequest/").status_code == 302


def test_setting_up_with_a_wrong_code_explains_and_a_right_code_shows_ten_recovery_codes(client, staff):
    sign_in(client)
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = client.post("/admin/two-factor/setup/", {"code": "000000"}).content.decode()
    assert "That code did not match" in wrong
    done = client.post("/admin/two-factor/setup/", {"code": current_code(device)})
    assert done.content.decode().count("<li><code>") == 10
    assert "no-store" in done["Cache-Control"]
    assert client.get("/admin/").status_code == 200


def test_an_enrolled_staff_member_needs_the_code_from_the_app(client, staff):
    device = enrol(staff)
    missing = sign_in(client).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in missing
    wrong = sign_in(client, "123456").content.decode()
    assert "That code did not work" in wrong
    assert client.get("/admin/").status_code == 302
    assert sign_in(Client(), current_code(device))["Location"] == "/admin/"


def test_a_recovery_code_signs_in_once_only(staff):
    device = two_factor.pending_device(staff)
    codes = two_factor.confirm(device, current_code(device))
    first = Client()
    assert sign_in(first, codes[0].upper())["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    assert "That code did not work" in sign_in(Client(), codes[0]).content.decode()


def test_another_persons_device_cannot_be_used(staff):
    other = User.objects.create_user("other", "o@example.org", PASSWORD, is_staff=True)
    other_device = enrol(other)
    enrol(staff)
    assert "That code did not work" in sign_in(Client(), current_code(other_device)).content.decode()


def test_five_failed_passwords_lock_the_account_with_a_kind_page(staff):
    enrol(staff)
    for _ in range(5):
        sign_in(Client(REMOTE_ADDR="10.0.0.1"), password="wrong-password", REMOTE_ADDR="10.0.0.1")
    locked = sign_in(Client(), password=PASSWORD, REMOTE_ADDR="10.0.0.2")  # right password, other address
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()


def test_failures_across_accounts_lock_the_address(staff):
    for n in range(5):
        sign_in(Client(), username=f"guess{n}", password="wrong-password", REMOTE_ADDR="10.0.0.9")
    assert sign_in(Client(), REMOTE_ADDR="10.0.0.9").status_code == 429
    assert sign_in(Client(), REMOTE_ADDR="10.0.0.10").status_code == 302  # another address is not locked out


def test_a_lock_out_lifts_after_the_cool_off(staff, settings):
    for _ in range(5):
        sign_in(Client(), password="wrong-password")
    assert sign_in(Client()).status_code == 429
    cooled_off = timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=cooled_off)
    assert sign_in(Client()).status_code == 302


def test_signing_in_rotates_the_session_key(client, staff):
    client.post("/eligibility/")  # a visitor session first
    before = client.cookies["sessionid"].value
    sign_in(client)
    assert client.cookies["sessionid"].value != before


@pytest.mark.parametrize(
    ("idle_minutes", "hours_since_login", "still_signed_in"),
    [(5, 1, True), (16, 1, False), (5, 8.5, False)],
)
def test_staff_sessions_end_after_15_minutes_idle_or_8_hours(client, staff, idle_minutes, hours_since_login,
                                                              still_signed_in):  # fmt: skip
    verified_login(client, staff)
    session = client.session
    session[LAST_SEEN] = time.time() - idle_minutes * 60
    session[LOGIN_AT] = time.time() - hours_since_login * 3600
    session.save()
    response = client.get("/admin/")
    assert (response.status_code == 200) is still_signed_in


@pytest.mark.parametrize("password", ["short-pass1", "password1234", "123456789012"])
def test_weak_passwords_are_refused(staff, password):
    with pytest.raises(ValidationError):
        validate_password(password, staff)


def test_two_factor_is_required_whenever_debug_is_off_and_the_admin_path_is_configurable():
    code = "from django.conf import settings as s; import django; django.setup(); from django.urls import reverse; "
    code += "print(s.STAFF_TWO_FACTOR_REQUIRED, reverse('admin:index'))"
    env = {"DJANGO_SETTINGS_MODULE": "clinic_site.settings", "DJANGO_ADMIN_URL": "staff-7f3a/"}
    assert run_python("-c", code, **KEYS, **env).stdout.split() == ["True", "/staff-7f3a/"]
    assert run_python("-c", code, DJANGO_DEBUG="1", **env).stdout.split() == ["False", "/staff-7f3a/"]
