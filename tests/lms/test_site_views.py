"""Health check, display preferences, and error pages in Vietnamese."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_health_check_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_health_check_says_503_when_the_database_fails(client, monkeypatch):
    from lms import views

    def broken_cursor():
        raise OSError("database is gone")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_large_text_switch_persists_in_a_cookie(client, home_page):
    response = client.post("/giao-dien/co-chu/", {"next": "/"})
    assert response.status_code == 302
    assert response.cookies["text_size"].value == "large"
    assert 'class="text-large"' in client.get("/").content.decode()
    client.post("/giao-dien/co-chu/", {"next": "/"})
    assert 'class="text-large"' not in client.get("/").content.decode()


def test_large_text_switch_refuses_get(client):
    assert client.get("/giao-dien/co-chu/").status_code == 405


def test_large_text_switch_never_redirects_to_another_host(client):
    response = client.post("/giao-dien/co-chu/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_unknown_url_is_a_vietnamese_404(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_missing_csrf_token_is_a_vietnamese_403(home_page):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/tai-khoan/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_server_error_page_is_vietnamese_and_has_no_traceback(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã có lỗi ở phía máy chủ" in html
    assert "Traceback" not in html


def test_bad_request_page_is_vietnamese(rf):
    from django.core.exceptions import SuspiciousOperation
    from django.views.defaults import bad_request

    response = bad_request(rf.get("/"), SuspiciousOperation())
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_wagtail_login_forms_send_people_to_allauth(client):
    for url in ("/admin/login/?next=/admin/", "/_util/login/?next=/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/login/")


def test_admin_requires_login_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/login/")


def test_security_headers_on_every_page(client, home_page):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


def test_public_pages_carry_no_csrf_cookie(client, home_page):
    """The page header has no form that needs a token, so anonymous pages stay cacheable."""
    response = client.get("/")
    assert "csrftoken" not in response.cookies


def test_admin_pages_request_no_avatar_from_another_host(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
