"""Absolute addresses of the site's pages, from settings.SITE_URL, never from the Host header a request brings.

A Host header is chosen by whoever sends the request; pages, links and cached copies must not depend on it.
"""

from functools import wraps
from urllib.parse import urljoin, urlsplit

from django.conf import settings


def absolute_url(path_or_url: str) -> str:
    """The path on the public site; an address that is already absolute (an image on a CDN) is kept as it is."""
    return urljoin(settings.SITE_URL + "/", path_or_url)


def on_public_address(view):
    """Django's sitemap and feed views, which write absolute addresses with the request's Host header, given the
    public site's host instead. Their pages are kept by the page cache and nginx and handed to everyone: a Host the
    site accepts but spelled otherwise (another port, a trailing dot) must not end up in them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.META["HTTP_HOST"] = urlsplit(settings.SITE_URL).netloc
        return view(request, *args, **kwargs)

    return wrapper
