"""Reads for the course overview: every live course side by side for one unit's subtree.

Built on the same annotated enrolments as `completion_by_unit`, grouped by course instead of
by child unit, so the two reports always agree: from the roll-ups (current or dated) once built,
else recounted. Four queries whatever the size.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from courses.models import CoursePage
from people.models import OrgUnit, User

from .lookups import live_courses
from .selectors import (
    CompletionRow,
    _current_memberships,
    _enrolments_as_of,
    _figures,
    course_figures,
    unit_in_scope,
)


@dataclass
class CourseRow(CompletionRow):
    """One course's figures in the unit (`label` is the course title)."""

    course: CoursePage | None = None

    @property
    def not_started(self) -> int:
        return max(self.enrolled - self.started, 0)

    @property
    def in_progress(self) -> int:
        return max(self.started - self.completed, 0)


@dataclass
class CourseOverview:
    unit: OrgUnit
    as_of: datetime.date
    rows: list[CourseRow] = field(default_factory=list)


def course_overview(
    *,
    user: User,
    unit: OrgUnit,
    as_of: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> CourseOverview:
    """Enrolled, started, completed and certified per live course for the learners who
    belonged to the unit's subtree on `as_of` (dated membership, like completion_by_unit)."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    courses = list(live_courses())  # cached: no query on a warm cache
    figures = course_figures(unit=unit, as_of=as_of)
    if figures is None:
        figures = {
            row.pop("course_id"): row
            for row in _enrolments_as_of(as_of=as_of, course=None)
            .filter(user__memberships__in=_current_memberships(unit=unit, as_of=as_of))
            .values("course_id")
            .annotate(**_figures(as_of))
        }
    rows = [
        CourseRow(unit=None, label=course.title, course=course, **figures.get(course.pk, {}))
        for course in courses
    ]
    return CourseOverview(unit=unit, as_of=as_of, rows=rows)
