"""The demo learner's "Hồ sơ năng lực số", at phone size and desktop size."""

from people.demo import DEMO_PASSWORD


def test_demo_learner_sees_real_levels_in_the_competency_profile(watched):
    page = watched.page
    watched.goto("/nang-luc/ho-so/")
    assert "/tai-khoan/login/" in page.url  # the profile needs a log-in
    page.fill('input[name="login"]', "hocvien@example.com")
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/nang-luc/ho-so/")

    assert page.get_by_role("heading", level=1).inner_text() == "Hồ sơ năng lực số"
    assert page.get_by_role("heading", level=2, name="4. An toàn").is_visible()
    bars = page.locator("svg.cp-bar[role=img]")
    assert bars.count() == 24
    assert "Trung cấp 3" in page.locator("#main").inner_text()
    # every bar is named by its <title> and described by its <desc>
    first = bars.first
    labelled = first.get_attribute("aria-labelledby").split()
    assert all(page.locator(f"#{ident}").count() == 1 for ident in labelled)
    # nothing overflows a phone-width screen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_text("Xem dạng bảng").click()
    assert page.get_by_role("table").is_visible()
    assert page.get_by_role("row").count() == 25
    watched.screenshot("competency-profile")
    watched.assert_clean()
