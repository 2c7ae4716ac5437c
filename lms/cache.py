"""The production cache: Redis, degrading gracefully when Redis is away.

Pages, sessions (cached_db falls back to the database) and the main navigation go on without
a cache; allauth's rate limits fail closed instead — a login, code or reset request is
answered 429 while their counters cannot be read (docs/security.md, "Redis is down")."""

import logging

from allauth.core.exceptions import RateLimited
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RATE_LIMIT_PREFIX = "allauth:rl"


def _is_rate_limit(key) -> bool:
    return str(key).startswith(RATE_LIMIT_PREFIX)


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every operation, and with it the table of
    ~170 response callbacks: about a tenth of a millisecond each time, several times a request.
    The client keeps no state between commands (connections come from the pool), so one per
    pool is enough. A cache backend object belongs to one thread (django.core.cache.caches)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    """RedisCache whose reads miss and writes are dropped while Redis does not answer."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _failed(self, operation: str, key, error: Exception):
        logger.warning("cache %s of %r failed: %s", operation, key, error)
        if _is_rate_limit(key):
            raise RateLimited from error

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._failed("get", key, error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._failed("get_many", next(iter(keys), ""), error)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except RedisError as error:
            self._failed("set", key, error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._failed("set_many", next(iter(data), ""), error)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            self._failed("add", key, error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._failed("incr", key, error)
            raise ValueError(key) from error  # what a missing key does

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._failed("delete", key, error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            self._failed("delete_many", next(iter(keys), ""), error)
            return None

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            self._failed("touch", key, error)
            return False

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            self._failed("has_key", key, error)
            return False
