"""Hostile uploads: an SVG with a script, HTML renamed .pdf, a 200-megapixel PNG, a
decompression bomb, a 1 GB body. Rejected, or served inertly; never a 500, never executed."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .conftest import client_for

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<html><body><script>alert(1)</script></body></html>"


def _png(width: int, height: int) -> bytes:
    """A large but tiny-on-disk PNG: one bit per pixel, all white."""
    buffer = io.BytesIO()
    PILImage.new("1", (width, height), 1).save(buffer, format="PNG")
    return buffer.getvalue()


def _root() -> int:
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


def _upload_image(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Ảnh thử",
            "collection": _root(),
            "file": SimpleUploadedFile(name, content, content_type),
        },
    )


def _upload_document(client, title, name, content, content_type):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "collection": _root(),
            "file": SimpleUploadedFile(name, content, content_type),
        },
    )


def _refused_on_the_file_field(response) -> bool:
    return response.status_code == 200 and "file" in response.context["form"].errors


@pytest.fixture
def admin(world):
    return client_for(world, "admin", raise_request_exception=False)


def test_limits_are_set_in_settings():
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 40_000_000
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "xml"} & set(django_settings.WAGTAILDOCS_EXTENSIONS)
    assert django_settings.MAX_REQUEST_BODY_SIZE <= 25 * 1024 * 1024
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_an_svg_with_a_script_is_refused_as_an_image(world, admin):
    count = get_image_model().objects.count()
    response = _upload_image(admin, "logo.svg", SVG, "image/svg+xml")
    assert _refused_on_the_file_field(response)  # the form again, with its error
    assert get_image_model().objects.count() == count


def test_an_svg_is_refused_as_a_document(world, admin):
    count = get_document_model().objects.count()
    response = _upload_document(admin, "SVG", "a.svg", SVG, "image/svg+xml")
    assert _refused_on_the_file_field(response)
    assert get_document_model().objects.count() == count


def test_html_renamed_pdf_is_served_as_an_inert_pdf(world, admin):
    response = _upload_document(admin, "Giả PDF", "gia.pdf", HTML, "application/pdf")
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Giả PDF")
    served = client_for(world, "anonymous").get(f"/tai-lieu/{document.pk}/{document.filename}")
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML
    assert served["Content-Security-Policy"] == "default-src 'none'"  # nothing in it may run


def test_a_60_megapixel_png_is_refused_by_the_pixel_limit(world, admin):
    count = get_image_model().objects.count()
    response = _upload_image(admin, "lon.png", _png(10_000, 6_000))
    assert _refused_on_the_file_field(response)
    assert get_image_model().objects.count() == count


def test_a_200_megapixel_decompression_bomb_is_refused_without_a_500(world, admin):
    """Beyond Pillow's own bomb limit (2 × 89 megapixels) opening raises; still a form error."""
    count = get_image_model().objects.count()
    response = _upload_image(admin, "bom.png", _png(20_000, 10_000))
    assert _refused_on_the_file_field(response)
    assert get_image_model().objects.count() == count


@pytest.mark.parametrize(
    "path",
    ["/admin/images/add/", "/admin/documents/add/", "/tai-khoan/login/", "/kiem-tra/1/bat-dau/"],
)
def test_a_1_gb_body_is_refused_before_it_is_read(world, admin, path):
    """Content-Length says 1 GB; the body is never read (no 1 GB is allocated here)."""
    response = admin.generic(
        "POST",
        path,
        data=b"x" * 1024,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(1024**3),
    )
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()


def test_media_files_never_serve_documents_by_their_path(world):
    """Where Django serves /media/ (SERVE_MEDIA), a private document's file path is a 404:
    documents go through /tai-lieu/, which checks the collection's privacy."""
    from django.http import Http404

    from lms.views import media

    private = world.objects["private_document"]
    with pytest.raises(Http404):
        media(RequestFactory().get("/"), private.file.name)
    with pytest.raises(Http404):
        media(RequestFactory().get("/"), "/" + private.file.name)


def test_a_private_document_needs_a_login(world):
    private = world.objects["private_document"]
    url = f"/tai-lieu/{private.pk}/{private.filename}"
    response = client_for(world, "anonymous").get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(world, "learner_b").get(url).status_code == 200
