"""The certificate as a PDF: the same template as the HTML page, laid out by WeasyPrint with the
bundled Noto Sans, then signed (signing.py)."""

import mimetypes
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from people.qr import qr_svg

from .models import Certificate
from .selectors import certificate_view_for

BASE_URL = "https://certificate.invalid/"


def _local_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Only our own static and media files: a PDF render never touches the network."""

        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if path.startswith("/static/"):
                found = finders.find(path.removeprefix("/static/"))
                if not found:
                    raise ValueError(f"missing static file {path}")
                with open(found, "rb") as handle:
                    data = handle.read()
            elif path.startswith("/media/"):
                with default_storage.open(path.removeprefix("/media/")) as handle:
                    data = handle.read()
            else:
                raise ValueError(f"refused to fetch {url}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, headers={"Content-Type": content_type})

    return LocalFetcher(fail_on_errors=False)


def certificate_pdf_render(certificate: Certificate) -> bytes:
    """The unsigned PDF of `certificate` (A4 landscape)."""
    from weasyprint import HTML

    cert = certificate_view_for(certificate)
    with translation.override("vi"):
        html = render_to_string(
            "certificates/certificate_pdf.html",
            {"cert": cert, "qr": qr_svg(cert.verify_url, css_class="cert-qr-svg")},
        )
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_local_fetcher()).write_pdf()
