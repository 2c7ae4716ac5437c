"""The content generation: one random token, kept in the shared cache, that changes whenever
pages, sites or view restrictions change (lms.signals).

Everything derived from the page tree alone (the anonymous page cache, the site of a host name,
a course's outline, which pages are restricted) is kept under the current token, so a change
anywhere is seen by every worker at its next request. The token is random, not a counter, so a
cache that was emptied never brings an old token (and what was kept under it) back.

A request reads the token once (GenerationMiddleware); outside a request each call reads it.
"""

from contextvars import ContextVar
from uuid import uuid4

from django.core.cache import cache

KEY = "lms:generation"
_request_token: ContextVar[str | None] = ContextVar("lms_generation", default=None)


def current() -> str:
    token = _request_token.get()
    if token is None:
        token = _read()
    return token


def bump(**kwargs) -> None:
    """A new generation: nothing kept under the old token is read again."""
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
    changes. Small: a site, an outline per course, a set of paths."""

    def __init__(self, max_entries: int = 500):
        self._token = None
        self._values: dict = {}
        self.max_entries = max_entries

    def _current_values(self) -> dict:
        token = current()
        if token != self._token or len(self._values) >= self.max_entries:
            self._token, self._values = token, {}
        return self._values

    def get_or_compute(self, key, compute):
        values = self._current_values()
        if key not in values:
            values[key] = compute()
        return values[key]

    def peek(self, key):
        """The value kept for `key` in the current generation, or None."""
        return self._current_values().get(key)

    def keep(self, key, value, token: str) -> None:
        """Keep a value read while `token` was current, unless pages changed since."""
        if token == current():
            self._current_values()[key] = value

    def get_many_or_compute(self, keys, compute_missing) -> dict:
        """`compute_missing(missing_keys)` returns a dict with a value for each of them."""
        values = self._current_values()
        missing = [key for key in keys if key not in values]
        if missing:
            values.update(compute_missing(missing))
        return {key: values[key] for key in keys}


class GenerationMiddleware:
    """Reads the token once for the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _request_token.set(_read())
        try:
            return self.get_response(request)
        finally:
            _request_token.reset(reset)
