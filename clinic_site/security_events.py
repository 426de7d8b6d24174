"""Security events, logged as such to the "clinic.security" logger: sign-ins, failures, lock-outs, refusals.

Exports and erasures are logged where they are audited (eligibility/audit.py).
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django_otp.forms import otp_verification_failed

from clinic_site.client_ip import client_ip

security_log = logging.getLogger("clinic.security")


def account_name(username: str) -> str:
    """A username for the log only if it names an account: people type their password into the username box."""
    user_model = get_user_model()
    exists = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists()
    return username[:150] if exists else "[no such account]"


def log_event(event: str, request=None, *, address: str | None = None, **fields) -> None:
    """A security event, with the client's address: from the request, or given by a caller that has no request."""
    address = client_ip(request) if request is not None else address
    security_log.warning(event, extra={"event": event, "client_ip": address, **fields})


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log_event("login_failed", request, username=account_name(str(credentials.get("username", ""))))


@receiver(user_locked_out)
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    log_event("lockout", request, username=account_name(str(username or "")))


@receiver(otp_verification_failed)
def _second_factor_failed(sender, user, **kwargs):
    log_event("second_factor_failed", user_id=user.pk)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    security_log.info("login", extra={"event": "login", "user_id": user.pk, "client_ip": client_ip(request)})
