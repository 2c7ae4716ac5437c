"""The demo commune manager opens the completion report and sees their units in a chart."""

import pytest

from people.demo import DEMO_PASSWORD


@pytest.mark.parametrize("watched", ["desktop"], indirect=True)
def test_commune_manager_sees_completion_by_unit_with_a_chart(watched):
    page = watched.page
    watched.goto("/tai-khoan/login/?next=/admin/bao-cao/hoan-thanh/")
    page.fill('input[name="login"]', "quanly@example.com")
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/admin/bao-cao/hoan-thanh/")

    chart = page.locator("svg.report-chart")
    chart.wait_for()
    assert chart.is_visible()
    assert "Xã Long Phước" in chart.locator("title").text_content()
    table = page.locator("table.listing")
    assert "Xã Bình Lợi" not in page.content()
    first_team = table.locator("tbody a").first
    team_name = first_team.inner_text()
    watched.screenshot("report-completion")

    first_team.click()
    page.wait_for_load_state("networkidle")
    assert team_name in page.locator("span[aria-current=page]").inner_text()
    assert page.locator("table.listing tbody tr").count() >= 3  # the team's members
    watched.assert_clean()
