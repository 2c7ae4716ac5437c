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

    # quiz.js first makes sure no save is on its way, then moves on: wait for the new screen.
    page.get_by_role("button", name="Lưu và sang câu sau").click()
    page.wait_for_url("**/?cau=2")
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
    page.wait_for_url("**/?cau=10")
    page.wait_for_load_state("networkidle")
    image = page.locator(".hotspot-image")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.75})
    saved_status(page)
    assert page.locator(".hotspot-marker").is_visible()
    phone.screenshot("quiz-hotspot")

    page.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url("**/ket-qua/")
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


# --- leaving a screen while an autosave is on its way ---------------------------------------


class HeldSaves:
    """Holds every autosave request in the browser until `release()`: a slow connection, made
    deterministic. Also records the requests the page makes."""

    def __init__(self, page):
        self.page = page
        self.routes = []
        self.released = False
        self.requests = []
        page.on("request", lambda request: self.requests.append((request.method, request.url)))

    def keep(self, route):
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def hold(self):
        self.released = False
        self.page.route("**/luu/", self.keep)

    def release(self):
        self.released = True
        for route in self.routes:
            route.continue_()
        self.routes.clear()

    def posts_to(self, suffix):
        return [url for method, url in self.requests if method == "POST" and url.endswith(suffix)]


def start_quiz(phone):
    page = phone.page
    log_in(page, phone.goto)
    phone.goto(QUIZ_URL)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_load_state("networkidle")
    return Attempt.objects.get(user__email=LEARNER, quiz__slug="kiem-tra-dich-vu-cong")


@pytest.mark.parametrize("queue", ["offline queue", "in-page queue"])
def test_next_waits_for_the_autosaves_on_their_way_then_moves_with_a_get(phone, queue):
    """The race that made a 409: two answers still on their way when "next" is pressed. With
    IndexedDB the answers go through js/offline.js; without it, through quiz.js's own queue."""
    page = phone.page
    if queue == "in-page queue":
        page.add_init_script("Object.defineProperty(window, 'indexedDB', {value: undefined})")
    attempt = start_quiz(phone)
    first = attempt.layout[0]["id"]
    saves = HeldSaves(page)
    saves.hold()
    page.get_by_label("Zalo", exact=True).check()
    page.get_by_label("VNeID", exact=True).check()  # queued behind the first, held save
    page.wait_for_timeout(300)
    assert len(saves.routes) == 1
    page.get_by_role("button", name="Lưu và sang câu sau").click()
    page.wait_for_timeout(1000)
    assert "cau=2" not in page.url  # the page waits for the saves: it has not left
    assert not saves.posts_to("/trang/")
    saves.release()
    page.wait_for_url("**/?cau=2")
    page.wait_for_load_state("networkidle")

    # Both saves landed in order, then a plain GET: the form was not posted again.
    assert not saves.posts_to("/trang/")
    assert len(saves.posts_to("/luu/")) == 2
    assert ("GET", page.url) in saves.requests
    assert Response.objects.get(attempt=attempt, question_id=first).answer == choice_id_of(
        attempt, first, "VNeID"
    )
    attempt.refresh_from_db()
    assert attempt.sequence == 2
    assert not [r.url for r in phone.responses if r.status >= 400]
    expect(page.locator("#offline-status")).not_to_have_class("offline-status-error")
    phone.assert_clean()


def choice_id_of(attempt, question_id, text):
    from quizzes.models import Choice

    return Choice.objects.get(question_id=question_id, text=text).pk


def test_finish_waits_for_the_autosave_on_its_way(phone):
    """Finishing while the last answer's save is on its way: the save lands before the finish
    (it was refused as "already submitted" before), and the answer counts."""
    page = phone.page
    attempt = start_quiz(phone)
    first = attempt.layout[0]["id"]
    saves = HeldSaves(page)
    saves.hold()
    page.get_by_label("VNeID", exact=True).check()
    page.get_by_role("button", name="Nộp bài").click()
    page.wait_for_timeout(1000)
    assert "/ket-qua/" not in page.url
    assert not saves.posts_to("/nop-bai/")
    saves.release()
    page.wait_for_url("**/ket-qua/")
    page.wait_for_load_state("networkidle")
    assert len(saves.posts_to("/nop-bai/")) == 1  # finish stays a POST
    attempt.refresh_from_db()
    assert attempt.state == "finished"
    assert Response.objects.get(attempt=attempt, question_id=first).correct is True
    assert not [r.url for r in phone.responses if r.status >= 400]
    phone.assert_clean()


def test_next_posts_the_form_only_when_an_answer_is_not_saved_yet(phone):
    """A saved answer: "next" is one GET. An ordering question left as shown is an answer the
    server has not got yet (the form saves the order shown): then "next" posts the form."""
    page = phone.page
    attempt = start_quiz(phone)
    saves = HeldSaves(page)
    page.get_by_label("VNeID", exact=True).check()
    saved_status(page)
    page.get_by_role("button", name="Lưu và sang câu sau").click()
    page.wait_for_url("**/?cau=2")
    assert not saves.posts_to("/trang/")

    page.get_by_role("button", name="4", exact=True).click()  # nothing changed here: a GET
    page.wait_for_url("**/?cau=4")
    page.wait_for_load_state("networkidle")
    assert not saves.posts_to("/trang/")
    ordering = attempt.layout[3]["id"]
    assert not Response.objects.filter(attempt=attempt, question_id=ordering).exists()
    page.get_by_role("button", name="Lưu và sang câu sau").click()
    page.wait_for_url("**/?cau=5")
    page.wait_for_load_state("networkidle")
    assert len(saves.posts_to("/trang/")) == 1
    assert Response.objects.get(attempt=attempt, question_id=ordering).answer is not None

    # A typed answer, "next" pressed before the typing pause is over: saved before leaving.
    page.get_by_label("Câu trả lời của bạn").fill("mã hồ sơ")
    page.get_by_role("button", name="Lưu và sang câu sau").click()
    page.wait_for_url("**/?cau=6")
    text = Response.objects.get(attempt=attempt, question_id=attempt.layout[4]["id"])
    assert text.answer == "mã hồ sơ"
    assert not [r.url for r in phone.responses if r.status >= 400]
    phone.assert_clean()
