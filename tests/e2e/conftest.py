"""Browser-test harness: Playwright driving Debian's chromium against pytest-django's live_server.

Every page a test opens is watched: a console error, an uncaught exception or a request to a
host other than the test server fails the test.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class SerialWSGIServer(WSGIServer):
    """The live server answers one request at a time. The test database is SQLite in memory,
    shared between threads, and it refuses concurrent access ("database table is locked")
    instead of waiting: with the service worker and the offline queue, a page now sends
    requests of its own while the test navigates."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # the server thread already uses the test connections


if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = SerialWSGIServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the fixtures still use Django's
    # ORM synchronously around it, which is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class WatchedPage:
    """A page at one viewport that records console errors and requests to other hosts."""

    def __init__(self, browser, base_url: str, viewport: str, **context_options):
        self.base_url = base_url
        self.viewport = viewport
        self.context = browser.new_context(
            viewport=VIEWPORTS[viewport], locale="vi-VN", base_url=base_url, **context_options
        )
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.responses = []
        host = urlsplit(base_url).netloc
        self.page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
        )
        self.page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

        def on_request(request):
            netloc = urlsplit(request.url).netloc
            if request.url.startswith(("http://", "https://")) and netloc != host:
                self.foreign_requests.append(request.url)

        self.page.on("request", on_request)
        self.page.on("response", lambda response: self.responses.append(response))

    def goto(self, path: str):
        response = self.page.goto(path)
        self.page.wait_for_load_state("networkidle")
        return response

    def screenshot(self, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{self.viewport}.png"), full_page=True)

    def assert_clean(self):
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"

    def close(self):
        self.context.close()


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback):
    """The demo data, seeded into the live server's database."""
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def django_db_serialized_rollback():
    # Wagtail's root page and default site come from migrations; keep them between tests.
    return True


@pytest.fixture(params=list(VIEWPORTS))
def watched(request, browser, live_server, demo_site):
    page = WatchedPage(browser, live_server.url, request.param)
    yield page
    page.close()
