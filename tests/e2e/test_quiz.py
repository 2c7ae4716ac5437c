"""Taking a demo quiz on a phone: with JavaScript (autosave, going offline in the middle, the
answer saved once back online, a hotspot tap, finish, review) and without JavaScript."""

import pytest
from playwright.sync_api import expect

from people.demo import DEMO_PASSWORD
from quizzes.models import Attempt, Response
from tests.e2e.conftest import VIEWPORTS, WatchedPage

QUIZ_URL = "/khoa-hoc/dich-vu-cong-vneid/kiem-tra-dich-vu-cong/"
LEARNER = "hocvien@example.com"
# What Chromium logs by itself when a fetch fails while offline: the very thing we test.
OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "Failed to fetch")


@pytest.fixture
def phone(browser, live_server, demo_site):
    page = WatchedPage(browser, live_server.url, "phone")
    yield page
    page.close()


def log_in(page, goto):
    goto("/tai-khoan/login/")
    page.fill('input[name="login"]', LEARNER)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_load_state("networkidle")


def saved_status(page):
    expect(page.locator("#quiz-status")).to_have_text("Đã lưu", timeout=10000)


def test_quiz_on_a_phone_saves_an_answer_given_offline_once_back_online(phone):
    page = phone.page
    log_in(page, phone.goto)
    phone.goto(QUIZ_URL)
    phone.screenshot("quiz-start")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_load_state("networkidle")
    attempt = Attempt.objects.get(user__email=LEARNER, quiz__slug="kiem-tra-dich-vu-cong")
    assert page.locator("#quiz-countdown").inner_text().count(":") == 1

    page.get_by_label("VNeID", exact=True).check()
    saved_status(page)
    phone.screenshot("quiz-question")

    page.get_by_role("button", name="Lưu và sang câu sau").click()
    page.wait_for_load_state("networkidle")
    second = attempt.layout[1]["id"]
    phone.context.set_offline(True)
    page.get_by_label("Đúng", exact=True).check()
    expect(page.locator("#quiz-status")).to_contain_text("thử lại", timeout=10000)
    assert not Response.objects.filter(attempt=attempt, question_id=second).exists()
    phone.screenshot("quiz-offline")
    phone.context.set_offline(False)
    saved_status(page)
    attempt.refresh_from_db()
    assert attempt.sequence == 2  # one save for each answer: the offline one landed once
    assert Response.objects.filter(attempt=attempt, question_id=second).count() == 1

    page.get_by_role("button", name="10", exact=True).click()
    page.wait_for_load_state("networkidle")
    image = page.locator(".hotspot-image")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.75})
    saved_status(page)
    assert page.locator(".hotspot-marker").is_visible()
    phone.screenshot("quiz-hotspot")

    page.get_by_role("button", name="Nộp bài").click()
    page.wait_for_load_state("networkidle")
    assert "Kết quả lần 1" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="Xem lại bài làm").is_visible()
    phone.screenshot("quiz-result")
    attempt.refresh_from_db()
    assert attempt.state == "finished"
    hotspot = Response.objects.get(attempt=attempt, question_id=attempt.layout[9]["id"])
    assert hotspot.correct is True
    phone.console_errors = [
        e for e in phone.console_errors if not any(noise in e for noise in OFFLINE_NOISE)
    ]
    phone.assert_clean()


def test_quiz_without_javascript_saves_on_next_and_finishes(browser, live_server, demo_site):
    context = browser.new_context(
        viewport=VIEWPORTS["phone"],
        locale="vi-VN",
        base_url=live_server.url,
        java_script_enabled=False,
    )
    page = context.new_page()

    def goto(path):
        page.goto(path)

    try:
        log_in(page, goto)
        goto(QUIZ_URL)
        page.get_by_role("button", name="Bắt đầu làm bài").click()
        page.get_by_label("VNeID", exact=True).check()
        page.get_by_role("button", name="Lưu và sang câu sau").click()
        assert "cau=2" in page.url
        attempt = Attempt.objects.get(user__email=LEARNER, quiz__slug="kiem-tra-dich-vu-cong")
        assert Response.objects.filter(attempt=attempt).count() == 1
        page.get_by_label("Đúng", exact=True).check()
        page.get_by_role("button", name="Nộp bài").click()
        assert "Kết quả lần 1" in page.get_by_role("heading", level=1).inner_text()
        page.screenshot(path="docs/screenshots/quiz-nojs-result-phone.png", full_page=True)
        assert Response.objects.filter(attempt=attempt, answer__isnull=False).count() == 2
    finally:
        context.close()
