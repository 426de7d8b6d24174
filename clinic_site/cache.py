"""The shared cache in Redis, which the site can do without.

When Redis does not answer, reads miss, writes are dropped and a counter cannot be read, so pages still serve
(from the database) and rate limits let posts through (settings.RATELIMIT_FAIL_OPEN). The outage is logged once
per retry window, and Redis is not asked again until the window has passed, so a dead server costs each request
nothing.

django-redis's backend does the work; this class only wraps its public methods, so it does not depend on how that
backend is built inside. (Django's own Redis backend builds a new client, with its table of some 300 reply handlers,
for every operation: about 740 Python calls for a read, against about 200 with django-redis, which keeps one client
per server.)
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_MISSING = object()
# A Redis that hangs costs a request half a second at most, once per retry window.
TIMEOUT_SECONDS = 0.5


def redis_cache(location: str) -> dict:
    """The CACHES entry for a Redis at `location`."""
    return {
        "BACKEND": "clinic_site.cache.FailSoftRedisCache",
        "LOCATION": location,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": TIMEOUT_SECONDS, "SOCKET_TIMEOUT": TIMEOUT_SECONDS},
    }


class FailSoftRedisCache(BaseCache):
    """Django's Redis cache, except that Redis being down is a cache miss (logged), not an error page."""

    def __init__(self, server, params):
        super().__init__(params)
        self.redis = RedisCache(server, params)
        self._down_until = 0.0

    def _ask(self, fallback, operation, *args):
        """The operation's result, or `fallback` while Redis is unreachable."""
        now = time.monotonic()
        if now < self._down_until:
            return fallback
        try:
            result = operation(*args)
        except _UNREACHABLE as error:
            self._down_until = now + RETRY_AFTER_SECONDS
            logger.warning(
                "Redis cache unavailable (%s): serving without it, rate limits not enforced; retrying in %.0f s.",
                type(error).__name__,
                RETRY_AFTER_SECONDS,
            )
            return fallback
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis cache available again.")
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask(False, self.redis.add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._ask(default, self.redis.get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._ask(None, self.redis.set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask(False, self.redis.touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._ask(False, self.redis.delete, key, version)

    def get_many(self, keys, version=None):
        return self._ask({}, self.redis.get_many, keys, version)

    def has_key(self, key, version=None):
        return self._ask(False, self.redis.has_key, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._ask(_MISSING, self.redis.incr, key, delta, version)
        if result is _MISSING:
            raise ValueError("The cache is unavailable.")  # what a missing key raises: the rate limit fails open
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._ask(None, self.redis.set_many, data, timeout, version)
        return []

    def delete_many(self, keys, version=None):
        self._ask(None, self.redis.delete_many, keys, version)

    def clear(self):
        return self._ask(False, self.redis.clear)

    def close(self, **kwargs):
        """Django calls this after every request. The connections stay in their pool for the next one, as with Django's
        own backend and django-redis's default (which looks up its CLOSE_CONNECTION setting on each call to decide so);
        a stored page answered from a worker's memory then makes no call into the cache at all."""
