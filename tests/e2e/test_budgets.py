"""Page-weight budgets, measured in the browser as bytes over the wire (headers included).

The server here serves static files the production way: collected by
CompressedManifestStaticFilesStorage (hashed names, gzip and brotli copies) and served by
WhiteNoise with `Cache-Control: max-age=…, immutable`, so a repeat visit fetches only the HTML.
pytest-django's own live server would serve them uncached through Django's static view.

- a text lesson: ≤ 50 KB on a first visit, ≤ 10 KB on a repeat visit;
- saving one quiz answer: ≤ 5 KB for the whole round trip;
- no page asks another host for anything (the harness fails on that everywhere);
- lesson images: WebP renditions with `srcset`, width and height, `loading="lazy"`.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

from tests.e2e.conftest import WatchedPage
from tests.factories import TEST_PASSWORD, UserFactory, lesson_create

FIRST_VISIT_BUDGET = 50 * 1024
REPEAT_VISIT_BUDGET = 10 * 1024
ANSWER_SAVE_BUDGET = 5 * 1024
ONE_YEAR = 365 * 24 * 3600

TEXT = (
    "<p>Không chia sẻ mã OTP với bất kỳ ai, kể cả người xưng là công an hay nhân viên ngân "
    "hàng. Kiểm tra đường link trước khi bấm. Dùng mật khẩu dài và khác nhau cho từng tài "
    "khoản.</p>"
)


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """`collectstatic` once per session, exactly as `make serve` does in production."""
    root = tmp_path_factory.mktemp("static_collected")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        # Wagtail's admin files (thousands, a minute and a half to compress) serve no learner.
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["wagtail*"])
    return {"STATIC_ROOT": root, "STORAGES": storages}


@pytest.fixture
def production_server(collected_static, demo_site):
    """A live server whose static files go through WhiteNoise, as in production."""
    from django.db import connections

    settings_override = override_settings(
        **collected_static,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        ALLOWED_HOSTS=["*"],
    )
    settings_override.enable()
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    # No static handler in front: WhiteNoise's middleware answers /static/ itself.
    thread = LiveServerThread(
        "127.0.0.1", static_handler=lambda app: app, connections_override=shared
    )
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()
    settings_override.disable()


class Wire:
    """Bytes received per request, as Chromium counts them (headers + encoded body)."""

    def __init__(self, watched: WatchedPage):
        self.cdp = watched.context.new_cdp_session(watched.page)
        self.cdp.send("Network.enable")
        self.urls: dict[str, str] = {}
        self.received: dict[str, int] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event):
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event):
        self.received[event["requestId"]] = int(event["encodedDataLength"])

    def reset(self):
        self.urls.clear()
        self.received.clear()

    def total(self) -> int:
        return sum(self.received.values())

    def report(self) -> str:
        return ", ".join(
            f"{self.urls.get(rid, rid).split('/', 3)[-1]} {size}"
            for rid, size in self.received.items()
        )


@pytest.fixture
def phone(browser, production_server):
    # The service worker would answer from its own fetches, which the page's network log shows
    # as 0 bytes: the budgets are measured on the network itself, without it.
    page = WatchedPage(browser, production_server, "phone", service_workers="block")
    yield page
    page.close()


@pytest.fixture
def learner(demo_site):
    user = UserFactory(full_name="Lê Văn Bình", email="binh@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(watched, user):
    page = watched.page
    watched.goto("/tai-khoan/login/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', TEST_PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_load_state("networkidle")


@pytest.fixture
def text_lesson(demo_site):
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="an-toan-thong-tin")
    lesson_create(course=course, title="Ôn tập", slug="on-tap", body=[("rich_text", TEXT * 12)])
    return "/khoa-hoc/an-toan-thong-tin/on-tap/"


def test_static_files_are_hashed_and_cached_for_a_year(phone):
    page = phone.page
    phone.goto("/")
    stylesheet = page.locator('link[rel="stylesheet"]').first.get_attribute("href")
    assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", stylesheet)
    response = page.request.get(stylesheet, headers={"Accept-Encoding": "br, gzip"})
    cache_control = response.headers["cache-control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= ONE_YEAR
    assert response.headers["content-encoding"] in {"br", "gzip"}
    phone.assert_clean()


def test_html_is_compressed(phone, text_lesson):
    response = phone.page.request.get(text_lesson, headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"


def test_text_lesson_first_visit_at_most_50_kb_repeat_visit_at_most_10_kb(
    phone, learner, text_lesson
):
    log_in(phone, learner)
    # A first visit: a new browser profile (no cache) that already holds a session.
    fresh = WatchedPage(
        phone.page.context.browser, phone.base_url, "phone", service_workers="block"
    )
    try:
        fresh.context.add_cookies(phone.context.cookies())
        wire = Wire(fresh)
        fresh.goto(text_lesson)
        first = wire.total()
        print(f"text lesson, first visit: {first} B ({wire.report()})")
        assert first <= FIRST_VISIT_BUDGET, wire.report()

        wire.reset()
        fresh.goto(text_lesson)
        repeat = wire.total()
        print(f"text lesson, repeat visit: {repeat} B ({wire.report()})")
        assert repeat <= REPEAT_VISIT_BUDGET, wire.report()
        fetched = [size for size in wire.received.values() if size]
        assert len(fetched) == 1, f"only the HTML comes again: {wire.report()}"
        fresh.assert_clean()
    finally:
        fresh.close()
    phone.assert_clean()


def test_saving_one_quiz_answer_costs_at_most_5_kb_round_trip(phone, learner):
    from courses.models import CoursePage
    from courses.services import enrollment_create
    from quizzes.models import QuizPage

    course = CoursePage.objects.get(slug="an-toan-thong-tin")
    enrollment_create(user=learner, course=course)
    quiz = QuizPage.objects.descendant_of(course).live().first()
    log_in(phone, learner)
    page = phone.page
    phone.goto(quiz.url)
    page.get_by_role("button", name=re.compile("Bắt đầu|Làm bài")).first.click()
    page.wait_for_load_state("networkidle")
    with page.expect_response(re.compile(r"/luu/$")) as saved:
        page.locator("fieldset.question input[type=radio]").first.check()
    response = saved.value
    response.finished()
    sizes = response.request.sizes()
    round_trip = sum(sizes.values())
    print(f"one answer saved: {round_trip} B round trip ({sizes})")
    assert response.status == 200
    assert round_trip <= ANSWER_SAVE_BUDGET
    page.get_by_text("Đã lưu").first.wait_for()
    phone.assert_clean()


def test_lesson_images_are_responsive_lazy_webp_with_their_size(phone):
    page = phone.page
    phone.goto("/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/")
    images = page.locator(".lesson-body img")
    assert images.count() >= 1
    for index in range(images.count()):
        image = images.nth(index)
        assert image.get_attribute("loading") == "lazy"
        assert int(image.get_attribute("width")) > 0 and int(image.get_attribute("height")) > 0
        srcset = image.get_attribute("srcset")
        assert srcset and srcset.count(".webp") >= 2, srcset
        assert image.get_attribute("src").endswith(".webp")
        assert image.get_attribute("alt")
    phone.assert_clean()
