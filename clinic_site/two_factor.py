"""Two-factor sign-in for staff, on django-otp: a TOTP app plus single-use recovery codes.

The rules live here; the admin site (clinic_site/admin_site.py) only calls them.
"""

import re

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


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
