"""Staff sign in with a password and a second factor; repeated failures lock out; sessions end on time."""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic_site import sign_in_throttle, two_factor
from clinic_site.admin_site import SIGN_IN_FAILED
from clinic_site.client_ip import client_ip
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
    page = client.get(LOGIN).content.decode()
    assert '<label for="id_otp_token">Authentication code:</label>' in page
    assert 'aria-describedby="id_otp_token_helptext"' in page
    assert "<title>Sign in | Clinic staff</title>" in page
    failed = sign_in(client).content.decode()
    assert SIGN_IN_FAILED in failed
    assert "<title>Error: Sign in | Clinic staff</title>" in failed
    assert SIGN_IN_FAILED in sign_in(client, "123456").content.decode()
    assert client.get("/admin/").status_code == 302
    assert sign_in(Client(), current_code(device))["Location"] == "/admin/"


def without_form_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_wrong_password_and_a_right_one_with_a_wrong_or_missing_code_get_the_same_page(staff):
    device = enrol(staff)
    wrong_password = sign_in(Client(), current_code(device), password="not-the-password")
    no_code = sign_in(Client())
    wrong_code = sign_in(Client(), "123456")
    assert wrong_password.status_code == no_code.status_code == wrong_code.status_code == 200
    assert without_form_tokens(wrong_password) == without_form_tokens(no_code) == without_form_tokens(wrong_code)
    assert SIGN_IN_FAILED in without_form_tokens(no_code)
    assert PASSWORD not in without_form_tokens(wrong_code)  # never sent back in the page


def test_a_recovery_code_signs_in_once_only(staff):
    device = two_factor.pending_device(staff)
    codes = two_factor.confirm(device, current_code(device))
    first = Client()
    assert sign_in(first, codes[0].upper())["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    assert SIGN_IN_FAILED in sign_in(Client(), codes[0]).content.decode()


def test_another_persons_device_cannot_be_used(staff):
    other = User.objects.create_user("other", "o@example.org", PASSWORD, is_staff=True)
    other_device = enrol(other)
    enrol(staff)
    assert SIGN_IN_FAILED in sign_in(Client(), current_code(other_device)).content.decode()


def test_five_failed_sign_ins_from_one_address_pause_sign_in_there_but_never_for_the_owner_elsewhere(staff):
    device = enrol(staff)
    for _ in range(5):
        sign_in(Client(), password="wrong-password", REMOTE_ADDR="10.0.0.1")
    locked = sign_in(Client(), current_code(device), REMOTE_ADDR="10.0.0.1")  # right password, same address
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert sign_in(Client(), current_code(device), REMOTE_ADDR="10.0.0.2")["Location"] == "/admin/"


def test_a_wrong_code_counts_towards_the_pause_like_a_wrong_password(staff):
    device = enrol(staff)
    for _ in range(5):
        sign_in(Client(), "000000", REMOTE_ADDR="10.0.0.3")
    assert sign_in(Client(), current_code(device), REMOTE_ADDR="10.0.0.3").status_code == 429


def test_failures_for_one_account_from_many_addresses_slow_it_down_and_raise_an_event_but_never_lock_it(staff, caplog):
    device = enrol(staff)
    owners_browser = Client()
    assert sign_in(owners_browser, current_code(device), REMOTE_ADDR="192.0.2.10")["Location"] == "/admin/"
    for n in range(sign_in_throttle.SPREAD_LIMIT):
        assert sign_in(Client(), password=f"guess-{n}", REMOTE_ADDR=f"10.9.{n}.1").status_code == 200
    assert "sign_in_slowed" in [getattr(record, "event", "") for record in caplog.records]
    assert sign_in(Client(), password="guess-a", REMOTE_ADDR="10.9.99.1").status_code == 200  # one try now...
    slowed = sign_in(Client(), password="guess-b", REMOTE_ADDR="10.9.99.1")  # ...and the next from there must wait
    assert slowed.status_code == 429
    assert "Please wait a few seconds" in slowed.content.decode()
    assert "Nothing is locked" in slowed.content.decode()
    # Its owner, on the browser they signed in with before, is neither slowed nor locked out.
    assert sign_in(owners_browser, current_code(device), REMOTE_ADDR="192.0.2.10")["Location"] == "/admin/"


def test_an_attacker_who_keeps_posting_from_one_address_never_keeps_the_owner_out_on_a_new_browser_elsewhere(
    staff, settings
):
    """The slow-down's turns are per address: an attacker who takes every turn at theirs takes none of the owner's."""
    settings.RATELIMIT_SIGN_IN = "1000/m"  # an attacker who keeps under the per-address limit
    device = enrol(staff)
    for n in range(sign_in_throttle.SPREAD_LIMIT):
        sign_in(Client(), password=f"guess-{n}", REMOTE_ADDR="10.0.0.9")
    for n in range(3):
        sign_in(Client(), password="guess", REMOTE_ADDR="10.0.0.9")  # just before the owner, every time
        owner = Client()  # a browser that has never signed in to the account, on a phone or at a colleague's desk
        assert sign_in(owner, current_code(device), REMOTE_ADDR=f"192.0.2.4{n}")["Location"] == "/admin/"
        assert owner.get("/admin/").status_code == 200


def test_one_address_gets_ten_sign_in_attempts_a_minute_whichever_accounts_it_names(staff, settings):
    assert settings.RATELIMIT_SIGN_IN == "10/m"
    settings.RATELIMIT_SIGN_IN = "10/h"  # the same count in an hour's window, so a slow run never straddles two
    for n in range(10):
        assert sign_in(Client(), username=f"user-{n}", password="guess", REMOTE_ADDR="10.0.0.7").status_code == 200
    refused = sign_in(Client(), username="user-10", password="guess", REMOTE_ADDR="10.0.0.7")
    assert refused.status_code == 429
    assert "many tries to sign in from your network" in refused.content.decode()
    assert "Nothing is locked" in refused.content.decode()
    assert sign_in(Client(), REMOTE_ADDR="10.0.0.8")["Location"] == "/admin/"  # everyone else signs in as usual


def test_behind_our_proxies_the_pause_counts_the_visitors_address_from_the_trusted_headers(staff, settings):
    settings.CLIENT_IP_HEADERS = ["HTTP_CF_CONNECTING_IP", "HTTP_X_REAL_IP"]
    device = enrol(staff)
    via_nginx = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(5):
        sign_in(Client(), password="wrong-password", HTTP_X_REAL_IP="203.0.113.5", **via_nginx)
    assert sign_in(Client(), current_code(device), HTTP_X_REAL_IP="203.0.113.5", **via_nginx).status_code == 429
    # Someone else behind the same proxy, and a visitor the CDN names, are not caught.
    assert sign_in(Client(), current_code(device), HTTP_X_REAL_IP="203.0.113.6", **via_nginx).status_code == 302
    cdn = {"HTTP_CF_CONNECTING_IP": "198.51.100.7", "HTTP_X_REAL_IP": "203.0.113.5"}
    assert sign_in(Client(), current_code(device), **cdn, **via_nginx).status_code == 302


@pytest.mark.parametrize(
    ("headers", "address"),
    [
        ({"HTTP_CF_CONNECTING_IP": "198.51.100.7", "HTTP_X_REAL_IP": "203.0.113.5"}, "198.51.100.7"),
        ({"HTTP_X_REAL_IP": "203.0.113.5"}, "203.0.113.5"),
        ({"HTTP_CF_CONNECTING_IP": "not an address", "HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        ({"HTTP_X_FORWARDED_FOR": "198.51.100.9"}, "127.0.0.1"),  # a header no proxy of ours sets is ignored
    ],
)
def test_the_visitors_address_comes_from_the_configured_proxy_headers_in_order(settings, rf, headers, address):
    settings.CLIENT_IP_HEADERS = ["HTTP_CF_CONNECTING_IP", "HTTP_X_REAL_IP"]
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", **headers)) == address


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


def test_replacing_the_authenticator_needs_the_password_and_a_current_code_and_e_mails_its_owner(client, staff):
    old_device = enrol(staff)
    sign_in(client, current_code(old_device))
    setup = "/admin/two-factor/setup/"
    page = client.get(setup).content.decode()
    assert "Replace your authenticator app" in page
    assert "Key to type by hand" not in page  # no new secret before the password and a code are given again
    attempts = [
        {"code": current_code(old_device)},
        {"password": "wrong-password", "code": current_code(old_device)},
        {"password": PASSWORD, "code": "000000"},
    ]
    for attempt in attempts:
        refused = client.post(setup, attempt)
        assert "That did not work. Check your password and code" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=False).exists()
    assert client.post(setup, {"password": PASSWORD, "code": current_code(old_device)})["Location"] == setup
    secret = client.get(setup).context["secret"]
    new_device = TOTPDevice.objects.get(user=staff, confirmed=False)
    codes = client.post(setup, {"code": current_code(new_device)}).context["codes"]
    assert list(TOTPDevice.objects.filter(user=staff)) == [new_device]
    (notice,) = mail.outbox
    assert notice.to == ["nurse@example.org"]
    assert notice.subject == "A new authenticator app was set up for your staff account"
    assert "tell a clinic administrator now" in notice.body
    for private in (*codes, secret, secret.replace(" ", ""), PASSWORD):
        assert private not in notice.body
    assert "Replace your authenticator app" in client.get(setup).content.decode()  # next time, asked again
