"""Reads for the manager reports. Every entry point takes the viewing user and goes through
`people.selectors.units_for`, so no report can show a unit outside the viewer's scope.

Current figures (as of today, the default) are read from the persisted roll-ups
(`reports.rollups`: `UnitCourseStat`, `UnitLearnerStat`, `LearnerCourseState`), which hold each
unit's own figures, summed over the subtree's materialised path here. Figures as of a past date
are recounted from the dated source rows (enrolments, progress, certificates, memberships) in
a bounded number of queries, as they are when the roll-ups have never been built.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Substr
from django.http import Http404
from django.utils import timezone

from courses.models import CoursePage, Enrollment, EnrollmentSource, Progress
from people.models import Membership, OrgUnit, User
from people.selectors import units_for

from .models import LearnerCourseState, RollupState, UnitCourseStat, UnitLearnerStat
from .rollups import annotated_enrolments, rollups_advance

ASSIGNED_SOURCES = (EnrollmentSource.ASSIGNED, EnrollmentSource.BULK)


@dataclass
class CompletionRow:
    """One unit's figures; `enrolled`..`certified` count enrolments (learner × course)."""

    unit: OrgUnit | None
    label: str
    learners: int = 0
    enrolled: int = 0
    started: int = 0
    completed: int = 0
    certified: int = 0

    @property
    def completion_rate(self) -> float:
        return round(100 * self.completed / self.enrolled, 1) if self.enrolled else 0.0

    def add(self, other: "CompletionRow") -> None:
        for name in ("learners", "enrolled", "started", "completed", "certified"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class CompletionReport:
    unit: OrgUnit
    as_of: datetime.date
    course: CoursePage | None
    breadcrumb: list[OrgUnit]
    rows: list[CompletionRow] = field(default_factory=list)
    total: CompletionRow | None = None

    @property
    def is_leaf(self) -> bool:
        return not any(row.unit for row in self.rows)


def unit_in_scope(*, user: User, unit_id, scope: QuerySet[OrgUnit] | None = None) -> OrgUnit:
    """The unit if the user may see it, else 404 (the same answer for foreign and unknown)."""
    scope = units_for(user) if scope is None else scope
    if scope._result_cache is not None:  # already read by the caller: no query
        unit = next((row for row in scope if str(row.pk) == str(unit_id)), None)
    else:
        unit = scope.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _current_memberships(*, unit: OrgUnit, as_of: datetime.date, prefix: str = ""):
    """Memberships valid on `as_of` anywhere in the unit's subtree (path prefix)."""
    return Membership.objects.current(on=as_of).filter(
        **{f"{prefix}unit__path__startswith": unit.path}
    )


def _enrolments_as_of(*, as_of: datetime.date, course: CoursePage | None) -> QuerySet:
    enrolments = annotated_enrolments(as_of_end=_end_of(as_of))
    if course is not None:
        enrolments = enrolments.filter(course=course)
    return enrolments


def _rollup_figures(
    *, unit: OrgUnit, course: CoursePage | None, child_length: int
) -> tuple[dict, dict] | None:
    """Learners and enrolment figures per child path, summed from the units' own roll-ups, in
    one query (which also reads the roll-ups' date); None when they do not cover today."""
    child_path = Substr("unit__path", 1, child_length)
    zero = Value(0, output_field=IntegerField())
    names = ("learners", "enrolled", "started", "completed", "certified")
    learners = (
        UnitLearnerStat.objects.filter(unit__path__startswith=unit.path)
        .annotate(kind=Value("l"), child_path=child_path)
        .values("kind", "child_path")
        .annotate(a=Sum("learners"), b=Sum(zero), c=Sum(zero), d=Sum(zero), e=Sum(zero))
    )
    stats = UnitCourseStat.objects.filter(unit__path__startswith=unit.path)
    if course is not None:
        stats = stats.filter(course=course)
    stats = (
        stats.annotate(kind=Value("c"), child_path=child_path)
        .values("kind", "child_path")
        .annotate(
            a=Sum(zero),
            b=Sum("enrolled"),
            c=Sum("started"),
            d=Sum("completed"),
            e=Sum("certified"),
        )
    )
    state = RollupState.objects.annotate(
        kind=Value("s"),
        child_path=Cast("valid_on", CharField()),
        a=zero,
        b=zero,
        c=zero,
        d=zero,
        e=zero,
    ).values("kind", "child_path", "a", "b", "c", "d", "e")
    rows = [
        (row["kind"], row["child_path"], row["a"], row["b"], row["c"], row["d"], row["e"])
        for row in state.union(learners, stats, all=True)
    ]
    today = timezone.localdate()
    valid_on = [row[1] for row in rows if row[0] == "s"]
    if not valid_on:
        return None
    if valid_on[0] < today.isoformat():
        rollups_advance(today=today)
        return _rollup_figures(unit=unit, course=course, child_length=child_length)
    learners_by_path, figures = {}, {}
    for kind, path, *values in rows:
        if kind == "l":
            learners_by_path[path] = values[0] or 0
        elif kind == "c":
            figures[path] = dict(zip(names[1:], (v or 0 for v in values[1:]), strict=True))
    return learners_by_path, figures


def _figures(as_of: datetime.date) -> dict:
    """Conditional counts over annotated enrolments: one aggregate query per report."""
    end = _end_of(as_of)
    return {
        "enrolled": Count("pk", distinct=True),
        "started": Count("pk", distinct=True, filter=Q(is_started=True)),
        "completed": Count("pk", distinct=True, filter=Q(completed_at__lte=end)),
        "certified": Count("pk", distinct=True, filter=Q(is_certified=True)),
    }


def completion_by_unit(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    as_of: datetime.date | None = None,
) -> CompletionReport:
    """Enrolled, started, completed and certified per child unit of `unit`, and its total.

    A learner counts in the unit they belonged to on `as_of` (dated membership), so figures
    for a past date stay true after people move or units merge. Six queries whatever the size.
    """
    as_of = as_of or timezone.localdate()
    steplen = OrgUnit.steplen
    # One query: the unit (if in scope), its ancestors in scope (the breadcrumb) and its
    # children (in scope whenever the unit is: a scope is made of whole subtrees).
    prefixes = [unit.path[: steplen * depth] for depth in range(1, unit.depth)]
    units = list(
        units_for(user)
        .filter(
            Q(pk=unit.pk)
            | Q(path__in=prefixes)
            | Q(path__startswith=unit.path, depth=unit.depth + 1)
        )
        .order_by("path")
    )
    found = [row for row in units if row.pk == unit.pk]
    if not found:
        raise Http404
    unit = found[0]
    child_length = steplen * (unit.depth + 1)
    children = [
        row for row in units if row.depth == unit.depth + 1 and row.path.startswith(unit.path)
    ]
    ancestors = [row for row in units if row.depth < unit.depth]

    rollup = None
    if as_of == timezone.localdate():
        rollup = _rollup_figures(unit=unit, course=course, child_length=child_length)
    if rollup is not None:
        learners_by_path, figures = rollup
    else:
        learners = (
            _current_memberships(unit=unit, as_of=as_of)
            .annotate(child_path=Substr("unit__path", 1, child_length))
            .values("child_path")
            .annotate(n=Count("user_id", distinct=True))
        )
        learners_by_path = {row["child_path"]: row["n"] for row in learners}
        enrolments = (
            _enrolments_as_of(as_of=as_of, course=course)
            .filter(
                user__memberships__in=_current_memberships(unit=unit, as_of=as_of),
            )
            .annotate(child_path=Substr("user__memberships__unit__path", 1, child_length))
            .values("child_path")
            .annotate(**_figures(as_of))
        )
        figures = {row.pop("child_path"): row for row in enrolments}

    def row_for(path: str, row_unit: OrgUnit | None, label: str) -> CompletionRow:
        return CompletionRow(
            unit=row_unit,
            label=label,
            learners=learners_by_path.get(path, 0),
            **figures.get(path, {}),
        )

    rows = [row_for(child.path, child, child.name) for child in children]
    own = row_for(unit.path, None, "")
    total = CompletionRow(unit=unit, label=unit.name)
    for row in [*rows, own]:
        total.add(row)
    if own.learners or own.enrolled:
        rows.append(own)
    return CompletionReport(
        unit=unit, as_of=as_of, course=course, breadcrumb=[*ancestors, unit], rows=rows, total=total
    )


def _rollup_learner_figures(*, unit: OrgUnit, as_of: datetime.date, course) -> dict | None:
    """Each current learner's figures from `LearnerCourseState`, with the roll-ups' date in the
    same query; None when the roll-ups do not cover today."""
    zero = Value(0, output_field=IntegerField())
    states = LearnerCourseState.objects.filter(
        user__in=_current_memberships(unit=unit, as_of=as_of).values("user_id")
    )
    if course is not None:
        states = states.filter(course=course)
    states = (
        states.annotate(kind=Value("u"))
        .values("kind", "user_id")
        .annotate(
            a=Count("pk"),
            b=Count("pk", filter=Q(started=True)),
            c=Count("pk", filter=Q(completed=True)),
            d=Count("pk", filter=Q(certified=True)),
        )
    )
    state = RollupState.objects.annotate(
        kind=Cast("valid_on", CharField()),  # the state row carries the roll-ups' date
        user=Value(0, output_field=IntegerField()),
        a=zero,
        b=zero,
        c=zero,
        d=zero,
    ).values("kind", "user", "a", "b", "c", "d")
    rows = list(state.union(states, all=True))
    valid_on = [row["kind"] for row in rows if row["kind"] != "u"]
    if not valid_on:
        return None
    if valid_on[0] < as_of.isoformat():
        rollups_advance(today=as_of)
        return _rollup_learner_figures(unit=unit, as_of=as_of, course=course)
    return {
        row["user"]: {
            "enrolled": row["a"],
            "started": row["b"],
            "completed": row["c"],
            "certified": row["d"],
        }
        for row in rows
        if row["kind"] == "u"
    }


def learners_in_unit(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    as_of: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> list[dict]:
    """Each learner of the unit's subtree on `as_of`, with their enrolment figures.
    `scope` is the viewer's `units_for` queryset when the caller already has it."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    members = (
        _current_memberships(unit=unit, as_of=as_of)
        .select_related("user", "unit")
        .order_by("user__full_name", "user_id")
    )
    figures = None
    if as_of == timezone.localdate():
        figures = _rollup_learner_figures(unit=unit, as_of=as_of, course=course)
    if figures is None:
        rows = (
            _enrolments_as_of(as_of=as_of, course=course)
            .filter(user__memberships__in=_current_memberships(unit=unit, as_of=as_of))
            .values("user_id")
            .annotate(**_figures(as_of))
        )
        figures = {row["user_id"]: row for row in rows}
    learners, seen = [], set()
    for membership in members:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        row = figures.get(membership.user_id, {})
        learners.append(
            {
                "name": str(membership.user),
                "phone": membership.user.phone,
                "team": membership.unit.name,
                "enrolled": row.get("enrolled", 0),
                "started": row.get("started", 0),
                "completed": row.get("completed", 0),
                "certified": row.get("certified", 0),
            }
        )
    return learners


def learners_to_call(
    *,
    user: User,
    unit: OrgUnit | None = None,
    course: CoursePage | None = None,
    on: datetime.date | None = None,
) -> QuerySet[Enrollment]:
    """Assigned enrolments in scope that are not started, or overdue on `on` (today)."""
    on = on or timezone.localdate()
    scope = units_for(user)
    if unit is not None:
        unit = unit_in_scope(user=user, unit_id=unit.pk)
        scope = scope.filter(path__startswith=unit.path)
    memberships = Membership.objects.current(on=on).filter(unit__in=scope)
    enrolments = (
        Enrollment.objects.filter(
            source__in=ASSIGNED_SOURCES,
            completed_at__isnull=True,
            user__memberships__in=memberships,
        )
        .annotate(
            # The roll-ups' per-enrolment record answers "started?" by its unique index; the
            # progress rows (a path prefix per course, no index) only when the roll-ups do not
            # cover `on`. The roll-up check is uncorrelated: evaluated once per query.
            is_started=Exists(
                LearnerCourseState.objects.filter(
                    user=OuterRef("user_id"), course=OuterRef("course_id"), started=True
                )
            )
            | (
                ~Exists(RollupState.objects.filter(valid_on=on))
                & Exists(
                    Progress.objects.filter(
                        user=OuterRef("user_id"), page__path__startswith=OuterRef("course__path")
                    )
                )
            ),
            team_name=F("user__memberships__unit__name"),
        )
        .filter(Q(is_started=False) | Q(due_on__lt=on))
        .select_related("user", "course")
        .order_by("team_name", "user__full_name", "course__title", "pk")
    )
    if course is not None:
        enrolments = enrolments.filter(course=course)
    return enrolments
