"""Display preferences in the browser: the header menu "Tùy chọn hiển thị" with large text, high
contrast and data saver; each persists across pages, also without JavaScript; data saver loads
a lesson's images only when tapped."""

import pytest

from tests.e2e.conftest import WatchedPage

LESSON = "/khoa-hoc/dich-vu-cong-vneid/cai-dat-vneid/"


@pytest.fixture
def phone(browser, live_server, demo_site):
    page = WatchedPage(browser, live_server.url, "phone")
    yield page
    page.close()


def switch(watched: WatchedPage, label: str):
    page = watched.page
    page.get_by_text("Tùy chọn hiển thị").click()
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()
    page.wait_for_load_state("networkidle")


def image_bytes(watched: WatchedPage) -> int:
    return sum(
        len(response.body())
        for response in watched.responses
        if "/media/images/" in response.url and response.status == 200
    )


def test_high_contrast_persists_and_darkens_the_text(phone):
    page = phone.page
    phone.goto("/")
    normal = page.evaluate("getComputedStyle(document.body).color")
    switch(phone, "Tương phản cao")
    phone.goto("/khoa-hoc/")
    assert "contrast-high" in page.locator("html").get_attribute("class")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)" != normal
    page.get_by_text("Tùy chọn hiển thị").click()
    assert page.get_by_role("button", name="Tương phản cao").get_attribute("aria-pressed") == "true"
    phone.screenshot("high-contrast")
    phone.assert_clean()


def test_data_saver_loads_a_lesson_image_only_when_tapped(browser, live_server, phone):
    normal = WatchedPage(browser, live_server.url, "phone")
    try:
        normal.goto(LESSON)
        normal.page.mouse.wheel(0, 5000)  # bring every lazy image into view
        normal.page.wait_for_timeout(500)
        normal.page.wait_for_load_state("networkidle")
        with_images = image_bytes(normal)
        normal.assert_clean()
    finally:
        normal.close()
    assert with_images > 0

    page = phone.page
    phone.goto("/")
    switch(phone, "Tiết kiệm dữ liệu")
    phone.responses.clear()
    phone.goto(LESSON)
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(500)
    assert image_bytes(phone) == 0, "an image loaded before it was tapped"
    assert page.locator("header img").count() == 0  # no decorative logo either
    taps = page.locator("details.on-tap > summary")
    assert taps.count() >= 1
    phone.screenshot("data-saver")

    taps.first.click()
    shot = page.locator("details.on-tap").first.locator("img")
    shot.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shot.element_handle())
    tapped = image_bytes(phone)
    assert 0 < tapped < with_images
    print(f"lesson images: {with_images} B at once; {tapped} B after one tap in data saver")
    phone.assert_clean()


def test_the_switches_work_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="vi-VN"
    )
    page = context.new_page()
    try:
        page.goto("/")
        page.get_by_text("Tùy chọn hiển thị").click()
        page.get_by_role("button", name="Chữ lớn").click()
        page.wait_for_load_state()
        page.get_by_text("Tùy chọn hiển thị").click()
        page.get_by_role("button", name="Tiết kiệm dữ liệu").click()
        page.wait_for_load_state()
        page.goto(LESSON)
        classes = page.locator("html").get_attribute("class").split()
        assert {"text-large", "data-saver"} <= set(classes)
        summary = page.locator("details.on-tap > summary").first
        summary.click()
        assert page.locator("details.on-tap").first.get_attribute("open") is not None
    finally:
        context.close()
