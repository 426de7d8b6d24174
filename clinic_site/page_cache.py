"""Whole public pages kept in the shared cache (Redis in production) until what they show changes.

Each page is stored with the content version it was rendered from, and read together with the current
version in one round trip. Saving or deleting a record of any model in PUBLIC_MODELS, the one list of what the
public pages show, replaces the version, so every page is rendered afresh on its next request. The version
changes once the transaction commits: earlier, a request could still read the old rows and store them as
current. Signals do this, because those records change through the admin and its inlines, the content loader
and the shell alike; queryset.update() sends none, so none of them is changed that way outside a migration.
tests/site/test_public_models.py fails when a cached page reads a model missing from the list.

CachedPageMiddleware answers a stored page as high in the middleware stack as it can: after the request id and
SecurityMiddleware (the redirect to HTTPS, and the headers that depend on the request's scheme), and before
everything else. A page is stored as it leaves the rest of the stack on its way out, with the headers that stack
gave it (clickjacking, Content-Security-Policy, Permissions-Policy, Content-Length, ETag, Content-Language), so a
stored copy needs none of that middleware again: only the Host check, which it makes itself (a Host the site does
not serve goes on down the stack, to the 400 page), and the answer to a conditional GET (304). Sessions, CSRF,
authentication, messages, two-factor, rate limits and axes are never reached by a reader without a session. The
request already speaks its address's language (clinic_site.languages, on request_started), which i18n_patterns
resolve the page's view in.

A page is not stored if its response sets a cookie, is private or varies on the cookie, or if its render used the
request's CSP nonce (its scripts would carry a nonce no later response's policy names).

Each worker process also keeps the pages it served last in its own memory, and trusts the version it last read
for one second: a popular page then costs no round trip at all, and a change reaches every worker within that
second (shared caches in front keep the pages for minutes anyway).
"""

import hashlib
import time
import uuid
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import get_conditional_response, has_vary_header, set_response_etag
from django.utils.http import parse_http_date_safe

# Everything the cached public pages read from the database.
PUBLIC_MODELS = (
    "education.Article",
    "education.Topic",
    "education.Reference",
    "education.Reviewer",
    "education.FAQEntry",
    "education.FAQReference",
    "education.GlossaryTerm",
    "education.ArticleTranslation",
    "education.TopicTranslation",
    "education.FAQEntryTranslation",
    "education.GlossaryTermTranslation",
    "clinic_site.ClinicDetails",
)
VERSION_KEY = "public-pages:version"
# Changed whenever what a stored page holds changes: Redis outlives a deploy, and a release must never answer a copy
# that the one before it stored. 2: stored as it leaves the middleware stack, with the headers that stack adds.
PAGE_KEY_PREFIX = "public-page:2:"
TRUST_VERSION_SECONDS = 1.0
PAGES_IN_MEMORY = 200
PATHS_IN_MEMORY = 1000
# What the middleware below this one adds to every response, a 304 too: a stored page carries them.
HEADERS_FROM_BELOW = ("X-Frame-Options", "Content-Security-Policy", "Permissions-Policy")
CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# The query parameters that name a page of a list (the topic and search pages' `page`, the sitemap's `p`).
PAGE_NUMBERS = frozenset({"page", "p"})


class _WorkerMemory:
    def __init__(self):
        self.forget()

    def forget(self) -> None:
        self.pages = {}
        self.views = {}
        self.version = None
        self.read_at = float("-inf")

    def learn_version(self, version: str) -> None:
        self.version, self.read_at = version, time.monotonic()

    def trusted_version(self) -> str | None:
        return self.version if time.monotonic() - self.read_at < TRUST_VERSION_SECONDS else None

    def keep(self, key: str, page: tuple) -> None:
        if len(self.pages) >= PAGES_IN_MEMORY:
            self.pages.clear()
        self.pages[key] = page

    def kept_view_for(self, path: str):
        """The view of a path if its pages are kept, resolved once per process (resolving is a fifth of a stored
        page's cost). Only such paths are remembered: another path can be a credential (a resume link's)."""
        route = (get_urlconf(), path)  # tests route with URL confs of their own
        view = self.views.get(route)
        if view is None:
            try:
                view = resolve(path).func
            except Resolver404:
                return None
            if not getattr(view, "kept_in_page_cache", False):
                return None
            if len(self.views) >= PATHS_IN_MEMORY:
                self.views.clear()
            self.views[route] = view
        return view


_memory = _WorkerMemory()


def forget_in_this_process() -> None:
    """For tests, which empty the shared cache between them."""
    _memory.forget()


def invalidate() -> None:
    """Every cached public page is stale from now on."""
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    _memory.learn_version(version)


def invalidate_on_commit(using=None, **_signal_arguments) -> None:
    transaction.on_commit(invalidate, using=using)


def cacheable(request) -> bool:
    """Reads by visitors without a session: anyone with one (staff, a patient mid-questionnaire) gets a fresh page."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _as_read(name: str, value: str) -> str:
    """A page number as the paginator reads it (01 is 1); anything else as it was sent."""
    if name in PAGE_NUMBERS:
        try:
            return str(int(value))
        except ValueError:
            pass
    return value


def key_for(request, reads: tuple[str, ...]) -> str:
    """The page's path on SITE_URL with only the query parameters its view reads, as it reads them: the last value
    of each, a page number as a number. Never the Host header: another port or spelling would store another copy.

    A query string with more parameters than Django parses raises TooManyFieldsSent, a bad request: Django answers it
    with the site's 400 page and logs it, e-mailing no one (settings.LOGGING, "django.security").
    """
    parameters = urlencode([(name, _as_read(name, request.GET[name])) for name in sorted(reads) if name in request.GET])
    address = f"{settings.SITE_URL}{request.path}?{parameters}"
    return PAGE_KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def _current(page, version) -> bool:
    return page is not None and page[0] == version


def fetch(key: str) -> tuple[str, HttpResponse | None]:
    """The current content version, and the page if it is stored for that version."""
    version, page = _memory.trusted_version(), _memory.pages.get(key)
    if version is None or not _current(page, version):
        found = cache.get_many([VERSION_KEY, key])
        version, page = found.get(VERSION_KEY), found.get(key)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        _memory.learn_version(version)
        if not _current(page, version):
            return version, None
        _memory.keep(key, page)
    _, content, headers = page
    return version, HttpResponse(content, headers=headers)


def _keepable(response) -> bool:
    """A whole page that is the same for everyone: not private (as the middleware below makes any response that sets
    a cookie) and not varying on the cookie."""
    return (
        response.status_code == 200
        and not response.streaming
        and "private" not in response.get("Cache-Control", "")
        and not has_vary_header(response, "Cookie")
    )


def store(key: str, version: str, response) -> None:
    """Keep a page under the version read before it was rendered, so a change meanwhile is not hidden."""
    if not _keepable(response):
        return
    # A GET's page has the ETag ConditionalGetMiddleware computed from the same content (nothing between changes it);
    # a HEAD's is computed here, so a stored page is never hashed again.
    if not response.has_header("ETag"):
        set_response_etag(response)
    page = (version, response.content, dict(response.items()))
    cache.set(key, page, settings.EDUCATION_CACHE_SECONDS)
    _memory.keep(key, page)


def connect() -> None:
    """Called once the apps are ready: a change to any public model makes the cached pages stale."""
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        post_save.connect(invalidate_on_commit, sender=model, dispatch_uid=f"page_cache.save.{label}")
        post_delete.connect(invalidate_on_commit, sender=model, dispatch_uid=f"page_cache.delete.{label}")


class CachedPageMiddleware:
    """A stored public page for a reader without a session, before the middleware that only people with one need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key_if_cached(request)
        if key is None:
            return self.get_response(request)
        version, response = fetch(key)
        if response is not None:
            return _conditional(request, response)
        response = self.get_response(request)
        if not get_nonce(request):
            store(key, version, response)
        return response


def _key_if_cached(request) -> str | None:
    """The page's key if a reader without a session may get its stored page. A Host the site does not serve, or a
    query string Django refuses to parse, goes on down the stack to the site's 400 page, with every header."""
    view = _cached_view(request)
    if view is None:
        return None
    try:
        request.get_host()  # CommonMiddleware's Host check
        return key_for(request, view.page_cache_reads)
    except SuspiciousOperation:
        return None


def _conditional(request, response):
    """A 304 for a GET whose If-None-Match or If-Modified-Since the stored page meets, as ConditionalGetMiddleware
    answers, with the security headers the middleware below would have added to it."""
    if request.method != "GET" or not any(name in request.META for name in CONDITIONS):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    answer = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
    if answer is not response:
        for name in HEADERS_FROM_BELOW:
            if name in response:
                answer[name] = response[name]
    return answer


def _cached_view(request):
    """The view the request goes to, if a reader without a session may get its stored page."""
    if not cacheable(request) or request.path_info.startswith(settings.STATIC_URL):
        return None
    return _memory.kept_view_for(request.path_info)
