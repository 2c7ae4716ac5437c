import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import TEST_PASSWORD, UserFactory
from tests.reports.conftest import enrol, member_create

pytestmark = pytest.mark.django_db

COMPLETION = reverse("reports_completion")
TO_CALL = reverse("reports_to_call")
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
# Every report, by its URL name: each has a page and a results fragment (…_results).
REPORT_NAMES = [
    "reports_completion",
    "reports_to_call",
    "reports_overview",
    "reports_quizzes",
    "reports_trend",
    "reports_gaps",
]
REPORT_URLS = [reverse(name) for name in REPORT_NAMES] + [
    reverse(f"{name}_results") for name in REPORT_NAMES
]


@pytest.fixture
def manager_client(client, manager):
    client.login(username=manager.username, password=TEST_PASSWORD)
    return client


@pytest.fixture
def figures(tree, course):
    an = member_create(tree["team_1"], full_name="Nguyễn Văn An", phone="+84912345678")
    enrol(an, course, source="assigned", completed=True, certified=True)
    enrol(member_create(tree["team_2"], full_name="Trần Thị Bình"), course, source="bulk")
    enrol(member_create(tree["team_b"], full_name="Lê Văn Cường"), course, source="bulk")


def test_completion_report_shows_child_units_chart_and_drill_down(manager_client, tree, figures):
    response = manager_client.get(COMPLETION)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổ A1" in html and "Tổ A2" in html and "Tổ B1" not in html
    assert "<svg" in html and '<title id="report-chart-title">' in html
    assert f"unit={tree['team_1'].pk}" in html


def test_at_a_team_the_report_lists_its_learners(manager_client, tree, figures):
    response = manager_client.get(COMPLETION, {"unit": tree["team_1"].pk})
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html
    assert ">Xã A</a>" in html  # breadcrumb back to the commune


def test_completion_csv_has_a_bom_and_vietnamese_headings(manager_client, tree, course, figures):
    response = manager_client.get(COMPLETION, {"course": course.pk, "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Đơn vị", "Số người học", "Đã đăng ký"]
    assert rows[1][:4] == ["Tổ A1", "1", "1", "1"]
    assert rows[-1][0] == "Xã A"
    assert f"hoan-thanh-A-{course.slug}-" in response["Content-Disposition"]


def test_completion_xlsx_exports_the_learners_of_a_team(manager_client, tree, figures):
    response = manager_client.get(COMPLETION, {"unit": tree["team_1"].pk, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Họ và tên", "Tổ", "Số điện thoại")
    assert rows[1][:3] == ("Nguyễn Văn An", "Tổ A1", "+84912345678")


def test_who_to_call_at_a_commune_counts_per_team_and_links_to_each(
    manager_client, tree, course, figures
):
    response = manager_client.get(TO_CALL, {"course": course.pk})
    html = response.content.decode()
    rows = {
        row.label: (row.not_started, row.overdue, row.total)
        for row in response.context["summary"].rows
    }
    assert rows == {"Tổ A1": (0, 0, 0), "Tổ A2": (1, 0, 1)}
    assert response.context["summary"].total.total == 1
    assert "Trần Thị Bình" not in html and "Tổ B1" not in html  # counts, not names
    assert "Chưa bắt đầu" in html and "Quá hạn" in html and "Tổng Xã A" in html
    links = [url for _row, url, _cells in response.context["unit_rows"]]
    assert f"unit={tree['team_2'].pk}" in links[1] and f"course={course.pk}" in links[1]
    assert '<span aria-current="page">Xã A</span>' in html  # the breadcrumb
    assert "<svg" in html


def test_who_to_call_at_a_team_lists_its_learners_with_phone(manager_client, tree, figures):
    response = manager_client.get(TO_CALL, {"unit": tree["team_1"].pk})
    assert response.context["summary"] is None and list(response.context["object_list"]) == []
    response = manager_client.get(TO_CALL, {"unit": tree["team_2"].pk})
    html = response.content.decode()
    assert "Trần Thị Bình" in html and "Nguyễn Văn An" not in html and "Lê Văn Cường" not in html
    assert ">Xã A</a>" in html  # breadcrumb back to the commune
    assert response.context["object_list"][0].state == "Chưa bắt đầu"


@pytest.mark.parametrize("unit", [None, "commune", "team_2"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_who_to_call_exports_the_learners_of_the_chosen_unit_at_every_level(
    manager_client, tree, figures, unit, kind
):
    params = {"export": kind} if unit is None else {"export": kind, "unit": tree[unit].pk}
    body = b"".join(manager_client.get(TO_CALL, params).streaming_content)
    if kind == "csv":
        text = body.decode("utf-8")
        assert text.startswith("\ufeff") and "Trần Thị Bình" in text and "Tổ A2" in text
        assert "Lê Văn Cường" not in text and "Nguyễn Văn An" not in text
        assert text.count("\n") == 2
    else:
        rows = list(load_workbook(io.BytesIO(body)).active.values)
        assert rows[0][:3] == ("Họ và tên", "Số điện thoại", "Tổ")
        assert [row[0] for row in rows[1:]] == ["Trần Thị Bình"]


def test_who_to_call_for_an_administrator_starts_at_the_province(client, tree, figures):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(TO_CALL)
    rows = {row.label: row.total for row in response.context["summary"].rows}
    assert rows == {"Xã A": 1, "Xã B": 1}
    assert client.get(TO_CALL, {"unit": tree["team_b"].pk}).context["summary"] is None


@pytest.mark.parametrize("url", REPORT_URLS)
@pytest.mark.parametrize("extra", [{}, {"export": "csv"}, {"export": "xlsx"}])
def test_a_unit_outside_the_scope_is_not_found_on_every_report_url(
    manager_client, tree, url, extra
):
    for foreign in ("other", "team_b", "province"):
        response = manager_client.get(url, {"unit": tree[foreign].pk, **extra})
        assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"unit": "999999"},
        {"unit": "99999999999999999999999"},
        {"as_of": "2999-01-01"},
        {"as_of": "hôm qua"},
    ],
)
def test_an_impossible_filter_is_a_form_error_not_a_500(manager_client, params):
    response = manager_client.get(COMPLETION, params)
    assert response.status_code == 200
    assert response.context["filters"].errors
    assert manager_client.get(TO_CALL, params).status_code == 200


@pytest.mark.parametrize("params", [{"unit": "xa-a"}, {"course": "chu-ky-so"}])
def test_an_id_that_is_not_a_number_is_a_400_with_the_reason(manager_client, params):
    response = manager_client.get(COMPLETION, params)
    assert response.status_code == 400
    assert "phải là một số nguyên dương" in response.content.decode()
    assert manager_client.get(TO_CALL, params).status_code == 400


def test_a_future_date_says_what_is_wrong(manager_client):
    response = manager_client.get(COMPLETION, {"as_of": "2999-01-01"})
    assert "Ngày tính số liệu không được ở tương lai." in response.content.decode()


def test_a_learner_has_no_access_to_reports(client, tree):
    learner = member_create(tree["team_1"])
    client.login(username=learner.username, password=TEST_PASSWORD)
    for url in REPORT_URLS:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Tổ A1" not in response.content.decode()


def test_an_admin_user_without_a_unit_role_is_turned_away(client, tree):
    from django.contrib.auth.models import Permission

    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.login(username=editor.username, password=TEST_PASSWORD)
    # Wagtail answers PermissionDenied in its admin with a redirect to the dashboard.
    response = client.get(COMPLETION)
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_the_reports_menu_is_shown_only_to_people_with_a_scope(manager_client, tree):
    from django.contrib.auth.models import Permission

    menu = '"name": "bao-cao"'
    home = reverse("wagtailadmin_home")
    assert menu in manager_client.get(home).content.decode()
    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    manager_client.force_login(editor)
    assert menu not in manager_client.get(home).content.decode()


def test_an_administrator_sees_every_unit(client, tree, figures):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(COMPLETION).content.decode()
    assert "Xã A" in html and "Xã B" in html
    assert client.get(COMPLETION, {"unit": tree["team_b"].pk}).status_code == 200


def test_who_to_call_shows_fifty_a_page_and_exports_all(manager_client, tree, course):
    for _ in range(52):
        enrol(member_create(tree["team_1"]), course, source="bulk")
    response = manager_client.get(TO_CALL, {"unit": tree["team_1"].pk})
    assert len(response.context["object_list"]) == 50
    assert response.context["object_list"][0].state == "Chưa bắt đầu"
    assert "52 lượt cần nhắc" in response.content.decode()
    summary = manager_client.get(TO_CALL).context["summary"]
    assert [row.total for row in summary.rows] == [52, 0]
    for unit in (tree["commune"], tree["team_1"]):
        export = manager_client.get(TO_CALL, {"unit": unit.pk, "export": "csv"})
        assert len(b"".join(export.streaming_content).decode("utf-8").splitlines()) == 53


def test_who_to_call_counts_a_teams_list_from_the_units_counters(manager_client, tree, course):
    """With the roll-ups built, the pager's total is the units' counters (kept as the
    enrolments come), not a count of the team's enrolments: and it is the list's length."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.rollups import rollups_rebuild

    for number in range(51):
        learner = member_create(tree["team_1"], full_name=f"Người học {number:03d}")
        # Every third started but overdue; the others not started.
        started = number % 3 == 0
        enrol(
            learner, course, source="bulk", started=started, due_on=YESTERDAY if started else None
        )
    rollups_rebuild()
    with CaptureQueriesContext(connection) as queries:
        response = manager_client.get(TO_CALL, {"unit": tree["team_1"].pk})
    assert "51 lượt cần nhắc" in response.content.decode()
    assert not [q for q in queries if 'COUNT(*) AS "__count" FROM "courses_enrollment"' in q["sql"]]
    export = manager_client.get(TO_CALL, {"unit": tree["team_1"].pk, "export": "csv"})
    assert len(b"".join(export.streaming_content).decode("utf-8").splitlines()) == 1 + 51


def _team_of(tree, course, learners: int):
    for number in range(learners):
        enrol(member_create(tree["team_1"], full_name=f"Người học {number:03d}"), course)


def test_a_teams_learners_are_paginated_fifty_a_page_with_a_vietnamese_pager(
    manager_client, tree, course
):
    _team_of(tree, course, 63)
    first = manager_client.get(COMPLETION, {"unit": tree["team_1"].pk, "course": course.pk})
    assert len(first.context["learners"]) == 50
    html = first.content.decode()
    assert "Trang 1 / 2" in html and "Trang sau" in html and "Trang trước" not in html
    # The next page's link keeps the filters.
    assert f"unit={tree['team_1'].pk}" in html.split("Trang sau")[0].rsplit("href=", 1)[1]
    assert f"course={course.pk}" in html.split("Trang sau")[0].rsplit("href=", 1)[1]
    second = manager_client.get(COMPLETION, {"unit": tree["team_1"].pk, "p": "2"})
    assert len(second.context["learners"]) == 13
    assert "Người học 062" in second.content.decode()
    assert "Trang trước" in second.content.decode()


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "2.5"])
def test_a_page_number_out_of_range_or_garbage_is_not_a_500(manager_client, tree, course, page):
    _team_of(tree, course, 55)
    for url in (COMPLETION, TO_CALL):
        response = manager_client.get(url, {"unit": tree["team_1"].pk, "p": page})
        assert response.status_code == 200


def test_a_teams_export_holds_every_learner_not_one_page(manager_client, tree, course):
    _team_of(tree, course, 63)
    for kind in ("csv", "xlsx"):
        response = manager_client.get(COMPLETION, {"unit": tree["team_1"].pk, "export": kind})
        body = b"".join(response.streaming_content)
        if kind == "csv":
            assert body.decode("utf-8-sig").count("Người học") == 63
        else:
            assert len(list(load_workbook(io.BytesIO(body)).active.iter_rows())) == 64


def test_a_drill_down_link_starts_at_the_first_page(manager_client, tree, course, figures):
    response = manager_client.get(COMPLETION, {"p": "3"})
    links = [url for _row, url, _cells in response.context["unit_rows"] if url]
    assert links and all("p=" not in url for url in links)


def test_the_course_dropdown_follows_a_renamed_course(manager_client, tree, course):
    assert "Chữ ký số" in manager_client.get(COMPLETION).content.decode()
    course.title = "Chữ ký số nâng cao"
    course.save_revision().publish()
    assert "Chữ ký số nâng cao" in manager_client.get(COMPLETION).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "as_of=2026-10-28",
        "unit=7&as_of=2026-10-28&course=3",
        "course=3&unit=7&p=2&export=csv&as_of=2026-10-28",
        "as_of=2026-10-28&course=&p=3&unit=",
        "x=1&x=2&unit=7&q=a+b%26c",
        "p=2",
    ],
)
def test_a_drill_down_link_keeps_the_query_with_the_unit_in_its_place(rf, tree, query):
    """The link is built from the query encoded once per page: the same URL as setting the
    unit on a copy of the query, dropping the export and the page number."""
    from django.http import QueryDict

    from reports.views.completion import CompletionReportView

    view = CompletionReportView()
    view.request = rf.get(f"{reverse('reports_completion')}?{query}")
    for unit in (tree["commune"], tree["team_1"]):
        params = QueryDict(query, mutable=True)
        params.pop("export", None)
        params.pop("p", None)
        params["unit"] = unit.pk
        assert view.drill_down_url(unit) == f"{view.index_url}?{params.urlencode()}"


def test_the_viewers_units_follow_a_unit_moved_created_or_renamed(manager_client, tree):
    """A manager's units are kept between requests (lms.admin_chrome's key); a unit moved into
    or out of their commune, created or renamed is seen on the very next request."""
    from people.services import unit_create, unit_move

    def units_shown():
        response = manager_client.get(COMPLETION)
        return sorted(unit.name for unit in response.wsgi_request.report_scope)

    assert units_shown() == ["Tổ A1", "Tổ A2", "Xã A"]
    unit_move(unit=tree["team_b"], parent=tree["commune"])
    assert units_shown() == ["Tổ A1", "Tổ A2", "Tổ B1", "Xã A"]
    assert manager_client.get(COMPLETION, {"unit": tree["team_b"].pk}).status_code == 200
    unit_move(unit=tree["team_1"], parent=tree["other"])
    assert units_shown() == ["Tổ A2", "Tổ B1", "Xã A"]
    assert manager_client.get(COMPLETION, {"unit": tree["team_1"].pk}).status_code == 404
    unit_create(name="Tổ A3", code="A3", kind="team", parent=tree["commune"])
    tree["team_2"].name = "Tổ A2 mới"
    tree["team_2"].save()
    assert units_shown() == ["Tổ A2 mới", "Tổ A3", "Tổ B1", "Xã A"]


def test_the_viewers_units_are_read_once_then_kept(manager, tree, django_assert_num_queries):
    from django.test import RequestFactory

    from reports.views.base import viewer_scope

    def request():
        made = RequestFactory().get(COMPLETION)
        made.user = manager  # one user object: its permissions and roles are read once
        return made

    first = viewer_scope(request())
    with django_assert_num_queries(0):
        kept = viewer_scope(request())
    assert [unit.pk for unit in kept] == [unit.pk for unit in first]
    assert [unit.name for unit in kept] == ["Xã A", "Tổ A1", "Tổ A2"]
    assert kept.filter(pk=tree["team_1"].pk).exists()  # still a queryset
