"""A public page that uses the CSP nonce is never served from the page cache: each reader's scripts must carry the
nonce their own response's Content-Security-Policy names."""

import re

import pytest
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.test import Client
from django.urls import path
from django.utils.csp import CSP

from clinic_site.http import cached_public_page

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@cached_public_page
def page_with_an_inline_script(request):
    return HttpResponse(f'<script nonce="{get_nonce(request)}">start()</script>')


urlpatterns = [path("with-script/", page_with_an_inline_script)]


def test_each_reader_gets_a_script_nonce_that_their_policy_names(settings):
    settings.SECURE_CSP = {"script-src": [CSP.SELF, CSP.NONCE]}
    for _ in range(2):
        response = Client().get("/with-script/")
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
