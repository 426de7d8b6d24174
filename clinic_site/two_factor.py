"""Two-factor sign-in for staff, on django-otp: a TOTP app plus single-use recovery codes.

The rules live here; the admin site (clinic_site/admin_site.py) only calls them.
"""

import logging
import re
import smtplib
import time

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# After the password and a current code are given again, the authenticator can be replaced for this long.
REAUTHENTICATED_AT = "two_factor_reauthenticated_at"
REAUTHENTICATION_SECONDS = 10 * 60

logger = logging.getLogger(__name__)


def required() -> bool:
    """Two factors are required for every staff account unless explicitly turned off (local development only)."""
    return settings.STAFF_TWO_FACTOR_REQUIRED


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def needs_enrolment(user) -> bool:
    return required() and user.is_authenticated and user.is_active and user.is_staff and not is_enrolled(user)


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def device_for_code(user, code: str):
    """Six digits are a code from the app; anything else is tried as a recovery code."""
    if code.isdigit() and len(code) == 6:
        return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed app device being set up (a new secret each time setup starts afresh)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def readable_secret(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = re.search(r"secret=([A-Z2-7]+)", device.config_url).group(1)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app device with a code from it; return fresh recovery codes, or None if the code is wrong."""
    if not device.verify_token(normalise(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.devices_for_user(device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new single-use ones."""
    recovery, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    recovery.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def reauthenticate(request, *, password: str, code: str) -> bool:
    """The signed-in person's password and a code from their current authenticator (or a recovery code), again.

    The password goes through authenticate(), so failures count towards the lock-out like any sign-in.
    """
    user = request.user
    again = authenticate(request, username=user.get_username(), password=password or "")
    if again is None or again.pk != user.pk:
        return False
    code = normalise(code)
    device = device_for_code(user, code)
    return device is not None and device.verify_token(code)


def mark_reauthenticated(request) -> None:
    """Open the replacement for a few minutes, with a new secret: one shown before this moment is never confirmed."""
    TOTPDevice.objects.devices_for_user(request.user, confirmed=False).delete()
    request.session[REAUTHENTICATED_AT] = time.time()


def recently_reauthenticated(request) -> bool:
    return time.time() - request.session.get(REAUTHENTICATED_AT, 0) < REAUTHENTICATION_SECONDS


def forget_reauthentication(request) -> None:
    request.session.pop(REAUTHENTICATED_AT, None)


def tell_owner_of_new_authenticator(user) -> None:
    """E-mail the account's owner, so that an authenticator someone else set up does not go unnoticed.

    No code, secret or link in it: only what happened and when, and what to do if it was not them.
    """
    if not user.email:
        logger.warning("No e-mail address to tell user %s of a new authenticator.", user.pk)
        return
    body = render_to_string(
        "admin/email/two_factor_changed.txt",
        {"username": user.get_username(), "site_url": settings.SITE_URL, "when": timezone.localtime()},
    )
    try:
        send_mail(
            subject="A new authenticator app was set up for your staff account",
            message=body,
            from_email=None,
            recipient_list=[user.email],
        )
    except (OSError, smtplib.SMTPException):
        logger.warning("Could not e-mail user %s about their new authenticator.", user.pk, exc_info=True)
