"""Requests Django refuses (too many parameters, an oversized body) get the site's own 400 page, with every security
header, and e-mail no one: anyone can send them, so one e-mail each would flood the administrators' inboxes. A real
error on such a request is still reported, and still gets the site's own 500 page."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import path

from clinic_site import urls as site_urls
from eligibility.models import ConsultationRequest
from tests.factories import valid
from tests.site.test_deployment import assert_security_headers

pytestmark = pytest.mark.django_db

TOO_MANY = {f"a{n}": "1" for n in range(401)}  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 400
REFUSED_PAGE = "Sorry, we could not read what was sent"


@pytest.fixture(autouse=True)
def _administrators_get_error_reports(settings):
    settings.ADMINS = ["ops@example.org"]


@pytest.mark.parametrize("url", ["/search/?q=ketamine", "/sitemap-articles.xml", "/learn/topics/about-ketamine/"])
def test_a_page_asked_for_with_too_many_query_parameters_gets_the_sites_own_400_page_and_e_mails_no_one(url):
    for _ in range(3):
        response = Client().get(url, TOO_MANY, secure=True)
        assert response.status_code == 400
        assert REFUSED_PAGE in response.content.decode()
        assert_security_headers(response)
    assert mail.outbox == []


@pytest.mark.parametrize(
    "posted", [valid(message="x" * 300_000), {**valid(), **TOO_MANY}], ids=["oversized", "too-many-fields"]
)
def test_refused_posts_to_the_consultation_form_get_the_kind_400_page_and_e_mail_no_one(client, posted):
    client.get("/consultation/")
    for _ in range(5):
        response = client.post("/consultation/", posted, secure=True)
        assert response.status_code == 400
        assert "Nothing was saved" in response.content.decode()
        assert_security_headers(response)
    assert mail.outbox == []
    assert ConsultationRequest.objects.count() == 0


def crash(request):
    """A bug in a view that never read what was sent: the error report reads it."""
    raise RuntimeError("the view failed")


# Used by the test marked `urls(__name__)`: the site, with this address failing.
urlpatterns = [path("crash/", crash), *site_urls.urlpatterns]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_real_error_on_a_request_with_too_many_parameters_is_still_reported_and_gets_the_500_page(method):
    response = getattr(Client(raise_request_exception=False), method)("/crash/", TOO_MANY, secure=True)
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
    assert_security_headers(response)
    (report,) = mail.outbox
    assert "RuntimeError" in report.body
    assert "a400" not in report.body
