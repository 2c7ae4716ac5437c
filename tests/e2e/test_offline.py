"""Learning offline on a phone: the demo learner downloads a course, goes offline, reads a
downloaded lesson, marks it done and answers a quiz question started online; back online,
both arrive once on the server. A page that was not downloaded shows the offline page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Progress
from lms.models import IdempotentRequest
from people.demo import DEMO_PASSWORD
from quizzes.models import Attempt, Response
from tests.e2e.conftest import WatchedPage

LEARNER = "hocvien@example.com"
COURSE_URL = "/khoa-hoc/dich-vu-cong-vneid/"
LESSON_URL = f"{COURSE_URL}cai-dat-vneid/"
QUIZ_URL = f"{COURSE_URL}kiem-tra-dich-vu-cong/"


@pytest.fixture
def phone(browser, live_server, demo_site):
    assert live_server.url.startswith(("http://localhost", "http://127.0.0.1"))  # secure context
    page = WatchedPage(browser, live_server.url, "phone")
    yield page
    page.close()


def log_in(phone):
    page = phone.page
    phone.goto("/tai-khoan/login/")
    page.fill('input[name="login"]', LEARNER)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_load_state("networkidle")


def indicator(page):
    return page.locator("#offline-status")


def test_a_downloaded_course_is_read_offline_and_queued_actions_arrive_once(phone):
    page = phone.page
    log_in(phone)
    phone.goto(COURSE_URL)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Tải về để học ngoại tuyến").click()
    expect(page.locator(".offline-download-status")).to_have_text(
        "Đã tải về để học ngoại tuyến", timeout=20000
    )
    expect(page.get_by_role("button", name="Xóa bản tải về")).to_be_visible()
    phone.screenshot("offline-downloaded")

    # A quiz is started online (a timed quiz needs the server to start).
    phone.goto(QUIZ_URL)
    expect(page.get_by_text("cần kết nối mạng để bắt đầu")).to_be_visible()
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_load_state("networkidle")
    attempt = Attempt.objects.get(user__email=LEARNER, quiz__slug="kiem-tra-dich-vu-cong")
    attempt_url = page.url

    phone.context.set_offline(True)
    phone.goto(LESSON_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Cài đặt ứng dụng VNeID"
    page.get_by_role("button", name="Hoàn thành bài học").click()
    expect(page.get_by_text("Đã ghi nhận trên máy")).to_be_visible()
    expect(indicator(page)).to_have_text("Đang chờ gửi (1)")
    phone.screenshot("offline-lesson-queued")

    phone.goto(attempt_url)
    page.get_by_label("VNeID", exact=True).check()
    expect(indicator(page)).to_have_text("Đang chờ gửi (2)")
    phone.screenshot("offline-quiz-queued")
    lesson_progress = Progress.objects.filter(user=attempt.user, page__slug="cai-dat-vneid")
    assert not lesson_progress.exists()
    assert not Response.objects.filter(attempt=attempt).exists()

    phone.context.set_offline(False)
    expect(indicator(page)).to_have_text("Đã lưu", timeout=15000)
    expect(page.locator("#quiz-status")).to_have_text("Đã lưu")
    assert lesson_progress.get().status == "completed"
    assert Response.objects.filter(attempt=attempt).count() == 1
    attempt.refresh_from_db()
    assert attempt.sequence == 1  # the answer landed once
    assert IdempotentRequest.objects.filter(user=attempt.user).count() == 2

    # A page that was not downloaded, offline: the offline page, listing what was kept.
    phone.context.set_offline(True)
    phone.goto("/hoc/cua-toi/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bạn đang ngoại tuyến"
    expect(
        page.get_by_role("link", name="Dịch vụ công trực tuyến và ứng dụng VNeID")
    ).to_be_visible()
    phone.screenshot("offline-page")
    phone.context.set_offline(False)
    phone.assert_clean()


def test_an_answer_queued_offline_that_arrives_after_the_deadline_is_refused_and_said(phone):
    page = phone.page
    log_in(phone)
    phone.goto(QUIZ_URL)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_load_state("networkidle")
    attempt = Attempt.objects.get(user__email=LEARNER, quiz__slug="kiem-tra-dich-vu-cong")

    phone.context.set_offline(True)
    page.get_by_label("VNeID", exact=True).check()
    expect(indicator(page)).to_have_text("Đang chờ gửi (1)")
    # The time runs out (the server's clock) before the connection comes back.
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=5)
    )
    phone.context.set_offline(False)
    late = "Đã hết giờ làm bài: câu trả lời này đến sau hạn nộp nên không được lưu."
    expect(indicator(page)).to_have_text(late, timeout=15000)
    expect(page.locator("#quiz-status")).to_have_text(late)
    phone.screenshot("offline-quiz-late")
    assert not Response.objects.filter(attempt=attempt).exists()
    phone.console_errors = [e for e in phone.console_errors if "409" not in e]
    phone.assert_clean()
