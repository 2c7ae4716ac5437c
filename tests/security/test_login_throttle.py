"""Twenty wrong passwords (or codes) against every login path, also with an X-Forwarded-For
that changes on every request: the right password does not get in afterwards."""

import itertools
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.factories import TEST_PASSWORD

from .conftest import client_for

LOGIN = "/tai-khoan/login/"
ATTEMPTS = 20
_ips = itertools.count(1)


def _forged_ip() -> str:
    n = next(_ips)
    return f"203.0.{n // 250}.{n % 250 + 1}"


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _hammer(client, login: str, *, forge: bool, proxy_appends: str | None = None) -> None:
    for _ in range(ATTEMPTS):
        headers = {}
        if forge:
            forged = _forged_ip()
            headers["HTTP_X_FORWARDED_FOR"] = (
                f"{forged}, {proxy_appends}" if proxy_appends else forged
            )
        response = client.post(LOGIN, {"login": login, "password": "sai-mat-khau"}, **headers)
        assert response.status_code in (200, 429)
        assert not _logged_in(client)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("forge", [False, True], ids=["same-ip", "forged-x-forwarded-for"])
def test_twenty_wrong_passwords_lock_the_account_out_of_password_login(world, forge):
    learner = world.users["learner_a"]
    client = Client()
    _hammer(client, learner.email, forge=forge)
    response = client.post(LOGIN, {"login": learner.email, "password": TEST_PASSWORD})
    assert not _logged_in(client)
    assert response.status_code in (200, 429)
    if response.status_code == 200:
        assert "quá nhiều lần" in response.content.decode()


def test_a_forged_x_forwarded_for_is_ignored_when_no_proxy_is_trusted(world, settings):
    """Default settings trust no proxy: the limit counts REMOTE_ADDR, whatever the header says."""
    from allauth.core.internal.httpkit import get_client_ip
    from django.test import RequestFactory

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.0.0.9")
    assert get_client_ip(request) == "10.0.0.9"


def test_behind_the_proxy_only_the_address_the_proxy_appended_counts(world, settings):
    """Production behind a TLS proxy trusts one hop: a forged first entry changes nothing."""
    from allauth.core.internal.httpkit import get_client_ip
    from django.test import RequestFactory

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", REMOTE_ADDR="10.0.0.1"
    )
    assert get_client_ip(request) == "198.51.100.7"
    learner = world.users["learner_a"]
    client = Client(REMOTE_ADDR="10.0.0.1")
    _hammer(client, learner.email, forge=True, proxy_appends="198.51.100.7")
    client.post(LOGIN, {"login": learner.email, "password": TEST_PASSWORD})
    assert not _logged_in(client)


def test_many_addresses_against_one_account_still_hit_the_per_account_limit(world):
    """A botnet: every attempt from a different real address. The key limit (5 per 5 minutes
    per login) holds."""
    learner = world.users["learner_a"]
    for _ in range(ATTEMPTS):
        Client(REMOTE_ADDR=_forged_ip()).post(
            LOGIN, {"login": learner.email, "password": "sai-mat-khau"}
        )
    client = Client(REMOTE_ADDR=_forged_ip())
    client.post(LOGIN, {"login": learner.email, "password": TEST_PASSWORD})
    assert not _logged_in(client)


def test_twenty_wrong_codes_do_not_log_in_by_code(world):
    learner = world.users["learner_a"]
    client = Client()
    response = client.post("/tai-khoan/login/code/", {"email": learner.email})
    assert response.status_code == 302, response.status_code
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    confirm = response["Location"]
    for n in range(ATTEMPTS):
        wrong = f"{(int(code) + n + 1) % 1_000_000:06d}"
        client.post(confirm, {"code": wrong})
        assert not _logged_in(client)
    client.post(confirm, {"code": code})
    assert not _logged_in(client), "the right code still worked after 20 wrong ones"


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_the_other_login_doors_only_redirect_to_allauth(world, path):
    learner = world.users["learner_a"]
    client = Client()
    for _ in range(3):
        response = client.post(path, {"username": learner.username, "password": TEST_PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/login/")
        assert not _logged_in(client)


def test_reauthentication_is_throttled_per_user(world):
    client = client_for(world, "learner_a")
    for _ in range(ATTEMPTS):
        client.post("/tai-khoan/reauthenticate/", {"password": "sai-mat-khau"})
    response = client.post("/tai-khoan/reauthenticate/", {"password": TEST_PASSWORD})
    assert response.status_code == 429


def test_production_behind_a_proxy_trusts_exactly_its_own_proxy(monkeypatch):
    """BEHIND_TLS_PROXY=1 sets ALLAUTH_TRUSTED_PROXY_COUNT; without it no header is trusted."""
    import importlib
    import sys

    env = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "hoc.example.org",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/lms",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CERTIFICATE_ISSUER_PASSPHRASE": "p",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for behind, expected in (("1", 1), ("0", None)):
        monkeypatch.setenv("BEHIND_TLS_PROXY", behind)
        sys.modules.pop("lms.settings.production", None)
        production = importlib.import_module("lms.settings.production")
        assert getattr(production, "ALLAUTH_TRUSTED_PROXY_COUNT", None) == expected
    sys.modules.pop("lms.settings.production", None)


def test_certificate_lookups_count_the_same_client_address_as_logins(world, settings):
    from django.test import RequestFactory

    from certificates.views import _client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", REMOTE_ADDR="10.0.0.1"
    )
    assert _client_ip(request) == "198.51.100.7"
