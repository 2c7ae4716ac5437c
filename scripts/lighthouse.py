"""`make lighthouse`: Lighthouse 12 (mobile) on the learner's pages; scores to docs/benchmarks.md.

    .venv/bin/python scripts/lighthouse.py            # seed the demo, serve it, measure, write
    .venv/bin/python scripts/lighthouse.py --no-write # print only
    .venv/bin/python scripts/lighthouse.py --url http://127.0.0.1:8000  # a running demo server

Without --url the script serves the demo data (SQLite, `make run`'s database) on a free port
the way production serves it: static files collected by CompressedManifestStaticFilesStorage
and sent by WhiteNoise (hashed names, a year of cache, gzip/brotli), DEBUG off. Lighthouse
(`npm ci` installs it) drives CHROME_PATH, /usr/bin/chromium by default. The logged-in pages
get the demo learner's session cookie through --extra-headers.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
CATEGORIES = ["performance", "accessibility", "best-practices"]
TARGETS = {"performance": 0.95, "accessibility": 1.0}
LEARNER = ("hocvien@example.com", "hoc-ky-nang-so-2026")  # the README's demo learner


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()


def serve(port: int, static_root: str):
    """The child process: the demo site with production static files, until killed."""
    django_setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from django.test.utils import override_settings

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    override_settings(
        STORAGES=storages,
        STATIC_ROOT=static_root,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        DEBUG=False,
    ).enable()
    # Wagtail's admin files serve no learner page and take a minute to compress.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["wagtail*"])
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: int = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5):  # noqa: S310 - local
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"the server at {url} did not answer within {seconds} s")


def session_cookie(base: str) -> str:
    """Logs the demo learner in through the real form; returns 'sessionid=…'."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/tai-khoan/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"login": LEARNER[0], "password": LEARNER[1], "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - our own local server
        base + "/tai-khoan/login/", data=data, headers={"Referer": base + "/tai-khoan/login/"}
    )
    opener.open(request).read()
    for cookie in jar:
        if cookie.name == "sessionid":
            return f"sessionid={cookie.value}"
    raise SystemExit("the demo learner could not log in (run `make seed`)")


def pages() -> list[tuple[str, str, bool]]:
    """(label, path, logged in) for every page measured."""
    django_setup()
    from certificates.models import Certificate

    certificate = Certificate.objects.filter(user__email=LEARNER[0]).first()
    if certificate is None:
        raise SystemExit("the demo learner has no certificate (run `make seed`)")
    return [
        ("Trang chủ", "/", False),
        ("Danh mục khóa học", "/khoa-hoc/", False),
        ("Khóa học", "/khoa-hoc/dich-vu-cong-vneid/", True),
        ("Bài học (3 ảnh hướng dẫn)", "/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/", True),
        ("Bài kiểm tra", "/khoa-hoc/dich-vu-cong-vneid/kiem-tra-dich-vu-cong/", True),
        ("Khóa học của tôi", "/hoc/cua-toi/", True),
        ("Chứng chỉ", f"/chung-chi/{certificate.code}/", True),
        ("Xác minh chứng chỉ", f"/xac-minh/{certificate.code}/", False),
    ]


def lighthouse(url: str, cookie: str | None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out.name}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(command, check=True, env=env, timeout=300)  # noqa: S603
        report = json.loads(Path(out.name).read_text())
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    ]
    return {
        "scores": scores,
        "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "bytes": round(report["audits"]["total-byte-weight"]["numericValue"]),
        "failing": failing,
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
        "lighthouse": report["lighthouseVersion"],
        "chrome": report["environment"]["hostUserAgent"],
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu})"


def markdown(results: list[tuple[str, str, dict]], when: str) -> str:
    first = results[0][2]
    chrome = re.search(r"(?:Headless)?Chrome/([\d.]+)", first["chrome"])
    lines = [
        "## Lighthouse",
        "",
        f"Measured {when} with `make lighthouse` (Lighthouse {first['lighthouse']}, mobile "
        f"emulation with simulated slow 4G and 4× CPU slowdown, Chromium "
        f"{chrome.group(1) if chrome else '?'}) on {machine()}. The demo data, served as in "
        "production: hashed static files from WhiteNoise with a year of cache, gzip/brotli, "
        "HTML gzipped by Django. Logged-in pages as the demo learner. "
        "Targets: performance ≥ 0.95, accessibility = 1.0.",
        "",
        "| page | path | performance | accessibility | best practices | LCP | bytes |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, path, result in results:
        scores = result["scores"]
        lines.append(
            f"| {label} | `{path}` | {scores['performance']:.2f} | "
            f"{scores['accessibility']:.2f} | {scores['best-practices']:.2f} | "
            f"{result['lcp_ms'] / 1000:.1f} s | {result['bytes']:,} |"
        )
    lines += [
        "",
        "*bytes*: Lighthouse's total transfer size of a first visit (lazy images in view "
        "included). Performance moves by a few hundredths between runs on a shared 2-core "
        "machine (an earlier run the same day gave the home page 0.96). The script exits "
        "non-zero when a page misses a target.",
        "",
    ]
    return "\n".join(lines)


def write_section(section: str):
    text = BENCHMARKS.read_text()
    pattern = re.compile(r"^## Lighthouse\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    BENCHMARKS.write_text(text.rstrip("\n") + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", help="a running demo server instead of starting one")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    parser.add_argument("--serve", nargs=2, metavar=("PORT", "STATIC_ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1])
        return
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` first")

    server = None
    with tempfile.TemporaryDirectory() as static_root:
        if args.url:
            base = args.url.rstrip("/")
        else:
            manage = [sys.executable, str(ROOT / "manage.py")]
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, cwd=ROOT)  # noqa: S603
            subprocess.run([*manage, "seed_demo", "-v0"], check=True, cwd=ROOT)  # noqa: S603
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, __file__, "--serve", str(port), static_root],
                cwd=ROOT,
                env={**os.environ, "PORT": str(port)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        try:
            wait_for(base)
            cookie = session_cookie(base)
            results = []
            for label, path, logged_in in pages():
                result = lighthouse(base + path, cookie if logged_in else None)
                if urllib.parse.urlsplit(result["final_url"]).path != path:
                    raise SystemExit(f"{path} ended at {result['final_url']}: not measured")
                results.append((label, path, result))
                scores = " ".join(f"{k}={v:.2f}" for k, v in result["scores"].items())
                print(f"{label:<26} {path:<55} {scores}  failing: {result['failing'] or '-'}")
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = markdown(results, when)
    if args.no_write:
        print(section)
    else:
        write_section(section)
        print(f"written to {BENCHMARKS.relative_to(ROOT)}")
    missed = [
        f"{label}: {name} {result['scores'][name]:.2f} < {target}"
        for label, _path, result in results
        for name, target in TARGETS.items()
        if result["scores"][name] < target
    ]
    if missed:
        print("below target:\n  " + "\n  ".join(missed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
