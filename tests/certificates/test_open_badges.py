"""Open Badges 3.0 checked by an independent verifier (openbadgeslib, a test-only dependency):
the issuer's key found through `did:web`, the signature, and revocation through the signed
Bitstring Status List. openbadgeslib fetches URLs; here it fetches from the test client."""

from urllib.parse import urlsplit

import jwt
import pytest
from django.db import IntegrityError
from django.urls import reverse
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier, decode_encoded_list, set_indices

from certificates import services
from certificates.badges import issuer_did
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from certificates.status import LIST_SIZE
from tests.factories import UserFactory, certificate_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def fetch(client):
    """openbadgeslib's downloader, answered by this site (no network): https or http."""
    fetched = []

    def download(url: str) -> bytes:
        parts = urlsplit(url)
        assert parts.netloc == "testserver", url
        fetched.append(parts.path)
        response = client.get(parts.path)
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    download.fetched = fetched
    return download


@pytest.fixture
def certificate(learner, course, template):
    return certificate_create(user=learner, course=course)


def _token(client, certificate) -> str:
    url = reverse("certificates_verify:openbadge", args=[certificate.code])
    return client.get(url, {"dang": "jwt"}).content.decode()


def _verifier(fetch) -> OB3Verifier:
    return OB3Verifier.for_issuer_did(issuer_did(), download=fetch)


def test_issuer_is_a_did_web_resolving_to_the_verification_pages():
    assert issuer_did() == "did:web:testserver:xac-minh"


def test_a_fresh_credential_verifies_with_its_status_checked(client, certificate, fetch):
    token = _token(client, certificate)
    credential = _verifier(fetch).verify(token, check_status=True, download=fetch)
    assert credential.issuer.id == issuer_did()
    assert credential.achievement.name == "Chữ ký số chuyên dùng"
    assert "/xac-minh/did.json" in fetch.fetched
    list_path = reverse("certificates_verify:status_list", args=[certificate.status_list])
    assert list_path in fetch.fetched


def test_a_tampered_payload_fails(client, certificate, fetch):
    header, _, signature = _token(client, certificate).split(".")
    claims = jwt.decode(_token(client, certificate), options={"verify_signature": False})
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Trần Văn Giả"
    payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    with pytest.raises(OB3VerificationError, match="signature"):
        _verifier(fetch).verify(f"{header}.{payload}.{signature}")


def test_a_tampered_signature_fails(client, certificate, fetch):
    header, payload, signature = _token(client, certificate).split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    with pytest.raises(OB3VerificationError):
        _verifier(fetch).verify(f"{header}.{payload}.{flipped}")


def test_a_token_signed_by_another_key_fails(client, certificate, fetch):
    from cryptography.hazmat.primitives.asymmetric import ed25519

    claims = jwt.decode(_token(client, certificate), options={"verify_signature": False})
    forged = jwt.encode(
        claims,
        ed25519.Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers={"kid": jwt.get_unverified_header(_token(client, certificate))["kid"]},
    )
    with pytest.raises(OB3VerificationError, match="signature"):
        _verifier(fetch).verify(forged)


def test_after_revocation_the_verifier_reports_it_through_the_status_list(
    client, certificate, course, fetch
):
    held = _token(client, certificate)  # the copy the holder kept in their wallet
    neighbour = certificate_create(user=UserFactory(), course=course)
    certificate_revoke(certificate=certificate, reason="Thi hộ", by=UserFactory())

    verifier = _verifier(fetch)
    verifier.verify(held)  # the signature itself is still the issuer's
    with pytest.raises(OB3VerificationError, match="revocation"):
        verifier.verify(held, check_status=True, download=fetch)
    # Only its own bit flipped: another certificate in the same list is still valid.
    verifier.verify(_token(client, neighbour), check_status=True, download=fetch)


def test_the_status_list_is_signed_and_sets_exactly_the_revoked_bits(
    client, certificate, course, fetch
):
    other = certificate_create(user=UserFactory(), course=course)
    certificate_revoke(certificate=certificate, reason="Cấp nhầm", by=UserFactory())
    response = client.get(
        reverse("certificates_verify:status_list", args=[certificate.status_list])
    )
    assert response["Content-Type"] == "application/vc+jwt"
    # The list verifies with the issuer's key, like the credentials.
    claims = jwt.decode(
        response.content.decode(),
        jwt.PyJWK(client.get(reverse("certificates_verify:jwks")).json()["keys"][0]).key,
        algorithms=["EdDSA"],
    )
    assert claims["issuer"] == issuer_did()
    assert claims["credentialSubject"]["statusPurpose"] == "revocation"
    bits = decode_encoded_list(claims["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == LIST_SIZE
    assert set_indices(bits) == {certificate.status_index}
    assert other.status_index not in set_indices(bits)


def test_an_unknown_status_list_is_404(client, certificate):
    url = reverse("certificates_verify:status_list", args=[certificate.status_list + 1])
    assert client.get(url).status_code == 404


def test_every_certificate_gets_its_own_status_bit_once(course, template):
    certificates = [certificate_create(user=UserFactory(), course=course) for _ in range(20)]
    slots = {(c.status_list, c.status_index) for c in certificates}
    assert len(slots) == 20
    assert all(0 <= index < LIST_SIZE for _, index in slots)
    first = certificates[0]
    again, created = certificate_issue(user=first.user, course=course)
    assert not created and (again.status_list, again.status_index) == (
        first.status_list,
        first.status_index,
    )


def test_a_taken_status_bit_is_drawn_again(learner, course, template, monkeypatch):
    taken = certificate_create(user=UserFactory(), course=course)
    draws = iter([(taken.status_list, taken.status_index), (taken.status_list, 7)])
    monkeypatch.setattr(services, "status_slot_draw", lambda: next(draws))
    certificate, created = certificate_issue(user=learner, course=course)
    assert created and (certificate.status_list, certificate.status_index) == (
        taken.status_list,
        7,
    )
    assert Certificate.objects.count() == 2


def test_issuing_gives_up_rather_than_loop_when_no_bit_is_free(
    learner, course, template, monkeypatch
):
    taken = certificate_create(user=UserFactory(), course=course)
    monkeypatch.setattr(
        services, "status_slot_draw", lambda: (taken.status_list, taken.status_index)
    )
    with pytest.raises(IntegrityError):
        certificate_issue(user=learner, course=course)
    assert not Certificate.objects.filter(user=learner).exists()


def test_a_revoked_credential_url_is_gone_and_points_at_its_status(client, certificate):
    certificate_revoke(certificate=certificate, reason="Thi hộ", by=UserFactory())
    for params in ({}, {"dang": "jwt"}):
        response = client.get(
            reverse("certificates_verify:openbadge", args=[certificate.code]), params
        )
        assert response.status_code == 410
        body = response.json()
        assert body["revoked"] is True and body["reason"] == "Thi hộ"
        assert body["credentialStatus"]["statusListIndex"] == str(certificate.status_index)


def test_the_did_document_publishes_the_key_that_signs(client, certificate):
    document = client.get(reverse("certificates_verify:did")).json()
    header = jwt.get_unverified_header(_token(client, certificate))
    assert document["id"] == issuer_did()
    assert header["kid"] in document["assertionMethod"]


def test_the_plain_json_credential_has_the_shape_openbadgeslib_expects(client, certificate):
    from openbadgeslib.ob3 import OpenBadgeCredential

    url = reverse("certificates_verify:openbadge", args=[certificate.code])
    document = client.get(url).json()
    credential = OpenBadgeCredential.from_vc_document(document)
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential.issuer.id == issuer_did()
    assert credential.credential_status[0]["statusListIndex"] == str(certificate.status_index)
    assert credential.issuance_date is not None
