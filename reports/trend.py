"""Reads for the trend report: enrolments and completions per week for a unit's subtree.

Each enrolment and each completion is an *event*, counted in the unit the learner counted in on
the day it happened (their primary membership valid that day: the span of the roll-ups covering
it), not in the unit they belong to now. So after a learner moves or units merge, past weeks
stay as they were: an enrolment made in unit A before a move to B stays in A's trend, a
completion after it counts in B's, and a learner joining a unit brings no past events with them.
The units of the subtree are those of the tree on `as_of` (`people.placements.tree_on`: today's
unless units have moved since), as in the other reports "as of" a day.

Weeks start on Monday; the last week is the one that holds `as_of`, and nothing after `as_of`
counts, so a past date shows the trend as it looked then. One query whatever the number of weeks
or learners: the stored events per unit, course and day (`UnitCourseEventDay`, kept by the
roll-ups) of the subtree's units over the window, summed per day in SQL and per week here;
bounded by units × courses × days, never by learners. Before the roll-ups' first rebuild, two
queries recount the same events from the enrolments and memberships.

`scope` is the viewer's `units_for` queryset when the caller already has it: read already, its
units give the subtree without a query.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Greatest, TruncDate
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from people.models import Membership, OrgUnit, User
from people.placements import tree_on

from .models import RollupState, UnitCourseEventDay
from .selectors import _within, unit_in_scope

WEEK_CHOICES = (4, 8, 12, 26, 52)
DEFAULT_WEEKS = 12


@dataclass
class WeekRow:
    """One week, by its Monday: enrolments made and courses completed in it."""

    week: datetime.date
    enrolled: int = 0
    completed: int = 0

    @property
    def label(self) -> str:
        return self.week.strftime("%d/%m")


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly_trend(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    as_of: datetime.date | None = None,
    weeks: int = DEFAULT_WEEKS,
    scope: QuerySet[OrgUnit] | None = None,
) -> list[WeekRow]:
    """`weeks` rows, oldest first: the enrolments and completions (of one course or of all)
    that happened in the unit's subtree, each in the unit its learner counted in that day."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    first = _monday(as_of) - datetime.timedelta(weeks=weeks - 1)
    rows = {
        first + datetime.timedelta(weeks=n): WeekRow(week=first + datetime.timedelta(weeks=n))
        for n in range(weeks)
    }
    within = _subtree(unit=unit, as_of=as_of, scope=scope)
    counts = _counted_from_rollups(within=within, course=course, first=first, as_of=as_of)
    if counts is None:
        counts = _counted_from_enrolments(within=within, course=course, first=first, as_of=as_of)
    for (field_name, week), n in counts.items():
        row = rows.get(week)
        if row is not None:
            setattr(row, field_name, n)
    return list(rows.values())


def _subtree(*, unit: OrgUnit, as_of: datetime.date, scope: QuerySet[OrgUnit] | None) -> dict:
    """A filter on a row's `unit` for the unit's subtree on `as_of`: the ids of the viewer's
    scope below the unit when the scope was read already and no unit has moved since `as_of`
    (a scope is made of whole subtrees), else as the other dated reads (`_within`)."""
    tree = tree_on(as_of)
    if tree is None and scope is not None and scope._result_cache is not None:
        return {"unit__in": [row.pk for row in scope if row.path.startswith(unit.path)]}
    return _within(unit, as_of, tree)


def _counted_from_rollups(
    *, within: dict, course: CoursePage | None, first: datetime.date, as_of: datetime.date
) -> Counter | None:
    """(figure, week) → count from the stored events of the subtree's units, summed per day in
    SQL (per week there, PostgreSQL would cast every row's date to a timestamp with time zone
    to truncate it) with the roll-ups' state in the same query; None before the first rebuild."""
    events = UnitCourseEventDay.objects.filter(**within, day__gte=first, day__lte=as_of)
    if course is not None:
        events = events.filter(course=course)
    per_day = (
        events.annotate(figure=Value("days"))
        .values_list("figure", "day")
        .annotate(enrolments=Sum("enrolments"), completions=Sum("completions"))
    )
    zero = Value(0, output_field=IntegerField())
    state = RollupState.objects.annotate(
        figure=Value("state"), day=F("valid_on"), enrolments=zero, completions=zero
    ).values_list("figure", "day", "enrolments", "completions")
    rows = list(state.union(per_day, all=True))
    if not any(figure == "state" for figure, *_rest in rows):
        return None
    weeks = Counter()
    for figure, day, enrolments, completions in rows:
        if figure != "state":
            weeks["enrolled", _monday(day)] += enrolments or 0
            weeks["completed", _monday(day)] += completions or 0
    return weeks


def _counted_from_enrolments(
    *, within: dict, course: CoursePage | None, first: datetime.date, as_of: datetime.date
) -> Counter:
    """The same events recounted from the enrolments, before the roll-ups' first rebuild: an
    enrolment on its local day, a completion on its own (never before the enrolment's, as the
    roll-ups date it), each where the learner's primary membership valid that day lies. Two
    grouped queries."""
    enrolments = Enrollment.objects.all()
    if course is not None:
        enrolments = enrolments.filter(course=course)
    enrolled_on = TruncDate("enrolled_at")
    days = {
        "enrolled": enrolments.annotate(on=enrolled_on),
        "completed": enrolments.filter(completed_at__isnull=False).annotate(
            on=Greatest(TruncDate("completed_at"), enrolled_on, output_field=DateField())
        ),
    }
    weeks = Counter()
    for figure, dated in days.items():
        counted = (
            dated.filter(on__gte=first, on__lte=as_of)
            .filter(Exists(_primary_membership_on_day(within)))
            .order_by()
            .values("on")
            .annotate(n=Count("pk"))
        )
        for row in counted:
            weeks[figure, _monday(row["on"])] += row["n"]
    return weeks


def _primary_membership_on_day(within: dict) -> QuerySet[Membership]:
    """The outer enrolment's learner's primary membership on the outer row's day `on` (of the
    memberships valid that day, the one that began last; the later created on a tie, as
    `reports.selectors.primary_memberships`), when it lies in the subtree."""
    day = OuterRef("on")
    valid = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    outer_day = OuterRef(day)
    later = Membership.objects.filter(
        Q(valid_from__gt=OuterRef("valid_from"))
        | Q(valid_from=OuterRef("valid_from"), pk__gt=OuterRef("pk")),
        Q(valid_to__isnull=True) | Q(valid_to__gt=outer_day),
        user=OuterRef("user_id"),
        valid_from__lte=outer_day,
    )
    return Membership.objects.filter(valid, user=OuterRef("user_id"), **within).filter(
        ~Exists(later)
    )
