"""A learner on a phone: catalogue → course → enrol → lesson → complete → my learning; the
weight of a text lesson on a first visit; the home page's "Khóa học" link."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.e2e.conftest import WatchedPage
from tests.factories import TEST_PASSWORD, UserFactory, lesson_create

PAGE_WEIGHT_BUDGET = 50 * 1024


@pytest.fixture
def phone(browser, live_server, demo_site):
    page = WatchedPage(browser, live_server.url, "phone")
    yield page
    page.close()


@pytest.fixture
def new_learner(demo_site):
    user = UserFactory(full_name="Trần Thị Mai", email="mai@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(watched, email):
    page = watched.page
    watched.goto("/tai-khoan/login/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', TEST_PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_load_state("networkidle")


def test_home_nav_leads_to_the_catalogue(watched):
    page = watched.page
    watched.goto("/")
    page.locator(".main-nav").get_by_role("link", name="Khóa học", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/khoa-hoc/")
    assert page.get_by_role("heading", level=1).inner_text() == "Khóa học"
    watched.assert_clean()


def test_learner_walks_from_catalogue_to_a_completed_lesson_on_a_phone(phone, new_learner):
    page = phone.page
    log_in(phone, new_learner.email)
    phone.goto("/khoa-hoc/")
    page.fill('input[name="q"]', "an toan thong tin")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".course-card").count() == 1
    phone.goto("/khoa-hoc/")
    phone.screenshot("catalogue")

    page.get_by_role("link", name="An toàn thông tin cho mọi người").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Đăng ký học").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Bạn đã đăng ký khóa học").is_visible()
    phone.screenshot("course")

    page.get_by_role("link", name="Bắt đầu học").click()
    page.wait_for_load_state("networkidle")
    # four lessons and the final quiz
    assert "Bài 1/5" in page.locator(".lesson-position").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the lesson scrolls sideways: {width}px"
    page.get_by_role("button", name="Hoàn thành bài học").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Bạn đã hoàn thành bài học.").first.is_visible()
    phone.screenshot("lesson")

    phone.goto("/hoc/cua-toi/")
    assert page.get_by_role("link", name="Học tiếp").count() == 1
    phone.screenshot("my-learning")
    phone.assert_clean()


def test_text_lesson_weighs_at_most_50_kb_on_a_first_visit(phone):
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="an-toan-thong-tin")
    lesson_create(
        course=course,
        title="Ôn tập",
        slug="on-tap",
        body=[
            (
                "rich_text",
                "<p>Không chia sẻ mã OTP. Kiểm tra đường link trước khi bấm. "
                "Dùng mật khẩu dài và khác nhau cho từng tài khoản.</p>" * 6,
            )
        ],
    )
    phone.goto("/khoa-hoc/an-toan-thong-tin/on-tap/")
    total = sum(len(response.body()) for response in phone.responses if response.status < 300)
    print(f"text lesson first visit: {total} bytes in {len(phone.responses)} responses")
    assert total <= PAGE_WEIGHT_BUDGET
    assert re.search(r"Bài \d+/\d+", phone.page.locator(".lesson-position").inner_text())
    phone.assert_clean()
