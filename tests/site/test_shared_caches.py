"""What a shared cache (a CDN, a proxy, the server's page cache) may keep, and for whom."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import verified_login

pytestmark = pytest.mark.django_db


def queries_and_page(client, url) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content


@pytest.mark.parametrize(
    ("url", "with_junk"),
    [
        ("/learn/", "/learn/?utm_source=newsletter&x=1"),
        ("/learn/what-is-depression/", "/learn/what-is-depression/?fbclid=abc"),
        ("/search/?q=ketamine", "/search/?junk=2&q=ketamine"),
        ("/learn/topics/about-ketamine/", "/learn/topics/about-ketamine/?ref=x"),
    ],
)
def test_query_parameters_a_page_does_not_read_get_the_same_cached_copy(url, with_junk):
    queries_and_page(Client(), url)
    queries, page = queries_and_page(Client(), with_junk)
    assert queries == 0  # served from the cache: not rendered again, not stored again
    assert page == queries_and_page(Client(), url)[1]


def test_the_parameters_a_page_reads_still_get_their_own_page():
    queries_and_page(Client(), "/search/?q=ketamine")
    queries, page = queries_and_page(Client(), "/search/?q=depression")
    assert queries > 0
    assert b'value="depression"' in page


@pytest.mark.parametrize("url", ["/", "/learn/", "/learn/what-is-depression/", "/crisis/", "/search/?q=ketamine"])
def test_a_signed_in_staff_member_never_gets_a_public_page(client, url):
    staff = User.objects.create_user("nurse", "nurse@example.org", "a-long-staff-password", is_staff=True)
    verified_login(client, staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_person_part_way_through_the_questionnaire_never_gets_a_public_page(client):
    client.post("/eligibility/")  # starts the questionnaire: a session cookie
    response = client.get("/learn/")
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" in Client().get("/learn/")["Cache-Control"]  # everyone else's copy may be shared


@pytest.mark.parametrize(
    ("url", "spelled_otherwise"),
    [
        ("/search/?q=ketamine&page=1", "/search/?q=ketamine&page=01"),
        ("/search/?q=ketamine", "/search/?q=depression&q=ketamine"),  # the view reads the last value
        ("/learn/topics/about-ketamine/?page=1", "/learn/topics/about-ketamine/?page=001"),
        ("/sitemap-articles.xml?p=1", "/sitemap-articles.xml?p=01"),
    ],
)
def test_a_page_number_or_parameter_spelled_another_way_gets_the_same_cached_copy(url, spelled_otherwise):
    queries_and_page(Client(), url)
    queries, page = queries_and_page(Client(), spelled_otherwise)
    assert queries == 0
    assert page == queries_and_page(Client(), url)[1]


def test_a_host_header_with_another_port_or_spelling_gets_the_same_cached_copy(settings):
    settings.ALLOWED_HOSTS = ["clinic.example.org"]
    Client().get("/learn/", HTTP_HOST="clinic.example.org")
    for host in ("clinic.example.org:1", "CLINIC.example.org:8443", "clinic.example.org."):
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/learn/", HTTP_HOST=host).status_code == 200
        assert len(captured) == 0, host
