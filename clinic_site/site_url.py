"""Absolute addresses of the site's pages, from settings.SITE_URL, never from the Host header a request brings.

A Host header is chosen by whoever sends the request; pages, links and cached copies must not depend on it.
"""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path_or_url: str) -> str:
    """The path on the public site; an address that is already absolute (an image on a CDN) is kept as it is."""
    return urljoin(settings.SITE_URL + "/", path_or_url)
