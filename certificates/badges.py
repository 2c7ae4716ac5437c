"""Open Badges 3.0: each certificate as an AchievementCredential, signed as a VC-JWT (EdDSA with
the issuer's Ed25519 key); the public key is published as a JWKS."""

import base64
import hashlib
import json

import jwt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.urls import reverse

from .issuer import issuer_keys
from .models import Certificate
from .selectors import certificate_view_for

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def issuer_jwk() -> dict:
    """The issuer's Ed25519 public key as a JWK, its id the RFC 7638 thumbprint."""
    _, _, ed_key = issuer_keys()
    raw = ed_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    thumbprint = hashlib.sha256(
        json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    ).digest()
    return {**members, "kid": _b64url(thumbprint), "alg": "EdDSA", "use": "sig"}


def issuer_jwks() -> dict:
    return {"keys": [issuer_jwk()]}


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
    return {
        "@context": CONTEXTS,
        "id": credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": view.heading,
        "issuer": {
            "id": _absolute(reverse("certificates_verify:form")),
            "type": ["Profile"],
            "name": view.organisation or settings.WAGTAILADMIN_BASE_URL,
        },
        "validFrom": certificate.issued_at.isoformat(timespec="seconds"),
        "credentialSubject": subject,
    }


def credential_jwt(certificate: Certificate) -> str:
    """The credential as a compact VC-JWT signed with the issuer's Ed25519 key."""
    credential = credential_for(certificate)
    _, _, ed_key = issuer_keys()
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(certificate.issued_at.timestamp()),
        "vc": credential,
    }
    return jwt.encode(
        claims, ed_key, algorithm="EdDSA", headers={"kid": issuer_jwk()["kid"], "typ": "JWT"}
    )
