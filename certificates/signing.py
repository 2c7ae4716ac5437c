"""PAdES signature of certificate PDFs with the issuer's PKCS#12 key (pyHanko)."""

from io import BytesIO
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers


def _signer() -> signers.SimpleSigner:
    return signers.SimpleSigner.load_pkcs12_data(
        Path(settings.CERTIFICATE_ISSUER_P12).read_bytes(),
        other_certs=[],
        passphrase=settings.CERTIFICATE_ISSUER_PASSPHRASE.encode(),
    )


def pdf_sign(pdf: bytes, *, reason: str, location: str = "Việt Nam") -> bytes:
    """`pdf` with an incremental PAdES B-B signature over every byte before it."""
    meta = signers.PdfSignatureMetadata(
        field_name="ChungNhan",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    out = signers.sign_pdf(writer, meta, signer=_signer())
    return out.getvalue()


def issuer_certificate_pem() -> bytes:
    """The issuer's X.509 certificate, for anyone who wants to trust the PDF signature."""
    _, cert, _ = pkcs12.load_key_and_certificates(
        Path(settings.CERTIFICATE_ISSUER_P12).read_bytes(),
        settings.CERTIFICATE_ISSUER_PASSPHRASE.encode(),
    )
    return cert.public_bytes(Encoding.PEM)
