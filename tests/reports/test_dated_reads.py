"""The reports' cheaper reads give the same figures as the plain ones: completion as of any day
of a month (read from either end of the month), and the gaps' learners from the roll-ups'
counters, or from the spans when the counters are of an earlier day."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.models import Membership
from reports import selectors
from reports.models import RollupState, UnitLearnerStat
from reports.rollups import rollups_rebuild
from tests.factories import UserFactory
from tests.reports.conftest import member_create
from tests.reports.test_trend_and_gaps import gaps_snapshot, history  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def completion_snapshot(admin, unit, course, as_of):
    report = selectors.completion_by_unit(user=admin, unit=unit, course=course, as_of=as_of)
    return [
        (row.label, row.learners, row.enrolled, row.started, row.completed, row.certified)
        for row in [*report.rows, report.total]
    ]


def test_completion_as_of_every_day_of_three_months_is_the_recount(tree, history):  # noqa: F811
    """Early, middle and late days of each month, month ends and the day before today: the
    months before plus the first days, or the months with it less the last days."""
    admin = UserFactory(is_superuser=True)
    days = [TODAY - datetime.timedelta(days=n) for n in range(1, 100)]
    cases = [
        (unit, course, day)
        for day in days
        for unit in (tree["province"], tree["commune"])
        for course in history["courses"][:2]
    ]
    from_rollups = [completion_snapshot(admin, *case) for case in cases]
    RollupState.objects.all().delete()
    recounted = [completion_snapshot(admin, *case) for case in cases]
    assert from_rollups == recounted
    assert {day.day for day in days} == set(range(1, 32))
    assert sum(rows[-1][2] for rows in recounted) > 100


def test_the_dated_rollups_read_at_most_half_a_month_of_days(tree, history):  # noqa: F811
    late = datetime.date(2026, 1, 28)
    early = datetime.date(2026, 1, 3)
    kinds = [kind for kind, _rows in selectors._dated_course_rows({}, late)]
    assert kinds == ["c", "-"]
    kinds = [kind for kind, _rows in selectors._dated_course_rows({}, early)]
    assert kinds == ["c", "c"]
    # The last day of a month takes off no day at all.
    (_months, (_kind, days)) = selectors._dated_course_rows({}, datetime.date(2026, 2, 28))
    assert not days.exists()


def test_the_gaps_count_a_learner_who_joined_today_before_the_counters_advanced(
    tree,
    history,  # noqa: F811
):
    """Roll-ups of yesterday (nothing advanced them today) do not count a learner who began
    today: the gaps count the spans instead, as a recount does."""
    admin = UserFactory(is_superuser=True)
    joined = member_create(tree["team_2"], since=TODAY)
    rollups_rebuild(on=TODAY - datetime.timedelta(days=1))
    assert Membership.objects.filter(user=joined, valid_from=TODAY).exists()
    # Yesterday's counters: Tổ A2's one learner from the history, not the one who joined today.
    assert UnitLearnerStat.objects.get(unit=tree["team_2"]).learners == 1
    from_rollups = gaps_snapshot(admin, tree["commune"], 1)
    RollupState.objects.all().delete()
    assert from_rollups == gaps_snapshot(admin, tree["commune"], 1)
    team = {pk: learners for pk, learners, _shares in from_rollups}
    assert team[tree["team_2"].pk] == 2


def test_the_gaps_read_the_counters_when_they_are_of_today(tree, history):  # noqa: F811
    admin = UserFactory(is_superuser=True)
    gaps_snapshot(admin, tree["commune"], 1)  # fills the cached competences
    with CaptureQueriesContext(connection) as queries:
        gaps_snapshot(admin, tree["commune"], 1)
    sql = [query["sql"] for query in queries.captured_queries]
    (learners,) = [query for query in sql if "reports_unitlearnerstat" in query]
    assert "reports_learnerspan" not in learners
    (levels,) = [query for query in sql if "reports_learnerspan" in query]
    assert "competencies_competencelevel" in levels
