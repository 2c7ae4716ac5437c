"""The course overview, quiz results, trend and competency gaps pages, and the home panel."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from competencies.models import Competence, CompetenceLevel
from competencies.selectors import primary_framework
from tests.factories import TEST_PASSWORD, UserFactory, question_create, quiz_create
from tests.reports.conftest import enrol, member_create
from tests.reports.test_reads import attempt_create

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("reports_overview")
QUIZZES = reverse("reports_quizzes")
TREND = reverse("reports_trend")
GAPS = reverse("reports_gaps")
HOME = reverse("wagtailadmin_home")
NEW_REPORTS = [OVERVIEW, QUIZZES, TREND, GAPS]


@pytest.fixture
def manager_client(client, manager):
    client.login(username=manager.username, password=TEST_PASSWORD)
    return client


@pytest.fixture
def quiz(course):
    return quiz_create(course=course, questions=[question_create(), question_create()])


@pytest.fixture
def figures(tree, course, quiz):
    competence = Competence.objects.of_framework(primary_framework()).first()
    since = datetime.date(2025, 1, 1)
    an = member_create(tree["team_1"], full_name="Nguyễn Văn An", since=since)
    binh = member_create(tree["team_2"], full_name="Trần Thị Bình", since=since)
    cuong = member_create(tree["team_b"], full_name="Lê Văn Cường", since=since)
    enrol(an, course, completed=True, certified=True)
    enrol(binh, course, started=True)
    enrol(cuong, course, completed=True)
    attempt_create(an, quiz, score=90)
    attempt_create(binh, quiz, score=40)
    attempt_create(cuong, quiz, score=10)
    CompetenceLevel.objects.create(user=an, competence=competence, level=3)
    CompetenceLevel.objects.create(user=cuong, competence=competence, level=3)


def export(client, url, params, kind):
    response = client.get(url, {**params, "export": kind})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if kind == "csv":
        text = body.decode("utf-8")
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text.lstrip("\ufeff")))), response
    return [list(row) for row in load_workbook(io.BytesIO(body)).active.values], response


@pytest.mark.parametrize("url", NEW_REPORTS)
def test_each_report_shows_a_described_chart_and_only_the_managers_units(
    manager_client, figures, url
):
    response = manager_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="report-chart" role="img"' in html and '-desc">' in html
    assert "<table" in html  # the chart's table alternative
    assert "Lê Văn Cường" not in html and "Tổ B1" not in html


def test_overview_lists_each_course_with_its_figures(manager_client, figures, course, tree):
    response = manager_client.get(OVERVIEW)
    (row,) = response.context["object_list"]
    assert (row.label, row.enrolled, row.started, row.completed, row.certified) == (
        course.title,
        2,
        2,
        1,
        1,
    )
    rows, response = export(manager_client, OVERVIEW, {"unit": tree["commune"].pk}, "csv")
    assert rows[0] == [
        "Khóa học",
        "Đã đăng ký",
        "Đã bắt đầu",
        "Đã hoàn thành",
        "Đã có chứng chỉ",
        "Tỉ lệ hoàn thành (%)",
    ]
    assert rows[1] == [course.title, "2", "2", "1", "1", "50.0"]
    assert 'filename="tong-quan-khoa-hoc-A-' in response["Content-Disposition"]


def test_quiz_results_show_pass_rates_then_one_quizs_histogram_and_item_statistics(
    manager_client, figures, quiz
):
    response = manager_client.get(QUIZZES)
    html = response.content.decode()
    (row,) = response.context["object_list"]
    assert (row.attempts, row.passed, row.pass_rate) == (2, 1, 50.0)
    # The list first, with a chart of the pass rates: one quiz's statistics are a drill-down.
    assert "detail" not in response.context
    assert 'id="quiz-pass-rates-title"' in html and "Tỉ lệ đạt theo bài kiểm tra" in html
    link = f"quiz={quiz.pk}"
    assert link in html and "Chỉ số dễ" not in html
    response = manager_client.get(QUIZZES, {"quiz": quiz.pk})
    html = response.content.decode()
    assert response.context["detail"]["quiz"] == quiz
    assert 'id="quiz-scores-title"' in html and "Phân bố điểm" in html and "Chỉ số dễ" in html
    assert 'aria-current="true"' in html
    rows, response = export(manager_client, QUIZZES, {"course": quiz.get_parent().pk}, "xlsx")
    assert rows[0][:4] == ["Bài kiểm tra", "Số lần làm đã nộp", "Số lần đạt", "Tỉ lệ đạt (%)"]
    assert rows[1][:3] == [quiz.title, 2, 1]
    assert "ket-qua-kiem-tra-A-chu-ky-so-bc-" in response["Content-Disposition"]


def test_trend_has_one_row_per_week_and_exports_them(manager_client, figures):
    response = manager_client.get(TREND, {"weeks": "4"})
    rows = response.context["object_list"]
    assert len(rows) == 4 and sum(row.enrolled for row in rows) == 2
    # The page tells the manager where an event counts (the learner's unit on its day).
    assert "được tính cho đơn vị mà người học thuộc về vào ngày đó" in response.content.decode()
    rows, response = export(manager_client, TREND, {"weeks": "8"}, "csv")
    assert rows[0] == ["Tuần bắt đầu ngày", "Lượt đăng ký", "Lượt hoàn thành"]
    assert len(rows) == 9
    assert "xu-huong-A-8-tuan-" in response["Content-Disposition"]


def test_gaps_show_child_units_by_competence_and_export_a_column_each(
    manager_client, figures, tree
):
    response = manager_client.get(GAPS, {"level": "3"})
    lines = response.context["lines"]
    assert [line.label for line in lines] == ["Tổ A1", "Tổ A2", "Xã A"]
    assert lines[0].shares[0].share == 1.0 and lines[1].shares[0].share == 0
    rows, response = export(manager_client, GAPS, {"level": "3"}, "xlsx")
    competences = Competence.objects.of_framework(primary_framework()).count()
    assert rows[0][:2] == ["Đơn vị", "Số người học"] and len(rows[0]) == 2 + competences
    assert rows[1][:3] == ["Tổ A1", 1, 100]
    assert "khoang-trong-nang-luc-A-bac-3-" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "url, params, field",
    [
        (OVERVIEW, {"unit": "999999"}, "unit"),
        (OVERVIEW, {"as_of": "2999-01-01"}, "as_of"),
        (QUIZZES, {"as_of": "hôm qua"}, "as_of"),
        (TREND, {"weeks": "5"}, "weeks"),
        (TREND, {"as_of": "2999-01-01"}, "as_of"),
        (GAPS, {"level": "9"}, "level"),
    ],
)
@pytest.mark.parametrize("extra", [{}, {"export": "csv"}])
def test_an_impossible_filter_is_a_form_error_not_a_500(
    manager_client, figures, url, params, field, extra
):
    response = manager_client.get(url, {**params, **extra})
    assert response.status_code == 200
    if not extra:
        assert field in response.context["filters"].errors
        assert "Hãy sửa bộ lọc" in response.content.decode()


@pytest.mark.parametrize(
    "url, params",
    [
        (OVERVIEW, {"unit": "xa-a"}),
        (QUIZZES, {"course": "chu-ky-so"}),
        (QUIZZES, {"quiz": "kiem-tra"}),
        (TREND, {"weeks": "mười"}),
        (TREND, {"course": "1.5"}),
        (GAPS, {"level": "cao"}),
        (GAPS, {"unit": "-1"}),
    ],
)
@pytest.mark.parametrize("extra", [{}, {"export": "csv"}])
def test_a_value_that_is_not_a_plain_number_is_a_400_not_a_500(manager_client, url, params, extra):
    response = manager_client.get(url, {**params, **extra})
    assert response.status_code == 400
    assert "phải là một số nguyên dương" in response.content.decode()


def test_the_future_date_error_is_in_vietnamese(manager_client):
    html = manager_client.get(TREND, {"as_of": "2999-01-01"}).content.decode()
    assert "Ngày tính số liệu không được ở tương lai." in html


# Query budgets of these pages: test_queries.py.


# --- the home panel ----------------------------------------------------------------------------


def test_the_home_panel_gives_a_manager_their_units_headline_and_who_is_behind(
    manager_client, figures, tree
):
    html = manager_client.get(HOME).content.decode()
    assert 'id="reports-home-section"' in html
    assert "Báo cáo đơn vị" in html and "Xã A" in html
    panel = html[html.index('id="reports-home-section"') :]
    assert panel.index("Tổ A2") < panel.index("Tổ A1")  # 0 % before 100 %
    assert f"{reverse('reports_completion')}?unit={tree['team_2'].pk}" in panel
    for name in ("reports_overview", "reports_quizzes", "reports_trend", "reports_gaps"):
        assert f"{reverse(name)}?unit={tree['commune'].pk}" in panel
    assert "Tổ B1" not in html


def test_the_home_panel_shows_an_administrator_the_province(client, figures):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(HOME).content.decode()
    assert "Báo cáo đơn vị" in html and "Tỉnh thử" in html


def test_no_home_panel_without_a_scope(client, figures):
    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    response = client.get(HOME)
    assert response.status_code == 200
    assert "reports-home" not in response.content.decode()
