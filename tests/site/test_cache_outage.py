"""With Redis down the site keeps serving: the cache misses, rate limits are not enforced, and both are logged."""

import logging
import socket
import threading
import time
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from clinic_site import cache as fail_soft
from eligibility.models import ConsultationRequest
from tests.factories import valid

pytestmark = pytest.mark.django_db


def redis_at(settings, location):
    settings.CACHES = {"default": fail_soft.redis_cache(location)}


@pytest.fixture
def local_redis(settings, redis_url):
    """The cache in the local Redis (a database of this test process's own), emptied before and after."""
    redis_at(settings, redis_url)
    cache.clear()
    yield
    cache.clear()


def test_with_redis_stopped_pages_serve_and_requests_are_saved_without_rate_limits(client, settings, caplog):
    redis_at(settings, "redis://127.0.0.1:1/0")  # nothing listens on port 1
    settings.RATELIMIT_PUBLIC_POST = "1/h"
    for url in ["/", "/learn/", "/learn/course-of-treatment/", "/consultation/"]:
        assert client.get(url).status_code == 200
    responses = [client.post("/consultation/", valid()) for _ in range(3)]
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert ConsultationRequest.objects.count() == 3
    assert "Redis cache unavailable (ConnectionError): serving without it, rate limits not enforced" in caplog.text


def test_redis_is_asked_again_after_the_retry_window_and_its_return_is_logged(local_redis, caplog):
    cache.set("clinic-test", "kept")
    clock = mock.patch.object(fail_soft.time, "monotonic", return_value=1000.0)
    real_get = redis.Redis.get
    with clock as now, mock.patch.object(redis.Redis, "get", autospec=True) as redis_get:
        redis_get.side_effect = RedisConnectionError("Connection refused")
        caplog.set_level(logging.WARNING, logger="clinic_site.cache")
        assert cache.get("clinic-test", "missed") == "missed"
        assert cache.get("clinic-test", "missed") == "missed"
        assert redis_get.call_count == 1  # not asked again within the window: a dead server costs nothing
        redis_get.side_effect = real_get
        now.return_value += fail_soft.RETRY_AFTER_SECONDS + 1
        assert cache.get("clinic-test") == "kept"
    assert caplog.text.count("Redis cache unavailable") == 1
    assert "Redis cache available again" in caplog.text


def test_with_redis_running_the_cache_and_the_rate_limit_counts_work(local_redis, client, settings):
    settings.RATELIMIT_PUBLIC_POST = "1/h"
    assert cache.add("clinic-test-counter", 1)
    assert cache.incr("clinic-test-counter") == 2
    assert client.post("/consultation/", valid(), REMOTE_ADDR="10.9.9.8").status_code == 302
    assert client.post("/consultation/", valid(), REMOTE_ADDR="10.9.9.8").status_code == 429


@pytest.fixture
def silent_redis():
    """An address that accepts connections and never answers, as a Redis that hangs does; closed after 3 seconds."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Timer(3.0, server.close)
    stop.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.cancel()
    server.close()


def test_a_redis_that_hangs_costs_a_page_half_a_second_once_per_retry_window(silent_redis, settings, client, caplog):
    redis_at(settings, silent_redis)
    started = time.monotonic()
    assert cache.get("clinic-test", "missed") == "missed"
    # Half a second and a margin for a loaded machine; without the timeout the read waits for the server to close (3 s).
    assert time.monotonic() - started < fail_soft.TIMEOUT_SECONDS + 1.0
    with mock.patch.object(redis.Redis, "execute_command") as asked:
        assert client.get("/learn/").status_code == 200
    asked.assert_not_called()  # within the retry window Redis is not asked
    assert "Redis cache unavailable (TimeoutError)" in caplog.text
