"""A first visit, at phone size and desktop size: home → log-in page → sign-up page."""

import re


def test_smoke_walk_home_login_signup(watched):
    page = watched.page
    response = watched.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Học kỹ năng số")
    watched.screenshot("home")

    page.get_by_role("link", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/tai-khoan/login/", page.url)
    watched.screenshot("login")

    page.goto("/tai-khoan/signup/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form").count() >= 1
    watched.screenshot("signup")
    watched.assert_clean()


def test_large_text_switch_persists_across_pages(watched):
    page = watched.page
    watched.goto("/")
    base = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert base >= 18
    page.get_by_text("Tùy chọn hiển thị").click()
    page.get_by_role("button", name="Chữ lớn").click()
    page.wait_for_load_state("networkidle")
    watched.goto("/tai-khoan/login/")
    larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger > base
    watched.assert_clean()


def test_skip_link_is_the_first_tab_stop(watched):
    page = watched.page
    watched.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, tới nội dung chính"
    watched.assert_clean()
