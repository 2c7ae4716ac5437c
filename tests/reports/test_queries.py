"""Query budgets of every report URL (page, results fragment, drill-down, second page, CSV and
XLSX export, admin home), for a commune manager and an administrator, at a small and a larger
size: the larger one has six times the teams and four times the learners a team, so a query
per team or per learner fails the budget.

Each count is the second request of a session (the first writes the session and fills the
cached course, quiz and competence lists, reports.lookups); the first request after a change
of those lists costs one to two queries more (test_a_cold_cache_costs_at_most_two_more).

Of each count, 4 for a manager (2 for an administrator) are Django's and Wagtail's admin
itself, outside our code: the session's user, the user's and their groups' permissions
(Django's ModelBackend), the Wagtail user profile (admin language). Wagtail's menu and search
areas (page and collection permissions) and its config (the locales) cost three more on a
person's first admin page in a process; after it they are kept (lms/admin_chrome.py), as in
the counts below. One more is ours on every page: the viewer's unit roles (read once per
request)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from competencies.models import Competence, CompetenceLevel
from competencies.selectors import primary_framework
from reports.lookups import KEYS
from reports.rollups import rollups_rebuild
from tests.factories import TEST_PASSWORD, UserFactory, question_create, quiz_create, unit_create
from tests.reports.conftest import enrol, member_create
from tests.reports.test_reads import attempt_create

pytestmark = pytest.mark.django_db

COMPLETION = reverse("reports_completion")
HOME = reverse("wagtailadmin_home")

# name: (URL name, query, streamed export?)
PAGES = {
    "completion": ("reports_completion", {}, False),
    "completion-course": ("reports_completion", {"course": "{course}"}, False),
    "completion-results": ("reports_completion_results", {}, False),
    "completion-team": ("reports_completion", {"unit": "{team}"}, False),
    "completion-team-page-2": ("reports_completion", {"unit": "{team}", "p": "2"}, False),
    "completion-csv": ("reports_completion", {"export": "csv"}, True),
    "completion-xlsx": ("reports_completion", {"export": "xlsx"}, True),
    "completion-team-csv": ("reports_completion", {"unit": "{team}", "export": "csv"}, True),
    "to-call": ("reports_to_call", {}, False),
    "to-call-results": ("reports_to_call_results", {}, False),
    "to-call-csv": ("reports_to_call", {"export": "csv"}, True),
    "to-call-xlsx": ("reports_to_call", {"export": "xlsx"}, True),
    "to-call-course": ("reports_to_call", {"course": "{course}"}, False),
    "to-call-team": ("reports_to_call", {"unit": "{team}"}, False),
    "to-call-team-page-2": ("reports_to_call", {"unit": "{team}", "p": "2"}, False),
    "to-call-team-csv": ("reports_to_call", {"unit": "{team}", "export": "csv"}, True),
    "overview": ("reports_overview", {}, False),
    "overview-csv": ("reports_overview", {"export": "csv"}, True),
    "quizzes": ("reports_quizzes", {}, False),
    "quizzes-course": ("reports_quizzes", {"course": "{course}"}, False),
    "quizzes-xlsx": ("reports_quizzes", {"export": "xlsx"}, True),
    "quizzes-detail": ("reports_quizzes", {"quiz": "{quiz}"}, False),
    "trend": ("reports_trend", {}, False),
    "trend-csv": ("reports_trend", {"export": "csv"}, True),
    "gaps": ("reports_gaps", {}, False),
    "gaps-xlsx": ("reports_gaps", {"export": "xlsx"}, True),
    "home": ("wagtailadmin_home", {}, False),
}

# Measured on SQLite and PostgreSQL, 28 November 2026 (the same at both sizes), with the
# admin chrome and the viewer's units kept (lms/admin_chrome.py, reports.views.base.viewer_scope)
# and the trend, gaps and quiz statistics read from the roll-ups.
MANAGER = {
    "completion": 6,
    "completion-course": 6,
    "completion-results": 6,
    "completion-team": 7,
    "completion-team-page-2": 7,
    "completion-csv": 6,
    "completion-xlsx": 6,
    "completion-team-csv": 6,
    "to-call": 5,  # + the counters per team with the roll-ups' date
    "to-call-results": 5,
    "to-call-csv": 6,
    "to-call-xlsx": 6,
    "to-call-course": 5,
    "to-call-team": 6,  # + the counters for the pager (and the roll-ups' date), then the page
    "to-call-team-page-2": 6,
    "to-call-team-csv": 6,
    "overview": 5,
    "overview-csv": 5,
    "quizzes": 5,
    "quizzes-course": 5,
    "quizzes-xlsx": 5,
    "quizzes-detail": 7,  # the list, one quiz's band and item counters (one query), its questions
    "trend": 5,
    "trend-csv": 5,
    "gaps": 6,
    "gaps-xlsx": 6,
    "home": 10,
}
# An administrator's home keeps Wagtail's own panels: the site summary (pages, images and
# documents counted, the site and its root page: 6), pages to moderate and in moderation (4)
# and recent edits (2) are Wagtail's 12 of its 19; ours are the reports panel (3) and the
# course-assign menu item (1, when the menu is built). Every report page is <= 12.
ADMIN = {
    "completion": 5,
    "completion-course": 5,
    "completion-results": 5,
    "completion-team": 6,
    "completion-team-page-2": 6,
    "completion-csv": 5,
    "completion-xlsx": 5,
    "completion-team-csv": 5,
    "to-call": 4,  # + the counters per team with the roll-ups' date
    "to-call-results": 4,
    "to-call-csv": 5,
    "to-call-xlsx": 5,
    "to-call-course": 4,
    "to-call-team": 5,  # + the counters for the pager (and the roll-ups' date), then the page
    "to-call-team-page-2": 5,
    "to-call-team-csv": 5,
    "overview": 4,
    "overview-csv": 4,
    "quizzes": 4,
    "quizzes-course": 4,
    "quizzes-xlsx": 4,
    "quizzes-detail": 6,
    "trend": 4,
    "trend-csv": 4,
    "gaps": 5,
    "gaps-xlsx": 5,
    "home": 19,
}


@pytest.fixture(params=[(3, 3), (18, 12)], ids=["3-teams-3-learners", "18-teams-12-learners"])
def sized(request, tree, course):
    teams, per_team = request.param
    questions = [question_create(), question_create()]
    quiz = quiz_create(course=course, questions=questions)
    competence = Competence.objects.of_framework(primary_framework()).first()
    units = [tree["team_1"], tree["team_2"]]
    units += [
        unit_create(name=f"Tổ A{n}", code=f"A{n}", kind="team", parent=tree["commune"])
        for n in range(3, teams + 1)
    ]
    for number, unit in enumerate(units):
        for index in range(per_team):
            user = member_create(unit, phone=f"09{number:04d}{index:04d}")
            enrol(
                user,
                course,
                source="bulk",
                started=index % 2 == 0,
                completed=index % 3 == 0,
                certified=(number + index) % 4 == 0,
            )
            points = [(question, (index + n) % 2) for n, question in enumerate(questions)]
            attempt_create(user, quiz, score=(17 * index) % 100, responses=points)
            CompetenceLevel.objects.create(user=user, competence=competence, level=index % 4)
    rollups_rebuild()
    return {
        "units": units,
        "per_team": per_team,
        "course": course,
        "team": tree["team_1"],
        "quiz": quiz,
    }


def _get(client, name, sized):
    url_name, params, streamed = PAGES[name]
    values = {"course": sized["course"].pk, "team": sized["team"].pk, "quiz": sized["quiz"].pk}
    response = client.get(reverse(url_name), {k: v.format(**values) for k, v in params.items()})
    body = b"".join(response.streaming_content) if streamed else response.content
    return response, body


@pytest.fixture
def manager_client(client, manager):
    client.login(username=manager.username, password=TEST_PASSWORD)
    return client


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("name", PAGES)
def test_a_managers_report_page_has_a_fixed_query_budget(
    manager_client, sized, name, django_assert_max_num_queries
):
    _get(manager_client, name, sized)  # writes the session, fills the cached lists
    with django_assert_max_num_queries(MANAGER[name]):
        response, body = _get(manager_client, name, sized)
    assert response.status_code == 200
    assert MANAGER[name] <= 12


@pytest.mark.parametrize("name", PAGES)
def test_an_administrators_report_page_has_a_fixed_query_budget(
    admin_client, sized, name, django_assert_max_num_queries
):
    _get(admin_client, name, sized)
    with django_assert_max_num_queries(ADMIN[name]):
        response, body = _get(admin_client, name, sized)
    assert response.status_code == 200


def test_the_pages_really_grow_with_the_data(manager_client, sized):
    """The budgets above are met with every row on the page (no N+1 hidden by empty pages)."""
    teams, per_team = len(sized["units"]), sized["per_team"]
    response, _ = _get(manager_client, "completion", sized)
    assert len(response.context["report"].rows) == teams
    response, body = _get(manager_client, "completion-csv", sized)
    assert body.count(b"\n") == teams + 2
    response, _ = _get(manager_client, "completion-team", sized)
    assert len(response.context["learners"]) == per_team
    response, body = _get(manager_client, "to-call-csv", sized)
    not_started = sum(1 for index in range(per_team) if index % 2 and index % 3)
    assert body.count(b"\n") == 1 + teams * not_started
    response, _ = _get(manager_client, "to-call", sized)
    assert [row.total for row in response.context["summary"].rows] == [not_started] * teams
    response, _ = _get(manager_client, "to-call-team", sized)
    assert len(response.context["object_list"]) == not_started
    response, _ = _get(manager_client, "gaps", sized)
    assert len(response.context["report"].rows) == teams
    response, _ = _get(manager_client, "quizzes-detail", sized)
    detail = response.context["detail"]
    assert detail["attempt_count"] == teams * per_team
    assert [row.attempts for row in detail["questions"]] == [teams * per_team] * 2


def test_a_cold_cache_costs_at_most_two_more(manager_client, sized, django_assert_max_num_queries):
    """The first request after the course, quiz or competence lists changed reads them."""
    _get(manager_client, "trend", sized)  # keeps the admin chrome (lms/admin_chrome.py)
    for name in ("completion", "quizzes", "gaps", "overview"):
        cache.delete_many(KEYS)
        with django_assert_max_num_queries(MANAGER[name] + 2):
            response, _ = _get(manager_client, name, sized)
        assert response.status_code == 200
