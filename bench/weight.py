"""Bytes over the wire per page type, first and repeat visit, with Playwright driving Debian's
chromium: the encoded (compressed, as sent) length of every response, from the DevTools
protocol's Network.loadingFinished, so that a response served from the browser's cache counts
as zero on the repeat visit."""

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _visit(context, url: str) -> tuple[int, int]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    totals = {"bytes": 0, "requests": 0}

    def finished(params):
        totals["bytes"] += int(params.get("encodedDataLength", 0))

    def received(params):
        response = params["response"]
        if not (response.get("fromDiskCache") or response.get("fromPrefetchCache")):
            totals["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.responseReceived", received)
    page.goto(url, wait_until="networkidle")
    page.close()
    return totals["bytes"], totals["requests"]


def measure(base: str, pools) -> dict:
    from django.urls import reverse

    learner = pools.pages[0]
    login_save, item = pools.save[0]
    pages = [
        ("home", "home page, anonymous", None, "/"),
        ("catalogue", "catalogue, learner", learner, pools.course.get_parent().get_url()),
        ("course", "course page, learner", learner, pools.course.get_url()),
        ("lesson", "lesson page, learner", learner, pools.lesson.get_url()),
        ("quiz", "quiz page, learner", learner, pools.quiz.get_url()),
        (
            "screen",
            "quiz question screen",
            login_save,
            reverse("quizzes:attempt", args=[item["attempt"]]),
        ),
        (
            "report_completion",
            "report: completion, province",
            pools.manager,
            reverse("reports_completion"),
        ),
    ]
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for key, label, login, path in pages:
                context = browser.new_context(viewport={"width": 360, "height": 740})
                if login:
                    context.add_cookies(
                        [
                            {"name": name, "value": value, "url": base}
                            for name, value in (p.split("=", 1) for p in login.cookie.split("; "))
                        ]
                    )
                first = _visit(context, base + path)
                repeat = _visit(context, base + path)
                context.close()
                results[key] = {
                    "label": label,
                    "first_bytes": first[0],
                    "first_requests": first[1],
                    "repeat_bytes": repeat[0],
                    "repeat_requests": repeat[1],
                }
        finally:
            browser.close()
    return results
