"""Reads for the trend report: enrolments and completions per week for a unit's subtree.

Weeks start on Monday; the last week is the one that holds `as_of`, and nothing after the end
of `as_of` is counted, so a past date shows the trend as it looked then. One query whatever
the number of weeks or learners, over the roll-ups' per-learner records (two over the
enrolments and memberships before the roll-ups' first rebuild).

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, DateField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from people.models import OrgUnit, User

from .models import LearnerCourseState, RollupState
from .selectors import _current_memberships, _end_of, unit_in_scope
from .spans import spans_on

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


def _week_of(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date()
    return value


def weekly_trend(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    as_of: datetime.date | None = None,
    weeks: int = DEFAULT_WEEKS,
    scope: QuerySet[OrgUnit] | None = None,
) -> list[WeekRow]:
    """`weeks` rows, oldest first, for the learners who belonged to the unit's subtree on
    `as_of` (their enrolments and completions, of one course or of all)."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    first = _monday(as_of) - datetime.timedelta(weeks=weeks - 1)
    rows = {
        first + datetime.timedelta(weeks=n): WeekRow(week=first + datetime.timedelta(weeks=n))
        for n in range(weeks)
    }
    counts = _counted_from_rollups(unit=unit, course=course, first=first, as_of=as_of)
    if counts is None:
        counts = _counted_from_enrolments(unit=unit, course=course, first=first, as_of=as_of)
    for field_name, week, n in counts:
        row = rows.get(_week_of(week))
        if row is not None:
            setattr(row, field_name, n)
    return list(rows.values())


def _counted_from_rollups(
    *, unit: OrgUnit, course: CoursePage | None, first: datetime.date, as_of: datetime.date
) -> list[tuple] | None:
    """(figure, week, count) from the roll-ups' record of each learner: the unit they counted
    in on each day (`LearnerSpan`, one unit per learner) and the day their enrolment and their
    completion began to count (`LearnerCourseState`). One query, with the roll-ups' state to
    tell whether they were built; None before the first rebuild."""
    spans = spans_on(unit=unit, day=as_of)
    states = LearnerCourseState.objects.filter(user_id__in=spans.values("user_id"))
    if course is not None:
        states = states.filter(course=course)
    # Both figures in one pass over the states and one semi-join to the spans (at the province
    # the spans of every learner, hashed once rather than once per figure): counted per pair
    # of days, a day outside the window read as null, and added up per week here. Per day
    # rather than per week in SQL: PostgreSQL would cast every row's date to a timestamp with
    # time zone to truncate it to its week.
    within = {
        day: Q(**{f"{day}__gte": first, f"{day}__lte": as_of})
        for day in ("enrolled_on", "completed_on")
    }
    counted = (
        states.filter(within["enrolled_on"] | within["completed_on"])
        .annotate(
            figure=Value("days"),
            enrolled_day=Case(When(within["enrolled_on"], then=F("enrolled_on")), default=None),
            completed_day=Case(When(within["completed_on"], then=F("completed_on")), default=None),
        )
        .values_list("figure", "enrolled_day", "completed_day")
        .annotate(n=Count("pk"))
    )
    state = RollupState.objects.annotate(
        figure=Value("state"),
        enrolled_day=F("valid_on"),
        completed_day=Value(None, output_field=DateField()),
        n=Value(0, output_field=IntegerField()),
    ).values_list("figure", "enrolled_day", "completed_day", "n")
    rows = list(state.union(counted, all=True))
    if not any(figure == "state" for figure, *_days in rows):
        return None
    weeks = Counter()
    for figure, enrolled, completed, n in rows:
        if figure == "state":
            continue
        if enrolled is not None:
            weeks["enrolled", _monday(enrolled)] += n
        if completed is not None:
            weeks["completed", _monday(completed)] += n
    return [(figure, week, n) for (figure, week), n in weeks.items()]


def _counted_from_enrolments(
    *, unit: OrgUnit, course: CoursePage | None, first: datetime.date, as_of: datetime.date
) -> list[tuple]:
    """The same from the enrolments of the learners whose primary membership on `as_of` is in
    the unit's subtree (before the roll-ups' first rebuild). Two grouped queries."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = _end_of(as_of)
    members = _current_memberships(unit=unit, as_of=as_of).values("user_id")
    enrolments = Enrollment.objects.filter(user_id__in=members)
    if course is not None:
        enrolments = enrolments.filter(course=course)
    rows = []
    for figure in ("enrolled", "completed"):
        stamp = f"{figure}_at"
        rows += [
            (figure, row["week"], row["n"])
            for row in enrolments.filter(**{f"{stamp}__gte": start, f"{stamp}__lte": end})
            .annotate(week=TruncWeek(stamp))
            .order_by()
            .values("week")
            .annotate(n=Count("pk"))
        ]
    return rows
