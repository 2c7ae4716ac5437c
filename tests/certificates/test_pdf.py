"""The PDF: every Vietnamese diacritic right (checked with poppler's pdftotext), a PAdES
signature that validates, and that stops validating when one byte changes."""

import shutil
import subprocess
from io import BytesIO

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates.pdf import certificate_pdf_render
from certificates.signing import issuer_certificate_pem, pdf_sign
from certificates.tasks import certificate_pdf_generate
from tests.factories import UserFactory, certificate_create

DECOMPOSED = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t"


@pytest.fixture
def signed_pdf(course, template):
    user = UserFactory(full_name=DECOMPOSED)
    certificate = certificate_create(user=user, course=course)
    return pdf_sign(certificate_pdf_render(certificate), reason="Chứng nhận")


def _text(pdf: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
        [shutil.which("pdftotext") or "pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def _status(pdf: bytes):
    _, _, der = pem.unarmor(issuer_certificate_pem())
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    reader = PdfFileReader(BytesIO(pdf))
    return validate_pdf_signature(reader.embedded_signatures[0], context)


def test_pdf_text_has_the_name_and_heading_exactly(signed_pdf):
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils"
    text = _text(signed_pdf)
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert "Chứng nhận" in text


def test_pdf_signature_is_valid_and_covers_the_whole_file(signed_pdf):
    status = _status(signed_pdf)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"


def test_changing_one_byte_invalidates_the_signature(signed_pdf):
    # A byte inside the page content, which the signature covers.
    position = signed_pdf.index(b"stream") + 20
    tampered = bytearray(signed_pdf)
    tampered[position] ^= 0x01
    status = _status(bytes(tampered))
    assert not (status.intact and status.valid)


def test_pdf_is_generated_once_and_cached(learner, course, template):
    certificate = certificate_create(user=learner, course=course)
    certificate_pdf_generate.enqueue(certificate.pk)
    certificate.refresh_from_db()
    name = certificate.pdf.name
    assert name.endswith(".pdf")
    certificate_pdf_generate.enqueue(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf.name == name
