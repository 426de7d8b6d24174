"""Every public POST has a honeypot and a per-address rate limit; oversized bodies get a kind page.

Limits are set per hour here (production counts per minute): django-ratelimit's windows follow the clock, and a
count that straddled two windows on a slow run would start again."""

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from eligibility.models import ConsultationRequest, Questionnaire
from tests.factories import valid

pytestmark = pytest.mark.django_db
PUBLIC_POSTS = [
    "/consultation/", "/eligibility/", "/eligibility/about-you/", "/eligibility/check/", "/eligibility/save/",
]  # fmt: skip


@pytest.mark.parametrize("url", ["/consultation/", "/eligibility/"])
def test_every_public_form_carries_the_hidden_honeypot_field(client, url):
    html = client.get(url).content.decode()
    assert 'class="hp-field"' in html
    assert 'name="website"' in html


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client):
    response = client.post("/consultation/", valid(website="http://spam.example"))
    assert response.status_code == 400
    assert ConsultationRequest.objects.count() == 0
    assert "988" in response.content.decode()


def test_a_person_who_leaves_the_honeypot_empty_is_not_affected(client):
    response = client.post("/consultation/", valid(website=""))
    assert response.status_code == 302
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.parametrize("url", PUBLIC_POSTS)
def test_too_many_posts_from_one_address_get_a_kind_429_page_with_the_crisis_line(client, settings, url):
    settings.RATELIMIT_PUBLIC_POST = "3/h"
    for _ in range(3):
        assert client.post(url, {}).status_code != 429
    response = client.post(url, {})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a moment" in html
    assert "988" in html
    assert "911" in html


def test_the_limit_is_per_address_and_shared_by_all_public_forms(client, settings):
    settings.RATELIMIT_PUBLIC_POST = "2/h"
    client.post("/consultation/", {}, REMOTE_ADDR="10.1.1.1")
    client.post("/eligibility/", {}, REMOTE_ADDR="10.1.1.1")
    assert client.post("/consultation/", {}, REMOTE_ADDR="10.1.1.1").status_code == 429
    assert client.post("/consultation/", valid(), REMOTE_ADDR="10.1.1.2").status_code == 302


def test_behind_our_proxy_the_limit_counts_the_visitors_address(client, settings):
    settings.RATELIMIT_PUBLIC_POST = "1/h"
    settings.CLIENT_IP_HEADERS = ["HTTP_X_REAL_IP"]
    client.post("/eligibility/", {}, HTTP_X_REAL_IP="203.0.113.5")
    assert client.post("/eligibility/", {}, HTTP_X_REAL_IP="203.0.113.6").status_code == 302
    assert client.post("/eligibility/", {}, HTTP_X_REAL_IP="203.0.113.5").status_code == 429


def test_reading_pages_is_never_rate_limited(client, settings):
    settings.RATELIMIT_PUBLIC_POST = "1/h"
    for _ in range(5):
        assert client.get("/consultation/").status_code == 200


def test_an_oversized_body_gets_the_kind_400_page_and_nothing_is_stored(client):
    response = client.post("/consultation/", valid(message="x" * 300_000))
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert ConsultationRequest.objects.count() == 0


def test_too_many_fields_get_the_kind_400_page(client):
    client.post("/eligibility/")
    fields = {f"field{n}": "x" for n in range(500)}
    response = client.post("/eligibility/about-you/", fields)
    assert response.status_code == 400
    assert "about-you" not in Questionnaire.objects.get().answers


def test_with_redis_configured_the_limit_is_shared_by_every_app_server(client, settings, redis_url):
    """Two app servers share one Redis: a count made through one is seen by the other (run with Redis on 6379)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    settings.RATELIMIT_PUBLIC_POST = "1/h"
    cache.clear()
    client.post("/eligibility/", {}, REMOTE_ADDR="10.9.9.9")
    other_server = Client()
    assert other_server.post("/eligibility/", {}, REMOTE_ADDR="10.9.9.9").status_code == 429
    assert any(b":rl:" in key for key in redis.Redis.from_url(redis_url).keys("*"))  # the count lives in Redis
    cache.clear()
