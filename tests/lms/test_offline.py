"""The installable web app: the service worker's headers and hashed asset list, the manifest,
the offline page, and forgetting old idempotency records."""

import datetime
import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lms import views
from lms.idempotency import idempotent_requests_purge
from lms.models import IdempotentRequest

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_from_the_root_and_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    text = response.content.decode()
    assert 'importScripts("/static/js/offline.js")' in text
    assert '"/ngoai-tuyen/"' in text


def test_the_service_worker_names_this_deploys_hashed_files_and_changes_with_them(
    client, monkeypatch
):
    before = client.get("/sw.js").content.decode()
    # ManifestStaticFilesStorage's URLs, as in production.
    monkeypatch.setattr(views, "static", lambda path: f"/static/{path}.0a1b2c3d")
    after = client.get("/sw.js").content.decode()
    assert "/static/css/site.css.0a1b2c3d" in after
    assert 'importScripts("/static/js/offline.js.0a1b2c3d")' in after
    version = [line for line in after.splitlines() if line.startswith("var VERSION")]
    assert version and version[0] not in before  # new files, new cache


def test_every_file_the_service_worker_precaches_exists():
    for path in views.OFFLINE_STATIC:
        assert finders.find(path), path


def test_the_manifest_is_valid_json_with_vietnamese_names_and_real_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Học kỹ năng số"
    assert manifest["short_name"] == "Kỹ năng số"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5394"
    sizes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert icon["sizes"] == f"{image.width}x{image.height}"
        sizes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_page_links_the_manifest_and_the_offline_queue(client, home_page):
    html = client.get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    assert 'src="/static/js/offline.js"' in html
    assert 'id="offline-status"' in html and 'aria-live="polite"' in html


def test_the_offline_page_is_vietnamese_and_carries_nothing_personal(client, learner):
    client.force_login(learner)
    response = client.get(reverse("offline"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bạn đang ngoại tuyến" in html
    assert learner.full_name not in html
    assert "csrfmiddlewaretoken" not in html


def test_old_idempotency_records_are_forgotten(learner):
    import uuid

    old = IdempotentRequest.objects.create(
        user=learner, key=uuid.uuid4(), path="/", status=200, content_type="", body="{}"
    )
    IdempotentRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    IdempotentRequest.objects.create(
        user=learner, key=uuid.uuid4(), path="/", status=200, content_type="", body="{}"
    )
    assert idempotent_requests_purge() == 1
    assert IdempotentRequest.objects.count() == 1


def test_the_nightly_command_purges_by_age(learner):
    import io
    import uuid

    from django.core.management import call_command

    IdempotentRequest.objects.create(
        user=learner, key=uuid.uuid4(), path="/", status=200, content_type="", body="{}"
    )
    out = io.StringIO()
    call_command("purge_idempotency_keys", "--days", "0", stdout=out)
    assert "Đã xóa 1" in out.getvalue()
    assert not IdempotentRequest.objects.exists()
