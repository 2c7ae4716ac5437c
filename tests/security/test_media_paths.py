"""Issue 29, findings 2 and 3: no spelling of a /media/ URL serves a private file (a document,
the development SMS outbox with its login codes)."""

from urllib.parse import unquote

import pytest
from django.http import Http404
from django.test import RequestFactory

from lms import views

SECRET = b"private-document-body"
CODE = b"login code 123456"
# Every spelling the review tried, and more: ./, x/../, percent-encoded dots and slashes,
# doubled slashes, backslashes.
SPELLINGS = [
    "{f}",
    "./{f}",
    "x/../{f}",
    "%2E/{f}",
    "%2e/{f}",
    "x/%2E%2E/{f}",
    "x/%2e%2e/{f}",
    ".//{f}",
    "/{f}",
    "x%2F..%2F{f}",
    "x\\\\..\\\\{f}",
    "./././{f}",
    "documents/../{f}",
]


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "bien-ban.pdf").write_bytes(SECRET)
    (tmp_path / "sms-outbox.txt").write_bytes(CODE)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "anh.png").write_bytes(b"public-image")
    return tmp_path


def _get(spelling: str):
    """The media view as the URL resolver calls it: Django decodes %-escapes in the path first."""
    request = RequestFactory().get("/media/" + spelling)
    try:
        return views.media(request, unquote(spelling))
    except Http404:
        return None


@pytest.mark.parametrize("private", ["documents/bien-ban.pdf", "sms-outbox.txt"])
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_spelling_serves_a_private_media_file(media_root, private, spelling):
    response = _get(spelling.format(f=private))
    assert response is None or response.status_code != 200


def test_a_public_media_file_is_still_served(media_root):
    response = _get("images/anh.png")
    assert response is not None and response.status_code == 200
    assert b"".join(response.streaming_content) == b"public-image"
