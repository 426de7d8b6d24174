"""The staff sign-in never sends anyone off the site, whatever a link's `next` parameter says.

Each case signs in through the real admin login view, with password and a code from the authenticator app,
the way a staff member who clicked a poisoned link would.
"""

import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_login

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-staff-password"
SITE = "http://testserver"

OFF_SITE = [
    "https://evil.example",
    "http://evil.example/admin/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    " //evil.example",
    "\x01//evil.example",
    "https:evil.example",
    "http:/\\/\\evil.example",
    "https://testserver@evil.example",
    "https://evil.example\\@testserver",
    "https://evil.example#@testserver",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "%68ttps://evil.example",
    "https%3A%2F%2Fevil.example",
]


@pytest.fixture
def staff(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # a sign-in in milliseconds
    user = User.objects.create_user("staff", "staff@example.org", PASSWORD, is_staff=True)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def sign_in(client, user, next_url: str):
    """What the browser posts: the login form, with `next` both in the address and in the hidden field."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return client.post(
        f"{LOGIN}?{urlencode({'next': next_url})}",
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_token": f"{totp(device.bin_key):06d}",
            "next": next_url,
        },
    )


def browser_destination(location: str) -> tuple[str, str]:
    """The scheme and host a browser would go to (WHATWG URL parsing): it drops tabs, new lines and leading
    control characters, reads a backslash as a slash, and takes any run of two or more slashes as '//'."""
    cleaned = re.sub(r"[\t\n\r]", "", location.strip("".join(chr(n) for n in range(0x21)))).replace("\\", "/")
    cleaned = re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*:)?/{2,}", r"\1//", cleaned)
    target = urlsplit(urljoin(SITE + LOGIN, cleaned))
    return target.scheme, target.netloc


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_after_sign_in_a_staff_member_stays_on_the_site_whatever_next_says(client, staff, next_url):
    response = sign_in(client, staff, next_url)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.session.get("_auth_user_id") == str(staff.pk)
    assert browser_destination(response["Location"]) == ("http", "testserver")


def test_a_next_page_on_this_site_is_where_sign_in_leads(client, staff):
    response = sign_in(client, staff, "/admin/eligibility/consultationrequest/?view=all")
    assert response["Location"] == "/admin/eligibility/consultationrequest/?view=all"


@pytest.mark.parametrize("next_url", ["https://evil.example", "//evil.example", "/\\evil.example"])
def test_a_signed_in_staff_member_opening_a_poisoned_login_link_goes_to_the_staff_area(client, staff, next_url):
    verified_login(client, staff)
    response = client.get(LOGIN, {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
