import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from clinic_site.http import cached_public_page
from clinic_site.security_events import log_event
from clinic_site.site_url import absolute_url

logger = logging.getLogger(__name__)


@cached_public_page
def crisis(request):
    return render(request, "pages/crisis.html")


@cached_public_page
def privacy(request):
    return render(request, "pages/privacy.html")


@cached_public_page
def language_help(request):
    """The language-access notice (ACA Section 1557), in both languages at each address."""
    return render(request, "pages/language_help.html")


@cached_public_page
@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /es/search/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check failed: the database did not answer.")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def rate_limited(request, exception):
    """Too many public form posts from one address: a kind page, with the crisis line."""
    return render(request, "429.html", status=429)


def permission_denied(request, exception):
    """403: logged as a security event (who and which path, nothing else)."""
    log_event("permission_denied", request, user_id=request.user.pk, path=request.path)
    return render(request, "403.html", status=403)


# The database cannot be reached, or dropped the connection: the request can be sent again in a moment.
DATABASE_OUTAGES = (OperationalError, InterfaceError)


def server_error(request):
    """The 500 page, or the 503 page when the database is down, wherever the error was raised (views, middleware).

    Both render through the normal context processors, which cope with a database that is down. A form post that
    failed here was rolled back with its transaction; sending it again is safe (its submission key).
    """
    if isinstance(sys.exception(), DATABASE_OUTAGES):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "5"
        add_never_cache_headers(response)
        return response
    return render(request, "500.html", status=500)
