"""Accessibility in the browser.

- axe-core (the npm package: `npm ci` puts it in node_modules/) on every learner page and every
  admin screen we built: no serious or critical violation. The page's CSP forbids injected
  scripts, so these contexts bypass CSP (for axe only; every other browser test keeps it).
- The keyboard alone completes a lesson and a quiz (hotspot included, through its inputs).
- At 360 px and at 200 % zoom no page scrolls sideways.
- `prefers-reduced-motion` stops animations and transitions.

The pages of one role are checked in one test (the demo data takes ~15 s to seed per test);
a failure lists every page with its violations.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from people.demo import DEMO_PASSWORD
from tests.e2e.conftest import WatchedPage

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

ANONYMOUS_PAGES = [
    "/",
    "/khoa-hoc/",
    "/khoa-hoc/an-toan-thong-tin/",
    "/khoa-hoc/an-toan-thong-tin/cuoc-goi-tin-nhan-lua-dao/",
    "/tai-khoan/login/",
    "/tai-khoan/signup/",
    "/xac-minh/",
]
LEARNER_PAGES = [
    "/",
    "/khoa-hoc/dich-vu-cong-vneid/",
    "/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/",
    "/khoa-hoc/dich-vu-cong-vneid/kiem-tra-dich-vu-cong/",
    "/hoc/cua-toi/",
    "/chung-chi/",
    "/nang-luc/ho-so/",
    "{attempt}",
    "{result}",
    "{certificate}",
    "{verify}",
]
TEAM_LEADER_PAGES = ["/nguoi-dung/thanh-vien/", "/nguoi-dung/thanh-vien/dang-ky/", "{login_card}"]
ADMIN_SCREENS = [
    "/admin/bao-cao/hoan-thanh/",
    "/admin/bao-cao/can-nhac-nho/",
    "/hoc/giao-khoa-hoc/",
    "/admin/don_vi/",
    "/admin/don-vi/nhap/",
    "/admin/khung-nang-luc/nhap/",
    "/admin/thanh_vien/",
    "/admin/vai_tro/",
    "/admin/snippets/quizzes/question/",
    "/admin/snippets/quizzes/question/add/",
    "/admin/snippets/quizzes/questioncategory/",
    "/admin/kiem-tra/nhap/",
    "/admin/kiem-tra/thong-ke/",
    "/admin/snippets/certificates/certificatetemplate/",
    "/admin/snippets/certificates/certificatetemplate/add/",
    "/admin/chung-chi/da-cap/",
    "/admin/khung_nang_luc/",
    "/admin/nang_luc/",
    "/admin/minh_chung_nang_luc/",
]


@pytest.fixture
def axe_page(browser, live_server, demo_site):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the repository (see .ci/run)")
    page = WatchedPage(browser, live_server.url, "phone", bypass_csp=True)
    yield page
    page.close()


def log_in(watched: WatchedPage, email: str):
    page = watched.page
    watched.goto("/tai-khoan/login/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")
    assert "/tai-khoan/login/" not in page.url, f"{email} could not log in"


def axe_violations(watched: WatchedPage, path: str) -> list[str]:
    """Serious and critical axe violations on one page, one line each."""
    response = watched.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    watched.page.add_script_tag(path=str(AXE))
    result = watched.page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    return [
        f"{path}: {v['impact']} {v['id']} ({v['help']}) at {v['targets']}"
        for v in result
        if v["impact"] in BLOCKING
    ]


def check_pages(watched: WatchedPage, paths: list[str]):
    problems = [line for path in paths for line in axe_violations(watched, path)]
    assert not problems, "axe:\n" + "\n".join(problems)
    watched.assert_clean()


def learner_urls() -> dict[str, str]:
    from certificates.models import Certificate
    from people.models import User
    from quizzes.models import Attempt, QuizPage
    from quizzes.services import attempt_start

    learner = User.objects.get(email="hocvien@example.com")
    finished = Attempt.objects.filter(user=learner, state="finished").order_by("-pk").first()
    quiz = QuizPage.objects.get(slug="kiem-tra-dich-vu-cong")
    attempt = Attempt.objects.filter(user=learner, quiz=quiz, state="in_progress").first()
    if attempt is None:
        attempt = attempt_start(user=learner, quiz=quiz)
    certificate = Certificate.objects.filter(user=learner).first()
    return {
        "attempt": f"/kiem-tra/lan/{attempt.pk}/",
        "result": f"/kiem-tra/lan/{finished.pk}/ket-qua/",
        "certificate": f"/chung-chi/{certificate.code}/",
        "verify": f"/xac-minh/{certificate.code}/",
    }


def test_anonymous_pages_pass_axe(axe_page):
    check_pages(axe_page, ANONYMOUS_PAGES)


def test_learner_pages_pass_axe(axe_page):
    urls = learner_urls()
    log_in(axe_page, "hocvien@example.com")
    check_pages(axe_page, [path.format(**urls) for path in LEARNER_PAGES])


def test_learner_pages_pass_axe_in_high_contrast_large_text_and_data_saver(axe_page):
    log_in(axe_page, "hocvien@example.com")
    for switch in ("co-chu", "tuong-phan", "tiet-kiem-du-lieu"):
        axe_page.page.request.post(f"/giao-dien/{switch}/", form={"next": "/"})
    check_pages(
        axe_page,
        ["/", "/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/", "/hoc/cua-toi/"],
    )


def test_team_leader_pages_pass_axe(axe_page):
    from people.models import User

    member = User.objects.filter(memberships__unit__name="Tổ CNSCĐ ấp Bến Cam").exclude(
        email="totruong@example.com"
    )
    urls = {"login_card": f"/nguoi-dung/thanh-vien/{member.first().pk}/the-dang-nhap/"}
    log_in(axe_page, "totruong@example.com")
    check_pages(axe_page, [path.format(**urls) for path in TEAM_LEADER_PAGES])


def test_admin_screens_we_built_pass_axe(browser, live_server, demo_site):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the repository (see .ci/run)")
    desktop = WatchedPage(browser, live_server.url, "desktop", bypass_csp=True)
    try:
        log_in(desktop, "quantri@example.com")
        check_pages(desktop, ADMIN_SCREENS)
    finally:
        desktop.close()


# --- keyboard, width, zoom, motion -----------------------------------------------------------


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")


def wait_for_autosave(page):
    """The answers typed last are saved after a short pause; wait until none is on its way."""
    page.wait_for_timeout(1500)
    page.wait_for_function(
        "() => !/Đang lưu|Đang thử lại/.test(document.getElementById('quiz-status').textContent)"
    )
    # Answers go through the offline queue (static/js/offline.js): wait until it is empty, so
    # that "next" never races a save still on its way.
    for _ in range(100):
        left = page.evaluate(
            "() => window.LmsOffline ? window.LmsOffline.pending().then((i) => i.length) : 0"
        )
        if not left:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{left} answers still queued after 10 s")


def tab_to(page, name: str, limit: int = 200):
    """Presses Tab until the focused element's accessible text matches `name`."""
    pattern = re.compile(name)
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const e = document.activeElement; return (e.getAttribute('aria-label')"
            " || e.labels?.[0]?.textContent || e.textContent || e.value || '').trim(); }"
        )
        if pattern.search(label):
            return label
    raise AssertionError(f"Tab never reached {name!r}")


@pytest.fixture
def keyboard_phone(browser, live_server, demo_site):
    # Without the service worker: its page fetches would meet the answer saves in the test
    # server's in-memory SQLite, which refuses concurrent access ("table is locked"); offline
    # behaviour has its own tests (test_offline.py).
    page = WatchedPage(browser, live_server.url, "phone", service_workers="block")
    yield page
    page.close()


def test_keyboard_alone_completes_a_lesson_and_a_quiz(keyboard_phone):
    watched = keyboard_phone
    from courses.models import Progress
    from people.models import User
    from quizzes.models import Attempt, QuizPage

    page = watched.page
    learner = User.objects.get(email="hocvien@example.com")
    watched.goto("/tai-khoan/login/")
    tab_to(page, "E-mail|Email|Số điện thoại|Tên đăng nhập")
    page.keyboard.type("hocvien@example.com")
    tab_to(page, "Mật khẩu")
    page.keyboard.type(DEMO_PASSWORD)
    press_enter_and_wait(page)

    watched.goto("/khoa-hoc/dich-vu-cong-vneid/nop-ho-so-truc-tuyen/")
    tab_to(page, "^Hoàn thành bài học$")
    press_enter_and_wait(page)
    assert page.get_by_text("Bạn đã hoàn thành bài học").first.is_visible()
    assert Progress.objects.filter(
        user=learner, page__slug="nop-ho-so-truc-tuyen", status="completed"
    ).exists()

    quiz = QuizPage.objects.get(slug="kiem-tra-dich-vu-cong")
    before = Attempt.objects.filter(user=learner, quiz=quiz, state="finished").count()
    watched.goto(quiz.url)
    tab_to(page, "^(Bắt đầu làm bài|Làm lại|Làm tiếp)$")
    press_enter_and_wait(page)
    for _screen in range(30):
        for fieldset in page.locator("fieldset.question").all():
            kind = fieldset.get_attribute("data-type")
            if kind in {"single", "true_false", "multiple"}:
                first = fieldset.locator("input[type=radio], input[type=checkbox]").first
                first.focus()
                page.keyboard.press("Space")
                assert first.is_checked()
            elif kind == "hotspot":
                fieldset.locator("input[name$='_x']").focus()
                page.keyboard.type("50")
                page.keyboard.press("Tab")
                page.keyboard.type("50")
            elif kind in {"short_text", "numeric"}:
                fieldset.locator("input[type=text]").focus()
                page.keyboard.type("1")
            # ordering and matching: their selects already hold an answer or stay unanswered
        wait_for_autosave(page)
        following = page.get_by_role("button", name=re.compile("Lưu và sang câu sau"))
        if not following.count():
            break
        following.focus()
        press_enter_and_wait(page)
    page.locator("#quiz-finish").focus()
    press_enter_and_wait(page)
    assert Attempt.objects.filter(user=learner, quiz=quiz, state="finished").count() == before + 1
    assert "/ket-qua/" in page.url
    # "Next" and "finish" wait for any autosave still on its way, so none races the form and is
    # refused as stale or late (the race itself: tests/e2e/test_quiz.py).
    assert not [r.url for r in watched.responses if r.status == 409]
    watched.assert_clean()


def scrolls_sideways(page) -> int:
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


NARROW_PAGES = [
    "/",
    "/khoa-hoc/",
    "/khoa-hoc/dich-vu-cong-vneid/",
    "/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/",
    "/khoa-hoc/dich-vu-cong-vneid/kiem-tra-dich-vu-cong/",
    "/hoc/cua-toi/",
    "/chung-chi/",
    "/nang-luc/ho-so/",
    "/xac-minh/",
    "/tai-khoan/login/",
]


def test_no_sideways_scroll_at_360_px_or_at_200_percent_zoom(browser, live_server, demo_site):
    # 200 % zoom of a 1280 × 900 window lays the page out in 640 × 450 CSS pixels.
    for label, options in (
        ("360 px", {"viewport": {"width": 360, "height": 740}}),
        ("200 % zoom", {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}),
    ):
        context = browser.new_context(locale="vi-VN", base_url=live_server.url, **options)
        page = context.new_page()
        try:
            page.goto("/tai-khoan/login/")
            page.fill('input[name="login"]', "hocvien@example.com")
            page.fill('input[name="password"]', DEMO_PASSWORD)
            page.locator('main form button[type="submit"]').first.click()
            page.wait_for_load_state("networkidle")
            wide = []
            for path in NARROW_PAGES:
                page.goto(path)
                page.wait_for_load_state("networkidle")
                overflow = scrolls_sideways(page)
                if overflow > 0:
                    wide.append(f"{path}: {overflow}px too wide")
            page.goto("/")
            page.context.request.post("/giao-dien/co-chu/", form={"next": "/"})
            page.goto("/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/")
            if scrolls_sideways(page) > 0:
                wide.append("lesson with large text: too wide")
            assert not wide, f"{label}: {wide}"
        finally:
            context.close()


def test_reduced_motion_stops_transitions(browser, live_server, demo_site):
    context = browser.new_context(base_url=live_server.url, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto("/")
        duration = page.evaluate(
            "() => { const a = document.querySelector('a'); a.style.transition = 'color 2s';"
            " return getComputedStyle(a).transitionDuration; }"
        )
        assert duration in {"0s", "0ms"}
    finally:
        context.close()
