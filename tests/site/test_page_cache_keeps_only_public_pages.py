"""The page cache keeps a page only as every reader may get it: never one that sets a cookie, is private or varies on
the cookie, whatever its view is marked (clinic_site.page_cache.store)."""

from functools import wraps

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils.cache import patch_cache_control, patch_vary_headers

from clinic_site.http import cached_public_page

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
renders = []


def _page(request, what: str) -> HttpResponse:
    renders.append(what)
    return HttpResponse(f"<p>{what} {len(renders)}</p>")


@cached_public_page
def sets_a_cookie(request):
    response = _page(request, "cookie")
    response.set_cookie("reader", "first-reader's-value")
    return response


def _then_made_private(view):
    """As the middleware below the page cache makes a response private (clinic_site.middleware)."""

    @wraps(view)
    def wrapper(request):
        response = view(request)
        patch_cache_control(response, private=True)
        return response

    return wrapper


@_then_made_private
@cached_public_page
def private(request):
    return _page(request, "private")


@cached_public_page
def varies_on_the_cookie(request):
    response = _page(request, "vary")
    patch_vary_headers(response, ["Cookie"])
    return response


@cached_public_page
def plain(request):
    return _page(request, "plain")


urlpatterns = [
    path("cookie/", sets_a_cookie),
    path("private/", private),
    path("vary/", varies_on_the_cookie),
    path("plain/", plain),
]


@pytest.fixture(autouse=True)
def _no_renders_yet():
    renders.clear()


@pytest.mark.parametrize("url", ["/cookie/", "/private/", "/vary/"])
def test_a_page_that_is_not_the_same_for_everyone_is_rendered_for_each_reader(url):
    first, second = Client().get(url), Client().get(url)
    assert len(renders) == 2
    assert first.content != second.content


def test_a_second_reader_never_gets_the_first_readers_cookie():
    Client().get("/cookie/")
    assert Client().get("/cookie/").cookies["reader"].value == "first-reader's-value"  # set afresh by the view
    assert len(renders) == 2


def test_a_plain_public_page_is_rendered_once():
    first, second = Client().get("/plain/"), Client().get("/plain/")
    assert len(renders) == 1
    assert first.content == second.content
