"""Reads for the manager reports. Every entry point takes the viewing user and goes through
`people.selectors.units_for`, so no report can show a unit outside the viewer's scope.

Figures come from the persisted roll-ups (`reports.rollups`), which hold each unit's own
figures, summed over the subtree's materialised path here: as of today from the current
counters (`UnitCourseStat`, `UnitLearnerStat`), as of a past date from the dated ones
(`UnitCourseMonth` for the months before, `UnitCourseDay` and `UnitLearnerDay` for the days of
its month up to it), and each learner's
from `LearnerCourseState`, whose dates answer for any day. Before the roll-ups are first built
they are recounted from the dated source rows (enrolments, progress, certificates,
memberships) in a bounded number of queries.

A learner counts, on any day, in one unit: that of their primary membership (of their
memberships valid that day, the one that began last; the later created on a tie), here as in
the roll-ups.
"""

import datetime
from collections.abc import Sequence
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

from courses.models import CoursePage
from people.models import Membership, OrgUnit, User, display_name
from people.placements import DatedTree, tree_on
from people.selectors import units_for

from .models import (
    LearnerCourseState,
    RollupState,
    UnitCourseDay,
    UnitCourseMonth,
    UnitCourseStat,
    UnitLearnerDay,
    UnitLearnerStat,
)
from .rollups import annotated_enrolments, rollups_advance


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


def primary_memberships(*, on: datetime.date) -> QuerySet[Membership]:
    """Each learner's primary membership on a day: of those valid, the one that began last
    (the later created on a tie). The one unit a learner counts in, in every report."""
    later = Membership.objects.current(on=on).filter(
        Q(valid_from__gt=OuterRef("valid_from"))
        | Q(valid_from=OuterRef("valid_from"), pk__gt=OuterRef("pk")),
        user=OuterRef("user_id"),
    )
    return Membership.objects.current(on=on).filter(~Exists(later))


_ASK = object()


def _within(
    unit: OrgUnit, as_of: datetime.date | None, tree: DatedTree | None | object = _ASK
) -> dict:
    """A filter on a row's `unit` for the unit's subtree on `as_of`: today's (the path) unless
    units moved since (`people.placements.tree_on`; pass `tree` when already read)."""
    if tree is _ASK:
        tree = tree_on(as_of) if as_of else None
    if tree is not None:
        return {"unit__in": tree.subtree_ids(unit.pk)}
    if unit.depth > 1:
        # A commune or a team: a handful of units, read through an index (unit first).
        return {"unit__in": OrgUnit.objects.filter(path__startswith=unit.path).values("pk")}
    # The province: most rows of the table, read in one pass.
    return {"unit__path__startswith": unit.path}


def _current_memberships(
    *, unit: OrgUnit, as_of: datetime.date, prefix: str = "", tree: DatedTree | None | object = _ASK
):
    """Primary memberships valid on `as_of` anywhere in the unit's subtree on that day."""
    if tree is _ASK:
        tree = tree_on(as_of)
    if tree is None:
        within = {f"{prefix}unit__path__startswith": unit.path}
    else:
        within = {f"{prefix}unit__in": tree.subtree_ids(unit.pk)}
    return primary_memberships(on=as_of).filter(**within)


def _enrolments_as_of(*, as_of: datetime.date, course: CoursePage | None) -> QuerySet:
    enrolments = annotated_enrolments(as_of_end=_end_of(as_of))
    if course is not None:
        enrolments = enrolments.filter(course=course)
    return enrolments


def _summed_rollups(
    *,
    unit: OrgUnit,
    course: CoursePage | None,
    as_of: datetime.date | None,
    key,
    learners: bool,
    tree: DatedTree | None | object = _ASK,
) -> list[tuple] | None:
    """The unit's subtree's roll-ups summed per `key` (an expression over a roll-up row: the
    child's path, the course), in one query that also reads the roll-ups' date: current
    counters when `as_of` is None, else the dated ones up to `as_of` (`_dated_course_rows`).
    Rows are (kind, key, learners, enrolled, started, completed, certified) with kind "l"
    (learners), "c" (enrolments), "-" (enrolment figures to take off) or "s" (the roll-ups'
    date in `key`); None before the first rebuild."""
    zero = Value(0, output_field=IntegerField())
    within = _within(unit, as_of, tree)
    if as_of is None:
        learner_rows = UnitLearnerStat.objects.filter(**within)
        course_rows = [("c", UnitCourseStat.objects.filter(**within))]
    else:
        learner_rows = UnitLearnerDay.objects.filter(**within, day__lte=as_of)
        course_rows = _dated_course_rows(within, as_of)
    queries = []
    for kind, stats in course_rows:
        if course is not None:
            stats = stats.filter(course=course)
        queries.append(
            stats.annotate(kind=Value(kind), key=key)
            .values("kind", "key")
            .annotate(
                a=Sum(zero),
                b=Sum("enrolled"),
                c=Sum("started"),
                d=Sum("completed"),
                e=Sum("certified"),
            )
        )
    if learners:
        queries.append(
            learner_rows.annotate(kind=Value("l"), key=key)
            .values("kind", "key")
            .annotate(a=Sum("learners"), b=Sum(zero), c=Sum(zero), d=Sum(zero), e=Sum(zero))
        )
    state = RollupState.objects.annotate(
        kind=Value("s"),
        key=Cast("valid_on", CharField()),
        a=zero,
        b=zero,
        c=zero,
        d=zero,
        e=zero,
    ).values("kind", "key", "a", "b", "c", "d", "e")
    rows = [
        (row["kind"], row["key"], row["a"], row["b"], row["c"], row["d"], row["e"])
        for row in state.union(*queries, all=True)
    ]
    if not any(row[0] == "s" for row in rows):
        return None
    if as_of is None:
        today = timezone.localdate()
        if next(row[1] for row in rows if row[0] == "s") < today.isoformat():
            rollups_advance(today=today)
            return _summed_rollups(unit=unit, course=course, as_of=None, key=key, learners=learners)
    return rows


def _dated_course_rows(within: dict, as_of: datetime.date) -> list[tuple[str, QuerySet]]:
    """The dated course roll-ups that sum to the figures as of `as_of`, each with its kind:
    "c" rows add, "-" rows are taken off. From the nearer end of as_of's month: the months
    before it and its days up to as_of, or the months up to and with it less its days after
    as_of (a month's row is the sum of its days, later and future ones too). So at most about
    half a month of day rows, however late in the month."""
    month = as_of.replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    if as_of.day <= (next_month - as_of).days - 1:
        return [
            ("c", UnitCourseMonth.objects.filter(**within, month__lt=month)),
            ("c", UnitCourseDay.objects.filter(**within, day__gte=month, day__lte=as_of)),
        ]
    return [
        ("c", UnitCourseMonth.objects.filter(**within, month__lte=month)),
        ("-", UnitCourseDay.objects.filter(**within, day__gt=as_of, day__lt=next_month)),
    ]


def _split(rows: list[tuple]) -> tuple[dict, dict]:
    names = ("enrolled", "started", "completed", "certified")
    learners_by_key, figures = {}, {}
    for kind, key, *values in rows:
        if kind == "l":  # several units' rows share a key when units moved since
            learners_by_key[key] = learners_by_key.get(key, 0) + (values[0] or 0)
        elif kind in ("c", "-"):  # a row per key from the months, one from the days
            sign = -1 if kind == "-" else 1
            row = figures.setdefault(key, dict.fromkeys(names, 0))
            for name, value in zip(names, values[1:], strict=True):
                row[name] += sign * (value or 0)
    return learners_by_key, figures


def _rollup_figures(
    *, unit: OrgUnit, course: CoursePage | None, child_length: int
) -> tuple[dict, dict] | None:
    """Today's learners and enrolment figures per child path, summed from the units' own
    current roll-ups in one query; None before the first rebuild."""
    rows = _summed_rollups(
        unit=unit,
        course=course,
        as_of=None,
        key=Substr("unit__path", 1, child_length),
        learners=True,
    )
    return None if rows is None else _split(rows)


def _dated_rollup_figures(
    *,
    unit: OrgUnit,
    course: CoursePage | None,
    as_of: datetime.date,
    child_length: int,
    tree: DatedTree | None,
) -> tuple[dict, dict] | None:
    """The same as of a past day, summed from the dated roll-ups up to that day; per unit,
    then per branch of that day's tree, when units have moved since."""
    rows = _summed_rollups(
        unit=unit,
        course=course,
        as_of=as_of,
        key=Substr("unit__path", 1, child_length) if tree is None else Cast("unit_id", CharField()),
        learners=True,
        tree=tree,
    )
    if rows is None:
        return None
    if tree is not None:
        rows = [(kind, _branch_path(tree, unit, key), *values) for kind, key, *values in rows]
    return _split(rows)


def _branch_path(tree: DatedTree, unit: OrgUnit, unit_id) -> str:
    """The path (today's) of the child of `unit` that held `unit_id` on the tree's day, or the
    unit's own path for its own rows: the keys completion_by_unit reads figures by."""
    if unit_id is None or not str(unit_id).isdigit():
        return unit_id  # the roll-ups' date row
    branch = tree.branch_of(int(unit_id), unit.pk)
    return tree.units[branch].path if branch is not None else ""


def course_figures(*, unit: OrgUnit, as_of: datetime.date) -> dict | None:
    """Enrolment figures per course id for the unit's subtree from the roll-ups (current ones
    for today, dated ones for a past day); None before the first rebuild."""
    today = timezone.localdate()
    rows = _summed_rollups(
        unit=unit,
        course=None,
        as_of=None if as_of >= today else as_of,
        key=Cast("course_id", CharField()),
        learners=False,
    )
    if rows is None:
        return None
    return {int(key): values for key, values in _split(rows)[1].items()}


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

    tree = tree_on(as_of)
    if tree is not None:  # units have moved since: that day's children, still in scope
        children = _dated_children(user=user, unit=unit, tree=tree)
    if as_of == timezone.localdate():
        rollup = _rollup_figures(unit=unit, course=course, child_length=child_length)
    else:
        rollup = _dated_rollup_figures(
            unit=unit, course=course, as_of=as_of, child_length=child_length, tree=tree
        )
    if rollup is not None:
        learners_by_path, figures = rollup
    else:
        learners_by_path, figures = _recounted_figures(
            unit=unit, course=course, as_of=as_of, child_length=child_length, tree=tree
        )

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


def _dated_children(*, user: User, unit: OrgUnit, tree: DatedTree) -> list[OrgUnit]:
    """The unit's children on the tree's day that the viewer may still see today."""
    children = tree.children_of(unit.pk)
    if user.is_superuser:
        return children
    visible = set(
        units_for(user).filter(pk__in=[row.pk for row in children]).values_list("pk", flat=True)
    )
    return [row for row in children if row.pk in visible]


def _recounted_figures(
    *,
    unit: OrgUnit,
    course: CoursePage | None,
    as_of: datetime.date,
    child_length: int,
    tree: DatedTree | None,
) -> tuple[dict, dict]:
    """Before the first roll-up rebuild: learners and enrolment figures per child path,
    counted from memberships and enrolments (per unit, then per branch, when units moved)."""
    if tree is None:
        key, member_key = Substr("unit__path", 1, child_length), "user__memberships__unit__path"
        member_key = Substr(member_key, 1, child_length)
    else:
        key, member_key = F("unit_id"), F("user__memberships__unit_id")
    memberships = _current_memberships(unit=unit, as_of=as_of, tree=tree)
    learners = (
        memberships.annotate(child=key).values("child").annotate(n=Count("user_id", distinct=True))
    )
    enrolments = (
        _enrolments_as_of(as_of=as_of, course=course)
        .filter(user__memberships__in=memberships)
        .annotate(child=member_key)
        .values("child")
        .annotate(**_figures(as_of))
    )
    learners_by_path, figures = {}, {}
    for row in learners:
        path = row["child"] if tree is None else _branch_path(tree, unit, row["child"])
        learners_by_path[path] = learners_by_path.get(path, 0) + row["n"]
    for row in enrolments:
        child = row.pop("child")
        path = child if tree is None else _branch_path(tree, unit, child)
        total = figures.setdefault(path, dict.fromkeys(row, 0))
        for name, value in row.items():
            total[name] += value
    return learners_by_path, figures


def _rollup_learner_figures(*, user_ids: list[int], as_of: datetime.date, course) -> dict | None:
    """These learners' figures on `as_of` from `LearnerCourseState` (the day each figure began
    to count), with the roll-ups' date in the same query; None before the first rebuild."""
    zero = Value(0, output_field=IntegerField())
    states = LearnerCourseState.objects.filter(user__in=user_ids)
    if course is not None:
        states = states.filter(course=course)
    states = (
        states.annotate(kind=Value("u"))
        .values("kind", "user_id")
        .annotate(
            a=Count("pk", filter=Q(enrolled_on__lte=as_of)),
            b=Count("pk", filter=Q(started_on__lte=as_of)),
            c=Count("pk", filter=Q(completed_on__lte=as_of)),
            d=Count("pk", filter=Q(certified_on__lte=as_of)),
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
    # The dates answer for any day; only today's roll-ups follow memberships' dates.
    if as_of == timezone.localdate() and valid_on[0] < as_of.isoformat():
        rollups_advance(today=as_of)
        return _rollup_learner_figures(user_ids=user_ids, as_of=as_of, course=course)
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


class LearnerList(Sequence):
    """The learners of a unit's subtree with their figures, read a page at a time: the
    paginator counts them (one query) and slices them (two queries: the page's learners, then
    their figures), so a team of hundreds costs the page's fifty rows; iterating (an export)
    reads them all."""

    def __init__(self, *, members: QuerySet, as_of: datetime.date, course) -> None:
        self.members, self.as_of, self.course = members, as_of, course
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.members.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._rows(self.members[index])
        return self._rows(self.members[index : index + 1])[0]

    def __iter__(self):
        return iter(self._rows(self.members))

    def _rows(self, members) -> list[dict]:
        members = list(members)
        user_ids = [user_id for user_id, *_rest in members]
        figures = _rollup_learner_figures(user_ids=user_ids, as_of=self.as_of, course=self.course)
        if figures is None:
            rows = (
                _enrolments_as_of(as_of=self.as_of, course=self.course)
                .filter(user_id__in=user_ids)
                .values("user_id")
                .annotate(**_figures(self.as_of))
            )
            figures = {row["user_id"]: row for row in rows}
        learners = []
        for user_id, phone, team, *names in members:
            row = figures.get(user_id, {})
            learners.append(
                {
                    "name": display_name(*names),
                    "phone": phone,
                    "team": team,
                    "enrolled": row.get("enrolled", 0),
                    "started": row.get("started", 0),
                    "completed": row.get("completed", 0),
                    "certified": row.get("certified", 0),
                }
            )
        return learners


def learners_in_unit(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    as_of: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> LearnerList:
    """Each learner of the unit's subtree on `as_of` (their primary membership: once each),
    with their enrolment figures, by name; read a page at a time (`LearnerList`).
    `scope` is the viewer's `units_for` queryset when the caller already has it."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    # Plain values, not memberships with their user and unit: a team holds hundreds of
    # learners, and three model instances each cost more than the rest of the page.
    members = (
        _current_memberships(unit=unit, as_of=as_of)
        .order_by("user__full_name", "user_id")
        .values_list(
            "user_id",
            "user__phone",
            "unit__name",
            *(f"user__{name}" for name in User.NAME_FIELDS),
        )
    )
    return LearnerList(members=members, as_of=as_of, course=course)
