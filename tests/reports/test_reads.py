"""The reads behind the course overview, quiz results, trend and competency gaps reports."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from competencies.models import Competence, CompetenceLevel
from competencies.selectors import primary_framework
from courses.models import Enrollment
from people.selectors import units_for
from people.services import unit_merge
from quizzes.models import Attempt, Response
from quizzes.signals import attempt_finished
from reports.gaps import competence_gaps
from reports.overview import course_overview
from reports.quiz_results import quiz_detail, quiz_results
from reports.rollups import rollups_rebuild
from reports.selectors import completion_by_unit
from reports.trend import weekly_trend
from tests.factories import question_create, quiz_create
from tests.reports.conftest import enrol, member_create

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def attempt_create(user, quiz, *, score, when=None, responses=()):
    """A finished attempt written directly; `responses` are (question, points) pairs."""
    attempt = Attempt.objects.create(
        user=user,
        quiz=quiz,
        number=Attempt.objects.filter(user=user, quiz=quiz).count() + 1,
        state="finished",
        finished_at=when or timezone.now(),
        score=score,
        passed=score >= 70,
        points=sum(points for _q, points in responses),
        max_points=len(responses) or 1,
    )
    for question, points in responses:
        Response.objects.create(
            attempt=attempt, question=question, answer={}, correct=bool(points), points=points
        )
    return attempt


@pytest.fixture
def questions(db):
    return [question_create(), question_create()]


@pytest.fixture
def quiz(course, questions):
    return quiz_create(course=course, questions=questions)


# --- course overview -----------------------------------------------------------------------


def test_overview_puts_every_live_course_side_by_side(tree, manager, course, home_page):
    from tests.factories import course_create, course_index_create

    index = course_index_create(home=home_page, slug="khoa-hoc-2")
    other = course_create(index=index, title="An toàn thông tin", slug="attt-bc", lessons=1)
    a, b = member_create(tree["team_1"]), member_create(tree["team_2"])
    enrol(a, course, completed=True, certified=True)
    enrol(b, course, started=True)
    enrol(a, other)
    enrol(member_create(tree["team_b"]), other, completed=True)  # another commune
    report = course_overview(user=manager, unit=tree["commune"])
    rows = {row.label: row for row in report.rows}
    assert list(rows) == ["An toàn thông tin", "Chữ ký số"]
    signatures = rows["Chữ ký số"]
    assert (signatures.enrolled, signatures.started, signatures.completed) == (2, 2, 1)
    assert (signatures.certified, signatures.completion_rate, signatures.in_progress) == (1, 50, 1)
    assert (rows["An toàn thông tin"].enrolled, rows["An toàn thông tin"].not_started) == (1, 1)


def test_overview_agrees_with_completion_by_unit(tree, manager, course):
    for number in range(5):
        enrol(member_create(tree["team_1"]), course, started=number % 2, completed=number == 0)
    (row,) = course_overview(user=manager, unit=tree["commune"]).rows
    total = completion_by_unit(user=manager, unit=tree["commune"], course=course).total
    assert (row.enrolled, row.started, row.completed) == (
        total.enrolled,
        total.started,
        total.completed,
    )


# --- quiz results --------------------------------------------------------------------------


def test_quiz_results_count_only_the_units_learners(tree, manager, course, quiz):
    a, b = member_create(tree["team_1"]), member_create(tree["team_2"])
    outsider = member_create(tree["team_b"])
    attempt_create(a, quiz, score=90)
    attempt_create(a, quiz, score=50)
    attempt_create(b, quiz, score=70)
    attempt_create(outsider, quiz, score=10)
    (row,) = quiz_results(user=manager, unit=tree["commune"], course=course)
    assert (row.attempts, row.passed, row.pass_rate, row.average) == (3, 2, 66.7, 70.0)
    (team,) = quiz_results(user=manager, unit=tree["team_2"])
    assert (team.attempts, team.passed) == (1, 1)


def test_quiz_results_today_are_read_from_the_units_counters_not_the_attempts(
    tree, manager, course, quiz, django_capture_on_commit_callbacks
):
    """Once the roll-ups are built, today's figures come from the units' counters, kept by
    each attempt finished or deleted; a past day still counts that day's attempts."""
    a, b = member_create(tree["team_1"]), member_create(tree["team_2"])
    attempt_create(a, quiz, score=90)
    attempt_create(member_create(tree["team_b"]), quiz, score=10)
    rollups_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        attempt = attempt_create(b, quiz, score=40)
        attempt_finished.send(sender=Attempt, attempt=attempt)
    with CaptureQueriesContext(connection) as queries:
        (row,) = quiz_results(user=manager, unit=tree["commune"], course=course)
    assert (row.attempts, row.passed, row.average) == (2, 1, 65.0)
    assert not [query for query in queries if "quizzes_attempt" in query["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        attempt.delete()
    (row,) = quiz_results(user=manager, unit=tree["commune"], course=course)
    assert (row.attempts, row.passed, row.average) == (1, 1, 90.0)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    (row,) = quiz_results(user=manager, unit=tree["commune"], as_of=yesterday)
    assert row.attempts == 0  # the attempts were made today


def test_quiz_detail_reuses_the_item_statistics_over_the_units_attempts(
    tree, manager, quiz, questions
):
    easy, hard = questions
    for score, hard_points in ((100, 1), (50, 0), (50, 0)):
        attempt_create(
            member_create(tree["team_1"]),
            quiz,
            score=score,
            responses=[(easy, 1), (hard, hard_points)],
        )
    attempt_create(member_create(tree["team_b"]), quiz, score=100, responses=[(easy, 1), (hard, 1)])
    detail = quiz_detail(user=manager, unit=tree["commune"], quiz=quiz)
    assert detail["attempt_count"] == 3
    assert [bin["count"] for bin in detail["distribution"]][5:] == [2, 0, 0, 0, 1]
    by_question = {row.question.pk: row for row in detail["questions"]}
    assert by_question[easy.pk].facility == 100 and "quá dễ" in by_question[easy.pk].flags
    assert round(by_question[hard.pk].facility) == 33


def test_one_quizs_statistics_today_are_read_from_the_units_counters_not_the_answers(
    tree, manager, quiz, questions, django_capture_on_commit_callbacks, monkeypatch
):
    """Once the roll-ups are built, today's score bands and item statistics come from the
    units' counters, kept by each attempt finished or deleted, and equal a count of the
    attempts; a past day still counts that day's attempts."""
    easy, hard = questions
    attempt_create(member_create(tree["team_1"]), quiz, score=100, responses=[(easy, 1), (hard, 1)])
    attempt_create(member_create(tree["team_b"]), quiz, score=50, responses=[(easy, 1), (hard, 0)])
    rollups_rebuild()
    late = member_create(tree["team_2"])
    with django_capture_on_commit_callbacks(execute=True):
        for score, points in ((50, (1, 0)), (0, (0, 0))):
            attempt = attempt_create(
                late, quiz, score=score, responses=list(zip(questions, points, strict=True))
            )
            attempt_finished.send(sender=Attempt, attempt=attempt)
    scope = units_for(manager)
    list(scope)  # read once per request by the view
    with CaptureQueriesContext(connection) as queries:
        detail = quiz_detail(
            user=manager, unit=tree["commune"], quiz=quiz, scope=scope, from_rollups=True
        )
    assert len(queries) == 2  # the counters with the roll-ups' date, the questions
    assert not [query for query in queries if "quizzes_attempt" in query["sql"]]
    assert not [query for query in queries if "quizzes_response" in query["sql"]]
    assert detail["attempt_count"] == 3
    assert [bin["count"] for bin in detail["distribution"]][::5] == [1, 1]
    assert detail["distribution"][9]["count"] == 1
    by_question = {row.question.pk: row for row in detail["questions"]}
    assert round(by_question[easy.pk].facility) == 67 and round(by_question[hard.pk].facility) == 33
    with monkeypatch.context() as patch:
        patch.setattr("reports.quiz_results._counted_detail", lambda **kwargs: None)
        counted = quiz_detail(user=manager, unit=tree["commune"], quiz=quiz)
    assert counted["distribution"] == detail["distribution"]
    assert [(row.attempts, row.facility, row.discrimination) for row in counted["questions"]] == [
        (row.attempts, pytest.approx(row.facility), pytest.approx(row.discrimination))
        for row in detail["questions"]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        attempt.delete()
    detail = quiz_detail(user=manager, unit=tree["commune"], quiz=quiz)
    assert detail["attempt_count"] == 2
    assert {row.question.pk: row.attempts for row in detail["questions"]} == {
        easy.pk: 2,
        hard.pk: 2,
    }


def test_an_attempt_after_the_date_is_not_counted(tree, manager, quiz):
    attempt_create(
        member_create(tree["team_1"]), quiz, score=80, when=at(datetime.date(2026, 3, 2))
    )
    (row,) = quiz_results(user=manager, unit=tree["commune"], as_of=datetime.date(2026, 3, 1))
    assert row.attempts == 0


# --- trend ---------------------------------------------------------------------------------


def test_trend_counts_enrolments_and_completions_per_week(tree, manager, course):
    as_of = datetime.date(2026, 6, 10)  # a Wednesday; its week starts on 8 June
    for enrolled_on, completed_on in (
        (datetime.date(2026, 6, 8), None),
        (datetime.date(2026, 6, 1), datetime.date(2026, 6, 9)),
        (datetime.date(2026, 6, 2), datetime.date(2026, 6, 11)),  # completed after as_of
        (datetime.date(2026, 4, 1), None),  # before the window
    ):
        enrollment = enrol(member_create(tree["team_1"]), course)
        Enrollment.objects.filter(pk=enrollment.pk).update(
            enrolled_at=at(enrolled_on), completed_at=completed_on and at(completed_on)
        )
    enrol(member_create(tree["team_b"]), course)  # another commune
    rows = weekly_trend(user=manager, unit=tree["commune"], course=course, as_of=as_of, weeks=4)
    assert [row.week for row in rows] == [
        datetime.date(2026, 5, 18),
        datetime.date(2026, 5, 25),
        datetime.date(2026, 6, 1),
        datetime.date(2026, 6, 8),
    ]
    assert [(row.enrolled, row.completed) for row in rows] == [(0, 0), (0, 0), (2, 0), (1, 1)]
    assert rows[-1].label == "08/06"


# --- competency gaps -----------------------------------------------------------------------


def test_gaps_give_each_child_unit_the_share_at_or_above_the_level(tree, manager):
    framework = primary_framework()
    first, second = Competence.objects.of_framework(framework).ordered()[:2]
    team_1 = [member_create(tree["team_1"], since=datetime.date(2025, 1, 1)) for _ in range(4)]
    team_2 = [member_create(tree["team_2"], since=datetime.date(2025, 1, 1)) for _ in range(2)]
    CompetenceLevel.objects.create(user=team_1[0], competence=first, level=3)
    CompetenceLevel.objects.create(user=team_1[1], competence=first, level=1)
    CompetenceLevel.objects.create(user=team_2[0], competence=second, level=2)
    outsider = member_create(tree["team_b"], since=datetime.date(2025, 1, 1))
    CompetenceLevel.objects.create(user=outsider, competence=first, level=8)
    report = competence_gaps(user=manager, unit=tree["commune"], level=2)
    rows = {row.label: row for row in report.rows}
    assert (rows["Tổ A1"].learners, rows["Tổ A1"].shares[0].share) == (4, 0.25)
    assert (rows["Tổ A2"].shares[0].share, rows["Tổ A2"].shares[1].share) == (0, 0.5)
    assert (report.total.learners, report.total.shares[0].at_or_above) == (6, 1)
    assert len(report.competences) == Competence.objects.of_framework(framework).count()


def test_gaps_count_a_learner_of_two_teams_in_one_row(tree, manager):
    """Member of A1 since 2025 and of A2 since March: they count in A2 only (primary)."""
    from people.models import Membership

    first = Competence.objects.of_framework(primary_framework()).ordered().first()
    learner = member_create(tree["team_1"], since=datetime.date(2025, 1, 1))
    Membership.objects.create(
        user=learner, unit=tree["team_2"], valid_from=datetime.date(2026, 3, 1)
    )
    CompetenceLevel.objects.create(user=learner, competence=first, level=3)
    rows = {
        row.label: row for row in competence_gaps(user=manager, unit=tree["commune"], level=2).rows
    }
    assert (rows["Tổ A1"].learners, rows["Tổ A2"].learners) == (0, 1)
    assert (rows["Tổ A1"].shares[0].at_or_above, rows["Tổ A2"].shares[0].at_or_above) == (0, 1)


def test_gaps_at_a_team_have_the_team_line_only(tree, manager):
    report = competence_gaps(user=manager, unit=tree["team_1"], level=1)
    assert report.rows == [] and report.total.unit == tree["team_1"]


@pytest.mark.parametrize(
    "read",
    [
        lambda user, unit: course_overview(user=user, unit=unit),
        lambda user, unit: quiz_results(user=user, unit=unit),
        lambda user, unit: weekly_trend(user=user, unit=unit),
        lambda user, unit: competence_gaps(user=user, unit=unit),
    ],
)
def test_every_read_refuses_a_unit_outside_the_scope(tree, manager, read):
    for foreign in ("other", "team_b", "province"):
        with pytest.raises(Http404):
            read(manager, tree[foreign])


@pytest.mark.parametrize("per_team", [1, 12])
def test_the_reads_make_a_bounded_number_of_queries(
    tree, manager, course, quiz, per_team, django_assert_max_num_queries
):
    competence = Competence.objects.of_framework(primary_framework()).first()
    for team in ("team_1", "team_2"):
        for number in range(per_team):
            user = member_create(tree[team])
            enrol(user, course, started=number % 2, completed=number % 3 == 0)
            attempt_create(user, quiz, score=10 * number % 100)
            CompetenceLevel.objects.create(user=user, competence=competence, level=number % 4)
    with django_assert_max_num_queries(5):
        course_overview(user=manager, unit=tree["commune"])
    with django_assert_max_num_queries(5):
        quiz_results(user=manager, unit=tree["commune"])
    with django_assert_max_num_queries(6):
        quiz_detail(user=manager, unit=tree["commune"], quiz=quiz)
    with django_assert_max_num_queries(5):
        weekly_trend(user=manager, unit=tree["commune"], weeks=52)
    with django_assert_max_num_queries(9):
        competence_gaps(user=manager, unit=tree["commune"])


# --- time-correctness after a merge ----------------------------------------------------------


def test_a_report_as_of_a_date_before_a_merge_shows_the_figures_from_before(
    tree, manager, course, quiz
):
    """Team A2 merges into team A1 today: asked as of yesterday, every report is unchanged."""
    long_ago = datetime.date(2025, 1, 1)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for team, count in (("team_1", 3), ("team_2", 2)):
        for number in range(count):
            user = member_create(tree[team], since=long_ago)
            enrollment = enrol(user, course, started=True, completed=number == 0)
            Enrollment.objects.filter(pk=enrollment.pk).update(
                enrolled_at=at(long_ago), completed_at=at(long_ago) if number == 0 else None
            )
            attempt_create(user, quiz, score=80 if number == 0 else 40, when=at(long_ago))

    def figures():
        completion = completion_by_unit(user=manager, unit=tree["commune"], as_of=yesterday)
        overview = course_overview(user=manager, unit=tree["team_2"], as_of=yesterday)
        quizzes = quiz_results(user=manager, unit=tree["team_2"], as_of=yesterday)
        trend = weekly_trend(user=manager, unit=tree["team_1"], as_of=yesterday, weeks=52)
        return (
            [(r.label, r.learners, r.enrolled, r.completed) for r in completion.rows],
            [(r.label, r.enrolled, r.completed) for r in overview.rows],
            [(r.label, r.attempts, r.passed) for r in quizzes],
            sum(r.enrolled for r in trend),
        )

    before = figures()
    assert before[0] == [("Tổ A1", 3, 3, 1), ("Tổ A2", 2, 2, 1)]
    unit_merge(source=tree["team_2"], target=tree["team_1"])
    assert figures() == before
    today = completion_by_unit(user=manager, unit=tree["commune"])
    assert [(r.label, r.learners) for r in today.rows] == [("Tổ A1", 5), ("Tổ A2", 0)]


@pytest.mark.parametrize("rollups", [False, True], ids=["recounted", "rollups"])
def test_a_commune_merge_keeps_each_communes_past_figures(tree, manager, course, quiz, rollups):
    """Commune B merges into commune A today: its team moves under A. Asked as of yesterday,
    every report still puts the team under B; asked today, under A."""
    from reports.rollups import rollups_rebuild
    from reports.selectors import learners_in_unit
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    long_ago = datetime.date(2025, 1, 1)
    for team, completed in (("team_1", False), ("team_b", True), ("team_b", False)):
        user = member_create(tree[team], since=long_ago)
        enrollment = enrol(user, course, started=True, completed=completed)
        Enrollment.objects.filter(pk=enrollment.pk).update(
            enrolled_at=at(datetime.date(2025, 2, 1)),
            completed_at=at(datetime.date(2025, 3, 1)) if completed else None,
        )
        attempt_create(user, quiz, score=90 if completed else 30, when=at(long_ago))
    if rollups:
        rollups_rebuild()

    def figures(unit, as_of=yesterday):
        province = completion_by_unit(user=admin, unit=tree["province"], as_of=as_of)
        commune = completion_by_unit(user=admin, unit=tree[unit], as_of=as_of)
        return (
            [(row.label, row.learners, row.enrolled, row.completed) for row in province.rows],
            [(row.label, row.learners, row.completed) for row in commune.rows],
            [
                (row.label, row.enrolled)
                for row in course_overview(user=admin, unit=tree[unit], as_of=as_of).rows
            ],
            len(learners_in_unit(user=admin, unit=tree[unit], as_of=as_of)),
            [
                (row.label, row.attempts, row.passed)
                for row in quiz_results(user=admin, unit=tree[unit], as_of=as_of)
            ],
            sum(
                row.enrolled
                for row in weekly_trend(user=admin, unit=tree[unit], as_of=as_of, weeks=104)
            ),
        )

    before = {unit: figures(unit) for unit in ("commune", "other")}
    assert before["other"][0] == [("Xã A", 1, 1, 0), ("Xã B", 2, 2, 1)]
    assert before["other"][1] == [("Tổ B1", 2, 1)]
    assert before["commune"][1] == [("Tổ A1", 1, 0), ("Tổ A2", 0, 0)]
    assert before["other"][2:] == ([(course.title, 2)], 2, [(quiz.title, 2, 1)], 2)

    unit_merge(source=tree["other"], target=tree["commune"])
    for unit in tree.values():
        unit.refresh_from_db()
    assert {unit: figures(unit) for unit in ("commune", "other")} == before
    if rollups:  # a rebuild from scratch agrees with the roll-ups kept by events
        rollups_rebuild()
        assert {unit: figures(unit) for unit in ("commune", "other")} == before

    today = timezone.localdate()
    assert figures("commune", as_of=today)[:2] == (
        [("Xã A", 3, 3, 1), ("Xã B", 0, 0, 0)],
        [("Tổ A1", 1, 0), ("Tổ A2", 0, 0), ("Tổ B1", 2, 1)],
    )
    # The manager of A sees A's children of that day only, and B's past stays out of reach.
    own = completion_by_unit(user=manager, unit=tree["commune"], as_of=yesterday)
    assert [row.label for row in own.rows] == ["Tổ A1", "Tổ A2"]
    with pytest.raises(Http404):
        completion_by_unit(user=manager, unit=tree["other"], as_of=yesterday)
