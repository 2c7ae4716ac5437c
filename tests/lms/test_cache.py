"""The production cache backend (lms/cache.py)."""

from lms.cache import DegradingRedisCache


def test_one_redis_client_serves_every_operation_of_a_cache():
    # Nothing connects until a command is sent: no Redis is needed here.
    backend = DegradingRedisCache("redis://127.0.0.1:1/0", {})
    client = backend._cache.get_client()
    assert backend._cache.get_client("key") is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool
