"""The site's URLs plus a baseline: the cheapest Django page of a given size, behind the same middleware."""

from functools import cache

from django.http import HttpResponse
from django.urls import path

from clinic_site.urls import handler403, handler500
from clinic_site.urls import urlpatterns as site_urlpatterns

__all__ = ["handler403", "handler500", "urlpatterns"]


@cache
def _fixed_page(size: int) -> bytes:
    page = b"<!doctype html>\n<html lang=en><title>Baseline</title><p>"
    return page + b"x" * max(0, size - len(page))


def baseline(request, size):
    return HttpResponse(_fixed_page(size))


urlpatterns = [path("bench/baseline/<int:size>/", baseline), *site_urlpatterns]
