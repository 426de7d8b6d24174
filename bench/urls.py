"""The anchor: the cheapest page Django can serve, a fixed page of a given size (served with bench/settings.py)."""

from functools import cache

from django.http import HttpResponse
from django.urls import path


@cache
def _fixed_page(size: int) -> bytes:
    page = b"<!doctype html>\n<html lang=en><title>Baseline</title><p>"
    return page + b"x" * max(0, size - len(page))


def baseline(request, size):
    return HttpResponse(_fixed_page(size))


urlpatterns = [path("bench/baseline/<int:size>/", baseline)]
