"""The demo learner opens their certificate, prints it and checks it by its QR address."""

from certificates.demo import DEMO_CODE
from people.demo import DEMO_PASSWORD


def test_demo_learner_opens_prints_and_verifies_the_certificate(watched, settings):
    settings.WAGTAILADMIN_BASE_URL = watched.base_url  # the QR points at this server
    page = watched.page
    watched.goto("/chung-chi/")
    assert "/tai-khoan/login/" in page.url
    page.fill('input[name="login"]', "hocvien@example.com")
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Chứng chỉ của tôi"

    page.get_by_role("link", name="Xem và in").first.click()
    page.wait_for_load_state("networkidle")
    certificate = page.locator("article.cert")
    assert "Nguyễn Thị Lan" in certificate.inner_text()
    assert certificate.locator(".cert-qr svg").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    watched.screenshot("certificate")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    watched.screenshot("certificate-print")
    page.emulate_media(media="screen")

    verify_url = page.locator(".cert-url").inner_text().split()[-1]
    assert verify_url.startswith(watched.base_url) and DEMO_CODE in verify_url
    watched.goto(verify_url.removeprefix(watched.base_url))
    main = page.locator("#main").inner_text()
    assert "Hợp lệ" in main and "Nguyễn Thị Lan" in main
    watched.screenshot("verify")
    watched.assert_clean()
