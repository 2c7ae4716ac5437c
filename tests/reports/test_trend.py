"""The trend counts each enrolment and each completion as an event in the unit its learner
counted in on the day it happened: past weeks stay as they were when a learner moves or units
merge, and a learner who joins a unit brings no past events with them. The roll-ups' stored
events (kept by refreshes, or rebuilt) equal the recount from enrolments and memberships."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from courses.models import Enrollment
from people.models import Membership
from people.services import unit_merge
from reports.models import RollupState, UnitCourseEventDay
from reports.rollups import learners_refresh, rollups_rebuild
from reports.trend import weekly_trend
from tests.factories import UserFactory
from tests.reports.conftest import enrol, member_create
from tests.reports.test_trend_and_gaps import history  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = datetime.date(2025, 1, 1)
PATHS = ["refreshed", "rebuilt", "recounted"]


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def at(days: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(days_ago(days), datetime.time(10)))


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weeks_of(admin, unit, *, as_of=None, course=None, weeks=12):
    """The weeks that hold an event: {Monday: (enrolled, completed)}."""
    rows = weekly_trend(user=admin, unit=unit, course=course, as_of=as_of, weeks=weeks)
    return {
        row.week: (row.enrolled, row.completed) for row in rows if row.enrolled or row.completed
    }


def read_by(path: str) -> None:
    """Leave the roll-ups as the refreshes kept them, rebuild them, or drop them (recount)."""
    if path == "rebuilt":
        rollups_rebuild()
    elif path == "recounted":
        RollupState.objects.all().delete()


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def mover(tree, course):
    """A learner of Tổ A1 (commune A) enrols 40 days ago, moves to Tổ B1 (commune B) 20 days
    ago and completes the course 10 days ago; each step refreshes the roll-ups."""
    rollups_rebuild()
    learner = member_create(tree["team_1"], since=LONG_AGO)
    enrolment = enrol(learner, course)
    Enrollment.objects.filter(pk=enrolment.pk).update(enrolled_at=at(40))
    learners_refresh(user_ids=[learner.pk])
    Membership.objects.filter(user=learner).update(valid_to=days_ago(20))
    Membership.objects.create(user=learner, unit=tree["team_b"], valid_from=days_ago(20))
    learners_refresh(user_ids=[learner.pk])
    Enrollment.objects.filter(pk=enrolment.pk).update(completed_at=at(10))
    learners_refresh(user_ids=[learner.pk])
    return learner


@pytest.mark.parametrize("path", PATHS)
def test_an_enrolment_before_a_move_stays_where_it_was_made_and_a_completion_after_counts_where_the_learner_went(  # noqa: E501
    tree, admin, course, mover, path
):
    read_by(path)
    enrolled, completed = monday(days_ago(40)), monday(days_ago(10))
    assert weeks_of(admin, tree["team_1"]) == {enrolled: (1, 0)}
    assert weeks_of(admin, tree["commune"], course=course) == {enrolled: (1, 0)}
    assert weeks_of(admin, tree["team_b"]) == {completed: (0, 1)}
    assert weeks_of(admin, tree["other"]) == {completed: (0, 1)}
    assert weeks_of(admin, tree["province"]) == {enrolled: (1, 0), completed: (0, 1)}


@pytest.mark.parametrize("path", PATHS)
def test_as_of_a_past_day_counts_nothing_after_it(tree, admin, mover, path):
    """Between the move and the completion, the new unit has no event yet; before the
    enrolment, the old one has none either."""
    read_by(path)
    assert weeks_of(admin, tree["team_b"], as_of=days_ago(15)) == {}
    assert weeks_of(admin, tree["team_1"], as_of=days_ago(15)) == {monday(days_ago(40)): (1, 0)}
    assert weeks_of(admin, tree["province"], as_of=days_ago(41)) == {}
    rows = weekly_trend(user=admin, unit=tree["province"], as_of=days_ago(15), weeks=4)
    assert rows[-1].week == monday(days_ago(15))


@pytest.mark.parametrize("path", PATHS)
def test_a_merge_keeps_the_past_weeks_and_brings_no_events_to_the_unit_merged_into(
    tree, admin, course, path, django_capture_on_commit_callbacks
):
    """Tổ A2 merges into Tổ A1 today: Tổ A2's learners now belong to Tổ A1, but their past
    enrolments and completions stay in Tổ A2's weeks, and the commune's weeks do not move."""
    for team, enrolled, completed in (("team_1", 30, 20), ("team_2", 25, 5), ("team_2", 50, None)):
        enrolment = enrol(member_create(tree[team], since=LONG_AGO), course)
        Enrollment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=at(enrolled), completed_at=completed and at(completed)
        )
    rollups_rebuild()
    units = ("team_1", "team_2", "commune")
    before = {name: weeks_of(admin, tree[name], weeks=26) for name in units}
    assert before["team_2"] == {
        monday(days_ago(50)): (1, 0),
        monday(days_ago(25)): (1, 0),
        monday(days_ago(5)): (0, 1),
    }
    with django_capture_on_commit_callbacks(execute=True):
        unit_merge(source=tree["team_2"], target=tree["team_1"])
    read_by(path)
    assert {name: weeks_of(admin, tree[name], weeks=26) for name in units} == before


def test_the_events_are_kept_by_refreshes_as_a_rebuild_makes_them(tree, course, mover):
    def events():
        return sorted(
            UnitCourseEventDay.objects.exclude(enrolments=0, completions=0).values_list(
                "unit_id", "course_id", "day", "enrolments", "completions"
            )
        )

    kept = events()
    assert kept == [
        (tree["team_1"].pk, course.pk, days_ago(40), 1, 0),
        (tree["team_b"].pk, course.pk, days_ago(10), 0, 1),
    ]
    rollups_rebuild()
    assert events() == kept


def test_the_migration_fills_the_events_from_the_rollups_records(history):  # noqa: F811
    """Databases built before the events existed get them from the learners' states and spans:
    the same rows as a rebuild, so later refreshes take off exactly what was put in."""
    migration = importlib.import_module("reports.migrations.0005_unitcourseeventday")
    rows = UnitCourseEventDay.objects.values_list(
        "unit_id", "course_id", "day", "enrolments", "completions"
    )
    rebuilt = sorted(rows)
    assert len(rebuilt) > 10
    UnitCourseEventDay.objects.all().delete()
    migration.fill_events(apps, None)
    assert sorted(rows) == rebuilt
