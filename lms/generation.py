"""The content generation: one random token, kept in the shared cache, that changes whenever
pages, sites or view restrictions change (lms.signals).

Everything derived from the page tree alone (the anonymous page cache, the site of a host name,
a course's outline, which pages are restricted) is kept under the current token, so a change
anywhere is seen by every worker at its next request. The token is random, not a counter, so a
cache that was emptied never brings an old token (and what was kept under it) back.

A request reads the token once (GenerationMiddleware), in the same round trip as the session;
outside a request each call reads it.
"""

import threading
from contextvars import ContextVar
from uuid import uuid4

from django.conf import settings
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.core.cache import DEFAULT_CACHE_ALIAS, cache
from django.db import transaction

KEY = "lms:generation"
_MISSING = object()
_request_token: ContextVar[str | None] = ContextVar("lms_generation", default=None)


def current() -> str:
    token = _request_token.get()
    if token is None:
        token = _read()
    return token


def bump(**kwargs) -> None:
    """A new generation: nothing kept under the old token is read again. Once now, and once
    more when the change commits: a worker that read the old rows in between (the change was
    not visible to it yet) kept them under the first new token, never under the second."""
    _new_token()
    transaction.on_commit(_new_token)  # at once when no transaction is open


def _new_token() -> None:
    token = uuid4().hex
    cache.set(KEY, token, None)
    if _request_token.get() is not None:
        _request_token.set(token)


def _read() -> str:
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid4().hex, None)
        # Another worker may have added its own first: everyone uses the one kept.
        token = cache.get(KEY) or uuid4().hex
    return token


class Memo:
    """A per-process memo of values derived from the page tree, forgotten when the generation
    changes. Small: at most `max_entries` values, the oldest forgotten first."""

    def __init__(self, max_entries: int = 500):
        self._token = None
        self._values: dict = {}
        self.max_entries = max_entries
        self._lock = threading.Lock()  # a threaded server: two requests may store at once

    def _current_values(self) -> dict:
        token = current()
        if token != self._token:
            self._token, self._values = token, {}
        return self._values

    def _store(self, values: dict, key, value) -> None:
        with self._lock:
            values.pop(key, None)
            while len(values) >= self.max_entries:
                del values[next(iter(values))]  # insertion order: the oldest first
            values[key] = value

    def get_or_compute(self, key, compute):
        values = self._current_values()
        value = values.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self._store(values, key, value)
        return value

    def peek(self, key):
        """The value kept for `key` in the current generation, or None."""
        return self._current_values().get(key)

    def keep(self, key, value, token: str) -> None:
        """Keep a value read while `token` was current, unless pages changed since."""
        if token == current():
            self._store(self._current_values(), key, value)

    def get_many_or_compute(self, keys, compute_missing) -> dict:
        """`compute_missing(missing_keys)` returns a dict with a value for each of them."""
        values = self._current_values()
        found = {key: value for key in keys if (value := values.get(key, _MISSING)) is not _MISSING}
        missing = [key for key in keys if key not in found]
        if missing:
            computed = compute_missing(missing)
            for key in missing:
                found[key] = computed[key]
                self._store(values, key, computed[key])
        return {key: found[key] for key in keys}


class GenerationMiddleware:
    """Reads the token once for the whole request; with the session's data, when the request
    carries a session kept in the same cache (Redis in production): one round trip, not two.
    After SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _request_token.set(_read_with_session(getattr(request, "session", None)))
        try:
            return self.get_response(request)
        finally:
            _request_token.reset(reset)


def _read_with_session(session) -> str:
    if (
        not isinstance(session, CacheSessionStore | CachedDbSessionStore)
        or not session.session_key
        or settings.SESSION_CACHE_ALIAS != DEFAULT_CACHE_ALIAS
        or hasattr(session, "_session_cache")
    ):
        return _read()
    session_key = session.cache_key
    values = cache.get_many([KEY, session_key])
    if (data := values.get(session_key)) is not None:
        # What the session's own load() would return from the cache; on a miss it still
        # loads itself (from the database, for cached_db) when first used.
        session._session_cache = data
    return values.get(KEY) or _read()
