"""Response policies shared by the public pages."""

from functools import partial, wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def public_page(view):
    """A page that is the same for every visitor: a shared cache may keep it for a few minutes.

    ConditionalGetMiddleware adds the ETag and answers If-None-Match with 304.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.EDUCATION_CACHE_SECONDS)
        return response

    return wrapper


def cached_public_page(view=None, *, reads=()):
    """A public page that is also kept whole in the server's cache, until the content it shows changes.

    A second reader gets it without a database query or a template rendered: page_cache.CachedPageMiddleware answers
    it before the session and authentication middleware, and stores what the view renders. The copy is kept under
    the page's path and the query parameters the view reads (`reads`, such as q and page): any other parameter is
    ignored, so junk parameters get the same copy instead of each storing and rendering one.
    """
    if view is None:
        return partial(cached_public_page, reads=reads)
    page = public_page(view)
    page.kept_in_page_cache = True  # the middleware, and tests/site/test_public_models.py, find them by it
    page.page_cache_reads = reads
    return page


NOINDEX = "noindex, nofollow"


def _noindex(view, *, when):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if when(request):
            response["X-Robots-Tag"] = NOINDEX
        return response

    return wrapper


def private_page(view):
    """A page with a form or personal details: search engines must not index it (callers add never_cache)."""
    return _noindex(view, when=lambda request: True)


def findable_form(view):
    """A public form people should find in search engines: its empty page may be indexed, but never a page sent
    back with what someone typed (callers add never_cache)."""
    return _noindex(view, when=lambda request: request.method not in ("GET", "HEAD"))
