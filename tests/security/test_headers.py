"""Clickjacking and the security headers on every kind of response: a page, an admin page,
a file download, the 404 and 500 error pages, a JSON credential, a report export."""

from django.test import Client

from .conftest import client_for


def _responses(world):
    o = world.objects
    anonymous = Client(raise_request_exception=False)
    learner = client_for(world, "learner_a", raise_request_exception=False)
    admin = client_for(world, "admin", raise_request_exception=False)
    manager = client_for(world, "manager_a", raise_request_exception=False)
    code = o["certificate"].code
    public = o["public_document"]
    return {
        "page": anonymous.get("/"),
        "lesson page": learner.get(o["lesson"].url),
        "admin page": admin.get("/admin/"),
        "document download": anonymous.get(f"/tai-lieu/{public.pk}/{public.filename}"),
        "certificate pdf": learner.get(f"/chung-chi/{code}/pdf/"),
        "report export": manager.get("/admin/bao-cao/hoan-thanh/?export=csv"),
        "json credential": anonymous.get(f"/xac-minh/{code}/openbadge.json"),
        "error 404": anonymous.get("/khong-co-trang-nay/"),
        "error 500": admin.get("/admin/failwhale/"),
        "csrf failure": Client(enforce_csrf_checks=True).post("/tai-khoan/login/"),
    }


def test_every_response_type_carries_the_security_headers(world):
    missing = []
    for kind, response in _responses(world).items():
        headers = response.headers
        checks = {
            "X-Frame-Options": headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN"),
            "X-Content-Type-Options": headers.get("X-Content-Type-Options") == "nosniff",
            "Referrer-Policy": headers.get("Referrer-Policy") == "same-origin",
            "Cross-Origin-Opener-Policy": headers.get("Cross-Origin-Opener-Policy")
            == "same-origin",
            "Content-Security-Policy": bool(headers.get("Content-Security-Policy")),
        }
        missing += [
            f"{kind} ({response.status_code}): {name}" for name, ok in checks.items() if not ok
        ]
    assert not missing, "\n".join(missing)


def test_error_pages_have_the_expected_status(world):
    responses = _responses(world)
    assert responses["error 404"].status_code == 404
    assert responses["error 500"].status_code == 500
    assert responses["csrf failure"].status_code == 403


def test_site_pages_may_only_be_framed_by_the_site_itself(world):
    for kind, response in _responses(world).items():
        csp = response.headers["Content-Security-Policy"]
        if kind == "document download":
            # Wagtail's own policy for documents: nothing in the file may run or load.
            assert csp == "default-src 'none'"
            continue
        assert "frame-ancestors 'self'" in csp or "frame-ancestors 'none'" in csp, kind
        if not response.request["PATH_INFO"].startswith("/admin/"):  # the admin needs inline
            assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0], kind


def test_downloads_are_attachments(world):
    responses = _responses(world)
    assert responses["certificate pdf"]["Content-Disposition"].startswith("attachment")
    assert responses["report export"]["Content-Disposition"].startswith("attachment")


def test_production_forbids_framing_altogether():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "lms" / "settings" / "production.py").read_text()
    assert 'X_FRAME_OPTIONS = "DENY"' in text
    assert """["frame-ancestors"] = ["'none'"]""" in text
