"""A person following the README by link and button text, as a newcomer would.

Every page the journey lands on is checked: no answer of 400 or more for a page or a request
the page makes, no redirect to a page the step did not promise, and no English words in the
visible text of a Vietnamese page.
"""

import re
from urllib.parse import urlsplit

from people.demo import DEMO_PASSWORD

from .conftest import WatchedPage

# Words that appear on an untranslated Django, Wagtail or allauth screen and never in our
# Vietnamese text (checked as whole words, case-sensitive where the case tells UI from content).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|this|with|are|not|Save|Edit|Delete|Add|Search|Choose|Cancel|"
    r"Settings|Dashboard|Reports|Sign in|Sign out|Log in|Log out|Password|Actions|Filter|Filters|"
    r"Pages|Images|Documents|Snippets|Help|Previous|Next|Welcome|Submit|Upload|Download|"
    r"Export|Import|Status|Title|Loading|Close|Select|Yes|No results|More|Show|Hide|Menu|"
    r"Required|required|Optional|optional)\b"
)
# Proper names and standards that stay as they are in Vietnamese text.
ALLOWED_ENGLISH = {"Open Badges", "Google Authenticator", "Moodle XML", "Excel", "GIFT", "CSV"}


class Journey(WatchedPage):
    """A watched page that also fails on error answers, unpromised redirects and English."""

    def __init__(self, browser, base_url: str, viewport: str):
        super().__init__(browser, base_url, viewport)
        self.failures: list[str] = []
        self.page.on("response", self._on_response)

    def _on_response(self, response):
        kind = response.request.resource_type
        if response.status >= 400 and kind in {"document", "xhr", "fetch", "script", "image"}:
            self.failures.append(f"{response.status} {kind} {response.url}")

    # -- steps --------------------------------------------------------------------------

    def login(self, email: str, *, then: str = "/"):
        self.goto(f"/tai-khoan/login/?next={then}")
        self.page.fill('input[name="login"]', email)
        self.page.fill('input[name="password"]', DEMO_PASSWORD)
        self.page.locator('main form button[type="submit"]').first.click()
        self.page.wait_for_load_state("networkidle")
        self.expect_path(then)

    def visit(self, path: str, *, expect: str | None = None):
        """Opens a path the README names; it must answer 200 at the promised place."""
        response = self.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response.status}"
        self.expect_path(expect or path)
        self.check_page()
        return response

    def follow(
        self, name: str, *, expect: str, role: str = "link", exact: bool = False, within=None
    ):
        """Clicks the link or button the README names, by its text."""
        scope = within if within is not None else self.page
        target = scope.get_by_role(role, name=name, exact=exact).first
        target.wait_for(state="visible")
        target.click()
        self.page.wait_for_load_state("networkidle")
        self.expect_path(expect)
        self.check_page()

    def expect_path(self, expected: str):
        """`expected` is a path, or a regular expression when it starts with ^."""
        path = urlsplit(self.page.url).path
        ok = re.search(expected, path) if expected.startswith("^") else path == expected
        assert ok, f"expected to be at {expected}, but the site sent the person to {self.page.url}"

    def check_page(self):
        text = self.page.locator("body").inner_text()
        for allowed in ALLOWED_ENGLISH:
            text = text.replace(allowed, "")
        english = sorted(
            {
                m.group(0)
                + ": …"
                + text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
                + "…"
                for m in ENGLISH_WORDS.finditer(text)
            }
        )
        if english:
            self.failures.append(f"English on {urlsplit(self.page.url).path}: {english}")

    def download(self, name: str, *, role: str = "link", within=None) -> bytes:
        scope = within if within is not None else self.page
        with self.page.expect_download() as info:
            scope.get_by_role(role, name=name).first.click()
        path = info.value.path()
        with open(path, "rb") as handle:
            return handle.read()

    def assert_clean(self):
        super().assert_clean()
        assert self.failures == [], "\n".join(self.failures)
