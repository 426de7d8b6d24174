"""Site-wide policies for the staff area and for anyone with a session."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

LOGIN_AT = "staff_login_at"
LAST_SEEN = "staff_last_seen"


class PrivateWithSessionMiddleware:
    """A response to someone with a session (staff, a person part-way through the questionnaire), or one that sets a
    cookie, is never `public`: a shared cache would hand their cookie, or what only they should see, to others."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
            patch_cache_control(response, private=True)
        return response


def session_expired(started: float, last_seen: float, now: float) -> bool:
    """A staff session ends after STAFF_SESSION_IDLE_SECONDS without a request, or STAFF_SESSION_MAX_SECONDS in all."""
    return now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS or now - started > settings.STAFF_SESSION_MAX_SECONDS


class StaffSessionLimitsMiddleware:
    """Signs a staff member out after 15 minutes idle or 8 hours in all (both configurable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request that brings a session cookie can be a staff member's. Looking up anyone else's user
        # would read the session and make every public page vary on Cookie, which no shared cache can serve.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(LOGIN_AT, now)
            if session_expired(started, request.session.get(LAST_SEEN, now), now):
                logout(request)
            else:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
