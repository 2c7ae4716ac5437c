"""Fixtures of the security suite: the world every test asks questions of, and clients."""

import pytest
from django.core.cache import cache
from django.test import Client

from .matrix import ROLES
from .world import world_build


@pytest.fixture
def world(home_page, settings, issuer):
    cache.clear()
    return world_build(home_page)


@pytest.fixture(scope="session")
def issuer_files(tmp_path_factory):
    from certificates.issuer import issuer_create

    directory = tmp_path_factory.mktemp("issuer")
    paths = {"p12": directory / "issuer.p12", "ed25519": directory / "ed25519.pem"}
    issuer_create(p12_path=paths["p12"], ed25519_path=paths["ed25519"], passphrase="thu-nghiem")
    return paths


@pytest.fixture
def issuer(issuer_files, settings):
    from certificates.issuer import issuer_keys

    settings.CERTIFICATE_ISSUER_P12 = str(issuer_files["p12"])
    settings.CERTIFICATE_ISSUER_ED25519_KEY = str(issuer_files["ed25519"])
    settings.CERTIFICATE_ISSUER_PASSPHRASE = "thu-nghiem"
    issuer_keys.cache_clear()
    yield issuer_files
    issuer_keys.cache_clear()


def client_for(world, role: str, **kwargs) -> Client:
    """A client logged in as `role` (no login for "anonymous")."""
    client = Client(**kwargs)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


@pytest.fixture
def clients(world):
    return {role: client_for(world, role) for role in ROLES}
