"""The issuing organisation's keys: an X.509 certificate with its key in a PKCS#12 file (PDF
signatures) and an Ed25519 key (Open Badges VC-JWT). Paths and passphrase come from settings.

`issuer_create` makes a self-signed issuer for development and the demo; production points the
settings at a certificate from a real CA and never commits key material.
"""

import datetime
import functools
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

ISSUER_NAME = "Học kỹ năng số — Đồng Nai (tự ký)"


def issuer_exists() -> bool:
    return (
        Path(settings.CERTIFICATE_ISSUER_P12).is_file()
        and Path(settings.CERTIFICATE_ISSUER_ED25519_KEY).is_file()
    )


def issuer_create(*, p12_path: Path, ed25519_path: Path, passphrase: str, name: str = ISSUER_NAME):
    """Write a self-signed issuer certificate (PKCS#12) and an Ed25519 key (PEM, PKCS#8)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name=b"issuer",
        key=key,
        cert=cert,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
    ed_key = ed25519.Ed25519PrivateKey.generate()
    ed_pem = ed_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    for path, data in ((Path(p12_path), p12), (Path(ed25519_path), ed_pem)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        path.chmod(0o600)
    issuer_keys.cache_clear()


@functools.cache
def issuer_keys() -> tuple:
    """(signing key, X.509 certificate, Ed25519 private key) read from the configured files."""
    p12 = Path(settings.CERTIFICATE_ISSUER_P12).read_bytes()
    passphrase = settings.CERTIFICATE_ISSUER_PASSPHRASE.encode()
    key, cert, _ = pkcs12.load_key_and_certificates(p12, passphrase)
    ed_key = serialization.load_pem_private_key(
        Path(settings.CERTIFICATE_ISSUER_ED25519_KEY).read_bytes(), password=None
    )
    return key, cert, ed_key
