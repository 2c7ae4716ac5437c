"""Every role against every URL: one GET per cell of matrix.EXPECTED, no surprise allowed."""

import json
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import resolve

from .cases import case_urls
from .conftest import client_for
from .matrix import (
    DELIBERATE_500,
    DOC_PATH,
    EXPECTED,
    ROLES,
    SHADOWED,
    doc_with_table,
    route_keys,
    url_routes,
)

RECORD = os.environ.get("SECURITY_MATRIX_RECORD")  # a path: write what each cell answers


def _status(client, url, session_cookie) -> str:
    cache.clear()  # rate limits and cached sessions from the previous cell
    if session_cookie is not None:  # a logout in the previous cell is rolled back, not its cookie
        client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
    try:
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)  # each cell sees the same world
    except Exception as error:  # noqa: BLE001 - an exception is a surprise, reported below
        return f"EXC:{type(error).__name__}"
    return str(response.status_code)


def test_every_url_pattern_is_in_the_table():
    keys = set(route_keys())
    missing = sorted(keys - set(EXPECTED) - set(SHADOWED))
    assert not missing, "URL patterns without a row in matrix.EXPECTED: " + ", ".join(missing)


def test_every_row_of_the_table_is_a_url_pattern_or_a_variant_of_one():
    keys = set(route_keys())
    stale = [key for key in EXPECTED if key.split(" [")[0] not in keys]
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def test_shadowed_patterns_are_never_reached(world):
    urls = case_urls(world)
    first = dict(zip(route_keys(), (pattern for _route, pattern in url_routes()), strict=True))
    for key in SHADOWED:
        match = resolve(urls[key].split("?")[0])
        assert match.func is first[key.split("#")[0]].callback, key
        assert match.func is not first[key].callback, key


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says_on_every_url(role, world, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True  # as in production; staff have an authenticator
    _authenticators(world)
    client = client_for(world, role, raise_request_exception=False)
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    session_cookie = session.value if session else None
    urls = case_urls(world)
    surprises, actual = [], {}
    for key, url in urls.items():
        if key in SHADOWED:
            continue
        got = _status(client, url, session_cookie)
        actual[key] = got
        want = EXPECTED.get(key)
        if want is None:
            continue  # reported by test_every_url_pattern_is_in_the_table
        expected = dict(zip(ROLES, want.split(), strict=True))[role]
        if got == "500" and key not in DELIBERATE_500:
            surprises.append(f"{url} ({key}): 500")
        elif got != expected:
            surprises.append(f"{url} ({key}): expected {expected}, got {got}")
    if RECORD:
        path = f"{RECORD}.{role}.json"
        with open(path, "w") as handle:
            json.dump(actual, handle, ensure_ascii=False, indent=0)
    assert not surprises, f"{role}: {len(surprises)} surprises\n" + "\n".join(surprises)


def _authenticators(world):
    from allauth.mfa.models import Authenticator

    for role in ("manager_a", "manager_b", "editor", "admin"):
        Authenticator.objects.get_or_create(
            user=world.users[role], type=Authenticator.Type.TOTP, defaults={"data": {}}
        )


def test_the_security_document_holds_the_current_table():
    text = DOC_PATH.read_text()
    assert text == doc_with_table(text), (
        "docs/security.md is out of date: run `python -m tests.security.matrix --write`"
    )
