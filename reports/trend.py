"""Reads for the trend report: enrolments and completions per week for a unit's subtree.

Weeks start on Monday; the last week is the one that holds `as_of`, and nothing after the end
of `as_of` is counted, so a past date shows the trend as it looked then. Two grouped queries
whatever the number of weeks or learners.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from people.models import OrgUnit, User

from .selectors import _current_memberships, _end_of, unit_in_scope

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
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = _end_of(as_of)
    members = _current_memberships(unit=unit, as_of=as_of).values("user_id")
    enrolments = Enrollment.objects.filter(user_id__in=members)
    if course is not None:
        enrolments = enrolments.filter(course=course)
    rows = {
        first + datetime.timedelta(weeks=n): WeekRow(week=first + datetime.timedelta(weeks=n))
        for n in range(weeks)
    }
    for field_name in ("enrolled", "completed"):
        stamp = f"{field_name}_at"
        counts = (
            enrolments.filter(**{f"{stamp}__gte": start, f"{stamp}__lte": end})
            .annotate(week=TruncWeek(stamp))
            .order_by()
            .values("week")
            .annotate(n=Count("pk"))
        )
        for row in counts:
            week = rows.get(_week_of(row["week"]))
            if week is not None:
                setattr(week, field_name, row["n"])
    return list(rows.values())
