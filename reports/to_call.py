"""Who to call: assigned enrolments, not completed, that are not started or overdue.

Listed one by one (`learners_to_call`: a team's page and every export), or counted per child
unit (`to_call_by_unit`: a commune's or the province's page, where a manager first looks for
where the people to call are, then drills down). Both read the same enrolments
(`_to_call_enrolments`), so a child's count is the length of its list.

An enrolment counts once, in one state: "overdue" when its due date has passed (started or
not), else "not started" — the state the list shows.

A learner counts in one unit: with the roll-ups built for the day, their open `LearnerSpan`
(the span's unit id is grouped on, and mapped to the child units in Python from the viewer's
scope, today's tree); before the roll-ups' first build, their primary membership.

With the roll-ups built for the day, the counts per unit are not counted from the enrolments
at all: they are the sums of the units' own counters (`UnitCourseToCall`, kept by
`reports.rollups` by the same rule, in the same unit: the learner's `LearnerUnit`, which is
their open span's), read with the roll-ups' date in one query.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrollment, Progress
from people.models import OrgUnit, User
from people.selectors import units_for

from .counters import counters_on
from .models import LearnerCourseState, RollupState, UnitCourseToCall
from .rollups import ASSIGNED_SOURCES, rollups_advance
from .selectors import primary_memberships, unit_in_scope

NOT_STARTED = _("Chưa bắt đầu")
OVERDUE = _("Quá hạn")


def state_of(enrollment: Enrollment, on: datetime.date) -> str:
    """The state shown for an enrolment to call: overdue wins over not started."""
    return OVERDUE if enrollment.due_on and enrollment.due_on < on else NOT_STARTED


@dataclass
class ToCallRow:
    """The enrolments to call of one child unit (or of the unit itself: `unit` None)."""

    unit: OrgUnit | None
    label: str
    not_started: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.overdue

    def add(self, other: "ToCallRow") -> None:
        self.not_started += other.not_started
        self.overdue += other.overdue


@dataclass
class ToCallSummary:
    unit: OrgUnit
    on: datetime.date
    course: CoursePage | None
    breadcrumb: list[OrgUnit]
    rows: list[ToCallRow] = field(default_factory=list)
    total: ToCallRow | None = None


def _rollups_cover(on: datetime.date) -> bool:
    """Whether the learners' units can be read from the roll-ups' spans for `on`: they are
    built, and brought forward to today first when they were last advanced on a day before."""
    valid_on = RollupState.objects.values_list("valid_on", flat=True).first()
    if valid_on is None:
        return False
    today = timezone.localdate()
    if valid_on < on == today:
        rollups_advance(today=today)
        return True
    return valid_on == on


def _counted_per_unit(
    *, units, course: CoursePage | None, on: datetime.date
) -> dict[int, tuple[int, int]] | None:
    """(not started, overdue) per unit id of `units` (every unit when None: the caller keeps
    those it needs) from the units' own counters; None when the roll-ups do not hold `on`."""
    counters = UnitCourseToCall.objects.all()
    if units is not None:
        counters = counters.filter(unit__in=units)
    if course is not None:
        counters = counters.filter(course=course)
    rows = counters_on(
        counters.values_list("unit_id").annotate(n=Sum("not_started"), o=Sum("overdue")), on=on
    )
    if rows is None:
        return None
    return {unit_id: (not_started, overdue) for unit_id, not_started, overdue in rows}


def _subtree_units(*, user: User, unit: OrgUnit | None, scope: QuerySet[OrgUnit] | None):
    """The units whose learners count: the viewer's scope below `unit` (all of it when None).
    A list of ids when the scope was already read (no query), else a subquery."""
    if scope is not None and scope._result_cache is not None:
        if unit is None:
            return [row.pk for row in scope]
        return [row.pk for row in scope if row.path.startswith(unit.path)]
    scope = units_for(user)
    return scope if unit is None else scope.filter(path__startswith=unit.path)


def _to_call_enrolments(
    *,
    user: User,
    unit: OrgUnit | None,
    course: CoursePage | None,
    on: datetime.date,
    scope: QuerySet[OrgUnit] | None,
    covered: bool | None = None,
) -> tuple[QuerySet[Enrollment], str]:
    """The enrolments to call and the join that holds each learner's unit ("…__unit").
    `covered`: whether the roll-ups cover `on`, when the caller already knows."""
    if unit is not None:
        unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    units = _subtree_units(user=user, unit=unit, scope=scope)
    enrolments = Enrollment.objects.filter(source__in=ASSIGNED_SOURCES, completed_at__isnull=True)
    if course is not None:
        enrolments = enrolments.filter(course=course)
    if covered if covered is not None else _rollups_cover(on):
        # Each learner's unit is their open span, "started?" the per-enrolment record, both
        # by index (the progress rows have none by course). One join: a learner's spans never
        # overlap, so one open span per enrolment.
        enrolments = enrolments.filter(
            Q(user__report_spans__valid_to__isnull=True) | Q(user__report_spans__valid_to__gt=on),
            user__report_spans__unit__in=units,
            user__report_spans__valid_from__lte=on,
        ).alias(
            is_started=Exists(
                LearnerCourseState.objects.filter(
                    user=OuterRef("user_id"), course=OuterRef("course_id"), started=True
                )
            )
        )
        via = "user__report_spans__unit"
    else:
        memberships = primary_memberships(on=on).filter(unit__in=units)
        enrolments = enrolments.filter(user__memberships__in=memberships).alias(
            is_started=Exists(
                Progress.objects.filter(
                    user=OuterRef("user_id"), page__path__startswith=OuterRef("course__path")
                )
            )
        )
        via = "user__memberships__unit"
    # An alias, not an annotation: "started?" only filters, and selected it would be read for
    # every row of the scope (a hashed pass over all the started enrolments) on a team's page.
    return enrolments.filter(Q(is_started=False) | Q(due_on__lt=on)), via


def learners_to_call(
    *,
    user: User,
    unit: OrgUnit | None = None,
    course: CoursePage | None = None,
    on: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
    covered: bool | None = None,
) -> QuerySet[Enrollment]:
    """Assigned enrolments in scope (below `unit`) that are not started, or overdue on `on`
    (today), by team and name. `scope` is the viewer's `units_for` when the caller has it;
    `covered`, whether the roll-ups cover `on`, when the caller already knows (`count_to_call`
    said: not None)."""
    on = on or timezone.localdate()
    enrolments, via = _to_call_enrolments(
        user=user, unit=unit, course=course, on=on, scope=scope, covered=covered
    )
    # Only the columns the list and its export show: a course is a Wagtail page, some forty
    # columns over two tables, and fifty of them (and their learners) whole cost more to build
    # than the rest of a team's page.
    return (
        enrolments.annotate(team_name=F(f"{via}__name"))
        .select_related("user", "course")
        .only("due_on", "course__title", *(f"user__{name}" for name in User.NAME_FIELDS))
        .order_by("team_name", "user__full_name", "course__title", "pk")
    )


def count_to_call(
    *,
    user: User,
    unit: OrgUnit | None = None,
    course: CoursePage | None = None,
    on: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> int | None:
    """How many enrolments `learners_to_call` lists, from the units' counters (one query, in
    place of counting a team's enrolments one by one: the pager's total); None when the
    roll-ups do not cover `on`, and the list must be counted."""
    on = on or timezone.localdate()
    if unit is not None:
        unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    counts = _counted_per_unit(
        units=_subtree_units(user=user, unit=unit, scope=scope), course=course, on=on
    )
    if counts is None:
        return None
    return sum(not_started + overdue for not_started, overdue in counts.values())


def to_call_by_unit(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    on: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> ToCallSummary:
    """The enrolments to call per child unit of `unit` (not started, overdue), a row for the
    learners of the unit itself when it has any, and the total: one query (the units'
    counters with the roll-ups' date), or, when the roll-ups do not cover `on`, one grouped
    count of the enrolments more; plus the viewer's scope when `scope` is not given already
    read."""
    on = on or timezone.localdate()
    if scope is None or scope._result_cache is None:
        scope = units_for(user).order_by("path")
        list(scope)
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    # Below the province a handful of units' rows, read through the index on the unit; the
    # province, most of the table, in one pass (the rows outside the scope are left aside by
    # `row_of` below).
    units = _subtree_units(user=user, unit=unit, scope=scope) if unit.depth > 1 else None
    counts = _counted_per_unit(units=units, course=course, on=on)
    if counts is None:
        counts = _recounted_per_unit(user=user, unit=unit, course=course, on=on, scope=scope)

    child_length = OrgUnit.steplen * (unit.depth + 1)
    subtree = [row for row in scope if row.path.startswith(unit.path)]
    rows = {
        row.path: ToCallRow(unit=row, label=row.name)
        for row in subtree
        if row.depth == unit.depth + 1
    }
    own = ToCallRow(unit=None, label="")
    row_of = {
        row.pk: own if row.pk == unit.pk else rows.get(row.path[:child_length]) for row in subtree
    }
    for unit_id, (not_started, overdue) in counts.items():
        row = row_of.get(unit_id)
        if row is not None:
            row.not_started += not_started
            row.overdue += overdue

    children = list(rows.values())  # in the scope's order: by path, as completion's
    total = ToCallRow(unit=unit, label=unit.name)
    for row in [*children, own]:
        total.add(row)
    if own.total:
        children.append(own)
    return ToCallSummary(
        unit=unit,
        on=on,
        course=course,
        breadcrumb=[row for row in scope if unit.path.startswith(row.path)],
        rows=children,
        total=total,
    )


def _recounted_per_unit(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None,
    on: datetime.date,
    scope: QuerySet[OrgUnit],
) -> dict[int, tuple[int, int]]:
    """(not started, overdue) per learner's unit id, counted from the enrolments to call (when
    the roll-ups do not cover `on`): the counts the team lists add up to, by construction."""
    enrolments, via = _to_call_enrolments(
        user=user, unit=unit, course=course, on=on, scope=scope, covered=False
    )
    counts = (
        enrolments.order_by()
        .values(learner_unit=F(f"{via}_id"))
        .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=on)))
    )
    return {row["learner_unit"]: (row["total"] - row["overdue"], row["overdue"]) for row in counts}
