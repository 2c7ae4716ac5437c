"""The trend reads the roll-ups' stored events (each enrolment and completion in the unit its
learner counted in that day), the competency gaps and the quiz results their per-learner records
(the dated spans of each learner's unit): the same figures as counted from the enrolments and
memberships, which they fall back to before the roll-ups' first rebuild; one and two queries
whatever the size."""

import datetime
import itertools

import pytest
from django.utils import timezone

from competencies.models import Competence, CompetenceLevel
from competencies.selectors import primary_framework
from courses.models import Enrollment
from people.models import Membership
from reports.gaps import competence_gaps
from reports.models import RollupState
from reports.rollups import rollups_rebuild
from reports.trend import weekly_trend
from tests.factories import UserFactory, course_create, course_index_create
from tests.reports.conftest import enrol, member_create

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = datetime.date(2025, 1, 1)


def days_ago(days: int) -> datetime.datetime:
    moment = datetime.datetime.combine(TODAY - datetime.timedelta(days=days), datetime.time(10))
    return timezone.make_aware(moment)


@pytest.fixture
def history(tree, course, home_page):
    """Learners who moved, who belong to two units, who belong to the commune itself, who left
    (one today); enrolments and completions spread over four months, in two courses."""
    index = course_index_create(home=home_page, slug="khoa-hoc-xu-huong")
    second = course_create(index=index, title="Dịch vụ công", slug="dich-vu-cong-xh", lessons=1)
    moved = member_create(tree["team_2"], since=LONG_AGO, until=TODAY - datetime.timedelta(days=30))
    Membership.objects.create(
        user=moved, unit=tree["team_b"], valid_from=TODAY - datetime.timedelta(days=30)
    )
    two_units = member_create(tree["team_1"], since=LONG_AGO)
    Membership.objects.create(
        user=two_units, unit=tree["team_2"], valid_from=TODAY - datetime.timedelta(days=40)
    )
    learners = [
        member_create(tree["team_1"], since=LONG_AGO),
        moved,
        two_units,
        member_create(tree["team_b"], since=LONG_AGO),
        member_create(tree["commune"], since=LONG_AGO),
        member_create(tree["team_2"], since=LONG_AGO, until=TODAY - datetime.timedelta(days=10)),
        member_create(tree["team_1"], since=TODAY - datetime.timedelta(days=20)),
        member_create(tree["team_1"], since=LONG_AGO, until=TODAY),  # left today
    ]
    days = itertools.cycle([3, 9, 17, 26, 33, 48, 61, 75, 90, 110, 5])
    competences = list(Competence.objects.of_framework(primary_framework())[:3])
    for number, learner in enumerate(learners):
        for which, taken in enumerate((course, second)):
            if (number + which) % 3 == 2:
                continue
            enrolment = enrol(learner, taken)
            enrolled = next(days)
            completed = enrolled - 2 if (number + which) % 2 == 0 else None
            Enrollment.objects.filter(pk=enrolment.pk).update(
                enrolled_at=days_ago(enrolled),
                completed_at=None if completed is None else days_ago(max(completed, 0)),
            )
        for position, competence in enumerate(competences):
            CompetenceLevel.objects.create(
                user=learner, competence=competence, level=(number + position) % 5
            )
    rollups_rebuild()
    return {"courses": [None, course, second]}


def trend_snapshot(admin, unit, course, as_of, weeks):
    rows = weekly_trend(user=admin, unit=unit, course=course, as_of=as_of, weeks=weeks)
    return [(row.week, row.enrolled, row.completed) for row in rows]


def gaps_snapshot(admin, unit, level):
    report = competence_gaps(user=admin, unit=unit, level=level)
    return [
        (line.unit.pk, line.learners, [share.at_or_above for share in line.shares])
        for line in [*report.rows, report.total]
    ]


def test_the_trend_from_the_rollups_is_the_count_from_enrolments_and_memberships(tree, history):
    admin = UserFactory(is_superuser=True)
    cases = list(
        itertools.product(
            [tree["province"], tree["commune"], tree["team_1"], tree["team_b"]],
            history["courses"],
            # today, the day of a move, between events, before a second membership began
            [TODAY - datetime.timedelta(days=n) for n in (0, 30, 25, 45)],
            [4, 12, 26],
        )
    )
    from_rollups = [trend_snapshot(admin, *case) for case in cases]
    RollupState.objects.all().delete()
    recounted = [trend_snapshot(admin, *case) for case in cases]
    assert from_rollups == recounted
    assert sum(enrolled for rows in recounted for _w, enrolled, _c in rows) > 100
    assert sum(completed for rows in recounted for _w, _e, completed in rows) > 50


def test_the_gaps_from_the_rollups_are_the_count_from_memberships(tree, history):
    admin = UserFactory(is_superuser=True)
    cases = list(
        itertools.product([tree["province"], tree["commune"], tree["team_1"]], [1, 2, 3, 4])
    )
    from_rollups = [gaps_snapshot(admin, *case) for case in cases]
    RollupState.objects.all().delete()
    recounted = [gaps_snapshot(admin, *case) for case in cases]
    assert from_rollups == recounted
    commune = {pk: learners for pk, learners, _shares in recounted[4]}
    # The commune's line: two in Tổ A1, the one of two units in Tổ A2 (once), its own member;
    # not the one who left Tổ A2 nor the one who moved to Xã B.
    assert commune[tree["commune"].pk] == 4
    assert commune[tree["team_2"].pk] == 1


def test_the_gaps_total_is_the_sum_of_its_lines(tree, history):
    admin = UserFactory(is_superuser=True)
    report = competence_gaps(user=admin, unit=tree["province"], level=1)
    assert report.total.learners == sum(line.learners for line in report.rows)
    for position, total in enumerate(report.total.shares):
        assert total.at_or_above == sum(line.shares[position].at_or_above for line in report.rows)


def test_the_trend_reads_one_query_and_the_gaps_two(
    tree, history, django_assert_num_queries, manager
):
    from people.selectors import units_for

    scope = units_for(manager).order_by("path")
    list(scope)
    competence_gaps(user=manager, unit=tree["commune"], scope=scope)  # fills the cached lists
    with django_assert_num_queries(1):
        weekly_trend(user=manager, unit=tree["commune"], weeks=52, scope=scope)
    with django_assert_num_queries(2):
        competence_gaps(user=manager, unit=tree["commune"], scope=scope)


def test_the_trend_from_the_rollups_counts_each_figure_in_its_own_week(tree, course):
    """One pass over the states counts an enrolment made before the window but completed in
    it as a completion only, and one made in the window but completed after it as an
    enrolment only."""
    admin = UserFactory(is_superuser=True)
    as_of = datetime.date(2026, 6, 10)  # a Wednesday; its week starts on 8 June
    for enrolled_on, completed_on in (
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 2)),  # before the window, completed in
        (datetime.date(2026, 6, 1), datetime.date(2026, 6, 9)),
        (datetime.date(2026, 6, 2), datetime.date(2026, 6, 11)),  # completed after as_of
        (datetime.date(2026, 6, 8), None),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)),  # both before the window
    ):
        enrolment = enrol(member_create(tree["team_1"], since=LONG_AGO), course)
        Enrollment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=timezone.make_aware(
                datetime.datetime.combine(enrolled_on, datetime.time(9))
            ),
            completed_at=completed_on
            and timezone.make_aware(datetime.datetime.combine(completed_on, datetime.time(9))),
        )
    enrol(member_create(tree["team_b"], since=LONG_AGO), course)  # another commune
    rollups_rebuild()
    expected = [
        (datetime.date(2026, 5, 18), 0, 0),
        (datetime.date(2026, 5, 25), 0, 0),
        (datetime.date(2026, 6, 1), 2, 1),
        (datetime.date(2026, 6, 8), 1, 1),
    ]
    assert trend_snapshot(admin, tree["commune"], course, as_of, 4) == expected
    assert trend_snapshot(admin, tree["province"], None, as_of, 4)[:3] == expected[:3]
    RollupState.objects.all().delete()
    assert trend_snapshot(admin, tree["commune"], course, as_of, 4) == expected


# --- quiz results --------------------------------------------------------------------------


def test_the_quiz_results_from_the_spans_are_the_count_from_memberships(tree, history, course):
    """The quiz results read each learner's unit from the roll-ups' spans: the same attempts
    as the primary memberships give, for movers, learners of two units and leavers, today and
    in the past; the memberships themselves before the roll-ups' first rebuild."""
    from quizzes.models import Attempt
    from reports.quiz_results import quiz_detail, quiz_results
    from reports.rollups import learners_refresh
    from tests.factories import question_create, quiz_create

    admin = UserFactory(is_superuser=True)
    quiz = quiz_create(course=course, questions=[question_create()])
    learners = Enrollment.objects.values_list("user_id", flat=True).distinct().order_by("user_id")
    for number, user_id in enumerate(learners):
        for attempt in range(1 + number % 2):
            Attempt.objects.create(
                user_id=user_id,
                quiz=quiz,
                number=attempt + 1,
                state="finished",
                finished_at=days_ago([2, 28, 35, 50][(number + attempt) % 4]),
                score=(37 * number + 11 * attempt) % 100,
                passed=(37 * number + 11 * attempt) % 100 >= 50,
                points=1,
                max_points=1,
            )
    # Written directly, the attempts sent no event: what their finishes would have refreshed.
    learners_refresh(user_ids=learners)

    def snapshot(unit, as_of, *, from_rollups):
        rows = quiz_results(user=admin, unit=unit, as_of=as_of)
        assert rows.from_rollups is from_rollups
        detail = quiz_detail(
            user=admin, unit=unit, quiz=quiz, as_of=as_of, from_rollups=rows.from_rollups
        )
        distribution = [(bin["label"], bin["count"]) for bin in detail["distribution"]]
        return (
            [(r.quiz.pk, r.attempts, r.passed, r.average) for r in rows],
            (detail["attempt_count"], detail["average"], distribution),
        )

    cases = list(
        itertools.product(
            [tree["province"], tree["commune"], tree["team_1"], tree["team_2"], tree["team_b"]],
            [TODAY - datetime.timedelta(days=n) for n in (0, 30, 25, 45)],
        )
    )
    from_spans = [snapshot(*case, from_rollups=True) for case in cases]
    RollupState.objects.all().delete()
    recounted = [snapshot(*case, from_rollups=False) for case in cases]
    assert from_spans == recounted
    assert sum(rows[0][1] for rows, _detail in recounted) > 20
