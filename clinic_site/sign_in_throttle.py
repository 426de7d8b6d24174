"""Many failed sign-ins for one account slow sign-in to it down; none lock it, and no one can use up another's tries.

django-axes locks an account-and-address pair after AXES_FAILURE_LIMIT failures, so nobody elsewhere can lock a
staff member out (which would block urgent safety follow-up). An attacker with many addresses gets that many guesses
from each, so here the failures for an account are also counted from everywhere. Past SPREAD_LIMIT within the
cool-off, a security event is raised and each address gets one attempt at the account per SLOW_SECONDS from browsers
that have not signed in to it before. The wait is per address: a shared one would let an attacker who keeps posting
take every turn, and keep the real person, at another address on a new browser, out for as long as they liked. A
browser its owner has signed in with (a signed cookie, OWASP's "device cookie") is never slowed. Separately, one
address gets RATELIMIT_SIGN_IN attempts a minute, whichever accounts they name (the pair lock-out does not stop one
address trying many accounts). Counts live in the shared cache under keyed hashes of the username and address; if
the cache is down, nothing is slowed.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from clinic_site.client_ip import client_ip
from clinic_site.security_events import account_name, log_event

SPREAD_LIMIT = 10
SLOW_SECONDS = 10
KNOWN_BROWSER_COOKIE = "staff_browser"
KNOWN_BROWSER_SECONDS = 90 * 24 * 60 * 60
_SALT = "clinic_site.sign_in_throttle"


def _keyed(value: str) -> str:
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:32]


def _account(username: str) -> str:
    """The account's key: the username never appears in the cache or the cookie."""
    return _keyed(username.strip().casefold())


def _known_browser(request, account: str) -> bool:
    known = request.get_signed_cookie(KNOWN_BROWSER_COOKIE, default=None, salt=_SALT, max_age=KNOWN_BROWSER_SECONDS)
    return known == account


def too_many_from_address(request) -> bool:
    """Counts this attempt for its address; True past RATELIMIT_SIGN_IN (10 a minute), whichever account it names."""
    return is_ratelimited(
        request, group="staff-sign-in", key="ip", rate=settings.RATELIMIT_SIGN_IN, method="POST", increment=True
    )


def must_wait(request, username: str) -> bool:
    """True when this attempt comes too soon after this address's last one at an account under attack, from a browser
    the account does not know.

    Decided before the password is looked at, so the answer says nothing about it.
    """
    account = _account(username)
    if _known_browser(request, account) or (cache.get(f"sign-in-failures:{account}") or 0) < SPREAD_LIMIT:
        return False
    return not cache.add(f"sign-in-slot:{account}:{_keyed(client_ip(request))}", True, SLOW_SECONDS)


def record_failure(request, username: str) -> None:
    key = f"sign-in-failures:{_account(username)}"
    cache.add(key, 0, settings.AXES_COOLOFF_TIME.total_seconds())
    try:
        failures = cache.incr(key, 1)
    except ValueError:  # expired just now, or the cache is down: nothing to count
        return
    if failures == SPREAD_LIMIT:
        log_event("sign_in_slowed", request, username=account_name(username), failures=failures)


def remember_browser(response, username: str) -> None:
    """After a full sign-in: this browser is its owner's, and is never slowed for this account."""
    response.set_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        _account(username),
        salt=_SALT,
        max_age=KNOWN_BROWSER_SECONDS,
        path="/" + settings.ADMIN_URL.lstrip("/"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
