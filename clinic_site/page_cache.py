"""Whole public pages kept in the shared cache (Redis in production) until what they show changes.

Every page's cache key holds a content version. Saving or deleting anything the public pages show (an
article, topic, reference, reviewer, FAQ entry, glossary term or the clinic's details) replaces the version,
so each page is rendered afresh on its next request and the old copies simply expire. The version changes
once the transaction commits: earlier, a request could still read the old rows and keep them under the new
version. Signals do this, because those records change through the admin and its inlines, the content
loader and the shell alike; code that changes them with queryset.update() (which sends no signal) calls
`invalidate_on_commit()` itself.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

VERSION_KEY = "public-pages:version"


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate() -> None:
    """Every cached public page is stale from now on."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate_on_commit(using=None, **_signal_arguments) -> None:
    transaction.on_commit(invalidate, using=using)


def cacheable(request) -> bool:
    """Reads by visitors without a session: anyone with one (staff, a patient mid-questionnaire) gets a fresh page."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request, version: str) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public-page:{version}:{address}"


def fetch(request, version: str) -> HttpResponse | None:
    stored = cache.get(_key(request, version))
    if stored is None:
        return None
    content, headers = stored
    return HttpResponse(content, headers=headers)


def store(request, version: str, response) -> None:
    """Keep a successful page under the version read before it was rendered, so a change meanwhile is not hidden."""
    if response.status_code != 200 or response.streaming:
        return
    if not getattr(response, "is_rendered", True):
        response.render()
    cache.set(_key(request, version), (response.content, dict(response.items())), settings.EDUCATION_CACHE_SECONDS)


def connect(*models) -> None:
    for model in models:
        post_save.connect(invalidate_on_commit, sender=model, dispatch_uid=f"page_cache.save.{model._meta.label}")
        post_delete.connect(invalidate_on_commit, sender=model, dispatch_uid=f"page_cache.delete.{model._meta.label}")
