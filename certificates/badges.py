"""Open Badges 3.0: each certificate as an AchievementCredential, signed as a VC-JWT (EdDSA with
the issuer's Ed25519 key). The issuer is a `did:web` under /xac-minh/ whose DID document (and a
plain JWKS) publishes the public key; revocation is a W3C Bitstring Status List (status.py),
signed with the same key. The JWT payload is the credential itself (OB 3.0 §8.2, no `vc` claim).
"""

import base64
import hashlib
import json
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .issuer import issuer_keys
from .models import Certificate
from .selectors import certificate_view_for
from .status import iso_utc, status_entry, status_list_credential

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def issuer_did() -> str:
    """`did:web:<host>:xac-minh`: resolves to /xac-minh/did.json on the site's host."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc.replace(":", "%3A")
    path = [part for part in reverse("certificates_verify:form").split("/") if part]
    return ":".join(["did:web", host, *path])


def issuer_jwk() -> dict:
    """The issuer's Ed25519 public key as a JWK; its id is the DID URL of the RFC 7638
    thumbprint, the `kid` of every token."""
    _, _, ed_key = issuer_keys()
    raw = ed_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    thumbprint = hashlib.sha256(
        json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    ).digest()
    return {**members, "kid": f"{issuer_did()}#{_b64url(thumbprint)}", "alg": "EdDSA", "use": "sig"}


def issuer_jwks() -> dict:
    return {"keys": [issuer_jwk()]}


def issuer_did_document() -> dict:
    did = issuer_did()
    jwk = issuer_jwk()
    public = {name: jwk[name] for name in ("kty", "crv", "x")}
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "verificationMethod": [
            {"id": jwk["kid"], "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": public}
        ],
        "assertionMethod": [jwk["kid"]],
    }


def status_list_url(number: int) -> str:
    return _absolute(reverse("certificates_verify:status_list", kwargs={"number": number}))


def credential_status_for(certificate: Certificate) -> dict | None:
    if certificate.status_index is None:
        return None
    return status_entry(
        list_url=status_list_url(certificate.status_list), index=certificate.status_index
    )


def credential_for(certificate: Certificate) -> dict:
    """The AchievementCredential of a certificate (unsigned JSON)."""
    view = certificate_view_for(certificate)
    credential_url = _absolute(
        reverse("certificates_verify:openbadge", kwargs={"code": certificate.code})
    )
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": view.holder_name,
            }
        ],
        "achievement": {
            "id": _absolute(certificate.course.url or "/") + "#chung-chi",
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": view.course_title,
            "description": view.body,
            "criteria": {"narrative": view.heading},
        },
    }
    if certificate.score is not None:
        subject["result"] = [{"type": ["Result"], "value": f"{certificate.score:.0f}%"}]
    credential = {
        "@context": CONTEXTS,
        "id": credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": view.heading,
        "issuer": {
            "id": issuer_did(),
            "type": ["Profile"],
            "name": view.organisation or settings.WAGTAILADMIN_BASE_URL,
            "url": _absolute(reverse("certificates_verify:form")),
        },
        "validFrom": iso_utc(certificate.issued_at),
        "credentialSubject": subject,
        "credentialSchema": [CREDENTIAL_SCHEMA],
    }
    status = credential_status_for(certificate)
    if status is not None:
        credential["credentialStatus"] = status
    return credential


def _sign(claims: dict) -> str:
    _, _, ed_key = issuer_keys()
    return jwt.encode(
        claims, ed_key, algorithm="EdDSA", headers={"kid": issuer_jwk()["kid"], "typ": "JWT"}
    )


def credential_jwt(certificate: Certificate) -> str:
    """The credential as a compact VC-JWT: its members are the payload, with `iss`, `jti` and
    `nbf` (OB 3.0 §8.2.6.1)."""
    credential = credential_for(certificate)
    return _sign(
        {
            **credential,
            "iss": credential["issuer"]["id"],
            "jti": credential["id"],
            "nbf": int(certificate.issued_at.timestamp()),
        }
    )


def status_list_jwt(number: int) -> str:
    """Status list `number` as a signed BitstringStatusListCredential (VC-JWT)."""
    now = timezone.now().replace(microsecond=0)
    credential = status_list_credential(
        number=number, url=status_list_url(number), issuer=issuer_did(), now=now
    )
    return _sign(
        {
            **credential,
            "iss": credential["issuer"],
            "jti": credential["id"],
            "nbf": int(now.timestamp()),
        }
    )
