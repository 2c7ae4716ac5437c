"""Every promise in the README's "What to try", one test per demo role, followed step by step
by link and button text, at phone size where the README speaks of a phone.

A step fails on any answer of 400 or more, any redirect to a page the README did not promise,
and any English on a Vietnamese page (tests/e2e/journey.py). When the README changes, these
tests change with it.
"""

import re

import pytest

from certificates.demo import DEMO_CODE

from .journey import Journey


@pytest.fixture
def journey(request, browser, live_server, demo_site):
    viewport = getattr(request, "param", "phone")
    walk = Journey(browser, live_server.url, viewport)
    yield walk
    walk.close()


def _admin_menu(walk: Journey, label: str, *, expect: str):
    """Opens an item of the Wagtail sidebar by its label (submenus are opened first)."""
    walk.follow(label, expect=expect, within=walk.page.locator("aside, nav").first)


def test_anyone_without_logging_in(journey):
    page = journey.page
    journey.visit("/")
    journey.follow("Khóa học", expect="^/khoa-hoc/", exact=True)
    search = page.get_by_role("searchbox").first
    search.fill("chu ky so")
    search.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "chữ ký số" in page.locator("main").inner_text().lower()
    journey.check_page()
    page.locator("main").get_by_role("link", name=re.compile("chữ ký số", re.I)).first.click()
    page.wait_for_load_state("networkidle")
    journey.expect_path("^/khoa-hoc/chu-ky-so")
    journey.check_page()

    page.get_by_text("Tùy chọn hiển thị").click()
    page.get_by_role("button", name="Chữ lớn").click()
    page.wait_for_load_state("networkidle")
    journey.check_page()

    journey.visit(f"/xac-minh/{DEMO_CODE}/")
    assert "Nguyễn Thị Lan" in page.locator("main").inner_text()
    journey.visit("/xac-minh/")
    page.get_by_role("textbox").first.fill(DEMO_CODE.replace("-", "").lower())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    journey.expect_path(f"/xac-minh/{DEMO_CODE}/")
    for path in (
        f"/xac-minh/{DEMO_CODE}/openbadge.json",
        f"/xac-minh/{DEMO_CODE}/openbadge.json?dang=jwt",
        "/xac-minh/did.json",
        "/xac-minh/khoa-cong-khai.json",
        "/xac-minh/trang-thai/1/",
    ):
        response = page.request.get(path)
        assert response.status == 200, path
    journey.assert_clean()


@pytest.mark.parametrize("journey", ["desktop"], indirect=True)
def test_editor_edits_lessons_the_question_bank_and_certificate_templates(journey):
    from certificates.models import CertificateTemplate
    from courses.models import LessonPage
    from quizzes.models import QuizPage

    page = journey.page
    journey.login("bientap@example.com", then="/admin/")

    lesson = LessonPage.objects.live().order_by("path").first()
    journey.visit(f"/admin/pages/{lesson.pk}/edit/")
    # Wagtail's preview is a side panel opened by its toggle.
    assert page.locator('[data-side-panel-toggle="preview"]').count() >= 1
    journey.visit(f"/admin/pages/{lesson.get_parent().pk}/")  # the course's lessons, to reorder

    journey.visit("/admin/snippets/quizzes/question/")
    journey.visit("/admin/kiem-tra/nhap/")
    assert page.get_by_role("button", name="Xem trước").count() == 1  # upload, then preview
    gift = journey.download("GIFT")
    assert b"::" in gift or b"{" in gift
    journey.download(".xlsx")

    quiz = QuizPage.objects.live().order_by("path").first()
    journey.visit("/admin/kiem-tra/thong-ke/")
    journey.follow(quiz.title, expect=f"/admin/kiem-tra/thong-ke/{quiz.pk}/")

    template = CertificateTemplate.objects.order_by("pk").first()
    journey.visit(f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/")

    # An editor still sees neither the reports nor the people.
    for refused in ("/admin/bao-cao/hoan-thanh/", "/admin/thanh_vien/"):
        response = page.goto(refused)
        assert response.status in (302, 403) or page.url.rstrip("/").endswith("/admin"), refused
        assert "Xã Long Phước" not in page.locator("main").inner_text()
    journey.failures = [
        f for f in journey.failures if "/bao-cao/" not in f and "thanh_vien" not in f
    ]
    journey.assert_clean()


@pytest.mark.parametrize("journey", ["desktop"], indirect=True)
def test_manager_assigns_a_course_and_reads_every_report(journey):
    page = journey.page
    journey.login("quanly@example.com", then="/hoc/cua-toi/")
    journey.follow("Giao khóa học cho đơn vị, kèm hạn hoàn thành", expect="/hoc/giao-khoa-hoc/")

    journey.visit("/admin/")
    assert "Xã Long Phước" in page.locator("#reports-home-section").inner_text()
    for path in (
        "/admin/bao-cao/hoan-thanh/",
        "/admin/bao-cao/can-nhac-nho/",
        "/admin/bao-cao/tong-quan-khoa-hoc/",
        "/admin/bao-cao/ket-qua-kiem-tra/",
        "/admin/bao-cao/xu-huong/",
        "/admin/bao-cao/khoang-trong-nang-luc/",
    ):
        journey.visit(path)
        assert "Xã Bình Lợi" not in page.locator("main").inner_text()
    journey.visit("/admin/bao-cao/hoan-thanh/")
    team = page.locator("table.listing tbody a").first
    team_name = team.inner_text()
    team.click()
    page.wait_for_load_state("networkidle")
    assert team_name in page.locator("main").inner_text()
    journey.check_page()
    journey.visit("/admin/bao-cao/ket-qua-kiem-tra/")
    page.locator("table.listing tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    assert "quiz=" in page.url  # one quiz's histogram and item statistics
    assert "Phân bố điểm" in page.locator("main").inner_text()
    journey.check_page()
    journey.assert_clean()


def test_learner_continues_a_course_and_opens_her_certificate_and_profile(journey):
    page = journey.page
    journey.login("hocvien@example.com", then="/hoc/cua-toi/")
    main = page.locator("main")
    assert "Dịch vụ công trực tuyến và ứng dụng VNeID" in main.inner_text()
    assert (
        main.locator(".overdue, [data-overdue], .is-overdue").count()
        + main.get_by_text(re.compile("quá hạn", re.I)).count()
        >= 1
    )
    next_lesson = main.locator("a.button", has_text=re.compile("Học tiếp|Bắt đầu học")).first
    journey.visit(next_lesson.get_attribute("href"), expect="^/khoa-hoc/.+/.+")
    journey.check_page()

    journey.follow("Chứng chỉ của tôi", expect="/chung-chi/")
    journey.follow("An toàn thông tin cho mọi người", expect=f"/chung-chi/{DEMO_CODE}/")
    pdf = page.request.get(f"/chung-chi/{DEMO_CODE}/pdf/")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    journey.follow("Hồ sơ năng lực số", expect="/nang-luc/ho-so/")
    journey.assert_clean()


def test_team_leader_registers_a_member_and_prints_the_login_card(journey):
    page = journey.page
    journey.login("totruong@example.com", then="/nguoi-dung/thanh-vien/")
    assert page.locator("main table tbody tr, main li").count() >= 3  # the team
    journey.follow(re.compile("Đăng ký thành viên"), expect="/nguoi-dung/thanh-vien/dang-ky/")
    assert page.locator("main form").get_by_label(re.compile("Họ và tên")).count() == 1
    journey.visit("/nguoi-dung/thanh-vien/")
    journey.follow("Thẻ đăng nhập", expect="^/nguoi-dung/thanh-vien/\\d+/the-dang-nhap/")
    journey.assert_clean()
