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
    assert "Xã Long Phước" in chart.locator("title").first.text_content()
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


# (path, screenshot, a text the chart's title holds for the demo commune manager)
REPORTS = [
    ("/admin/bao-cao/tong-quan-khoa-hoc/", "report-course-overview", "Xã Long Phước"),
    ("/admin/bao-cao/can-nhac-nho/", "report-to-call", "Xã Long Phước"),
    ("/admin/bao-cao/ket-qua-kiem-tra/", "report-quiz-results", "Tỉ lệ đạt theo bài kiểm tra"),
    ("/admin/bao-cao/xu-huong/", "report-trend", "Xã Long Phước"),
    ("/admin/bao-cao/khoang-trong-nang-luc/", "report-competency-gaps", "bậc 2"),
]


@pytest.mark.parametrize("watched", ["desktop"], indirect=True)
def test_commune_manager_opens_every_report_with_a_chart_from_the_home_panel(watched):
    page = watched.page
    watched.goto("/tai-khoan/login/?next=/admin/")
    page.fill('input[name="login"]', "quanly@example.com")
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")

    panel = page.locator("#reports-home-section")
    panel.wait_for()
    assert "Xã Long Phước" in panel.inner_text()
    assert panel.locator("tbody tr").count() >= 1  # the teams furthest behind
    watched.screenshot("report-home-panel")

    for path, name, title in REPORTS:
        watched.goto(path)
        chart = page.locator("svg.report-chart").first
        chart.wait_for()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 60
        assert title in chart.locator("title").first.text_content()
        # The data is there: the table alternative has rows, and figures are not all zero.
        table = page.locator("table.listing").first
        assert table.locator("tbody tr").count() >= 1
        assert any(
            cell.strip() not in ("", "0", "0.0", "—")
            for cell in table.locator("tbody td").all_inner_texts()
        )
        assert "Xã Bình Lợi" not in page.content()
        watched.screenshot(name)

    # One quiz's statistics are a drill-down from the quiz results' list.
    watched.goto("/admin/bao-cao/ket-qua-kiem-tra/")
    page.locator("table.listing tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    chart = page.locator("svg.report-chart").first
    chart.wait_for()
    assert "Phân bố điểm" in chart.locator("title").first.text_content()
    assert page.locator("#quiz-detail-heading").is_visible()
    watched.screenshot("report-quiz-detail")
    watched.assert_clean()
