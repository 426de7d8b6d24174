"""The shared cache in Redis, which the site can do without.

When Redis does not answer, reads miss, writes are dropped and a counter cannot be read, so pages still serve
(from the database) and rate limits let posts through (settings.RATELIMIT_FAIL_OPEN). The outage is logged once
per retry window, and Redis is not asked again until the window has passed, so a dead server costs each request
nothing.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class _Missing(Exception):
    """Raised inside the client when Redis is unreachable; each caller turns it into its own 'nothing there'."""


class FailSoftRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._down_until = 0.0
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """One redis-py client per connection pool, made once. Django makes one per operation, and redis-py fills
        a new client's table of reply parsers each time: a fifth of a millisecond, more than the Redis call."""
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]

    def _call(self, operation, *args):
        now = time.monotonic()
        if now < self._down_until:
            raise _Missing
        try:
            result = operation(*args)
        except _UNREACHABLE as error:
            self._down_until = now + RETRY_AFTER_SECONDS
            logger.warning(
                "Redis cache unavailable (%s): serving without it, rate limits not enforced; retrying in %.0f s.",
                type(error).__name__,
                RETRY_AFTER_SECONDS,
            )
            raise _Missing from error
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis cache available again.")
        return result

    def _or(self, fallback, operation, *args):
        try:
            return self._call(operation, *args)
        except _Missing:
            return fallback

    def add(self, key, value, timeout):
        return self._or(False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._or(default, super().get, key, default)

    def set(self, key, value, timeout):
        self._or(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._or(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or(False, super().delete, key)

    def get_many(self, keys):
        return self._or({}, super().get_many, keys)

    def has_key(self, key):
        return self._or(False, super().has_key, key)

    def incr(self, key, delta):
        try:
            return self._call(super().incr, key, delta)
        except _Missing:
            raise ValueError("The cache is unavailable.") from None  # what a missing key raises

    def set_many(self, data, timeout):
        self._or(None, super().set_many, data, timeout)

    def delete_many(self, keys):
        self._or(None, super().delete_many, keys)

    def clear(self):
        return self._or(False, super().clear)


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, except that Redis being down is a cache miss (logged), not an error page."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient
