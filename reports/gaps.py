"""Reads for the competency gaps report: for each child unit of a unit, the share of its
current learners at or above a level on each competence of the primary framework.

The child lines are counts grouped by child unit and the unit's own line is their sum: the
report costs the same for 3 or 300 units.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, IntegerField, QuerySet, Sum, Value
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from competencies.models import Framework
from competencies.selectors import LevelShare
from people.models import OrgUnit, User

from .lookups import primary_competences
from .models import RollupState, UnitLearnerStat
from .selectors import primary_memberships, unit_in_scope
from .spans import spans_on

DEFAULT_LEVEL = 2
TOTAL = "*"  # the key of the unit's own line (no unit path is "*")


@dataclass
class GapRow:
    """One unit's line of the heatmap: its learners and one LevelShare per competence."""

    unit: OrgUnit
    learners: int
    shares: list[LevelShare] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.unit.name


@dataclass
class GapReport:
    unit: OrgUnit
    level: int
    framework: Framework | None
    rows: list[GapRow] = field(default_factory=list)
    total: GapRow | None = None

    @property
    def competences(self) -> list:
        return [share.competence for share in self.total.shares] if self.total else []


def competence_gaps(
    *,
    user: User,
    unit: OrgUnit,
    level: int = DEFAULT_LEVEL,
    scope: QuerySet[OrgUnit] | None = None,
) -> GapReport:
    """Child units × competences of the unit's current members (competence levels have no
    history, so this report is always as of today). The framework and its competences come
    from the cache (reports.lookups); two queries read the learners (the roll-ups' counters of
    each unit's own learners, a row per unit) and the levels (of the learners who have one),
    grouped by the child unit each learner counts in; the child units come from the scope when
    the caller has already read it, else one query more (and one more when the counters are of
    an earlier day, before anything advanced them today).

    A learner counts in one unit only (their primary membership, which the roll-ups keep as
    dated spans), so the unit's own line is the sum of the groups (its children's and its
    direct members'): no second pass, and a plain count per group (one span per learner and
    day, one level per learner and competence) rather than a distinct count."""
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    framework, competences = primary_competences()
    if framework is None:
        return GapReport(unit=unit, level=level, framework=None)
    if scope is not None and scope._result_cache is not None:
        children = [
            row for row in scope if row.depth == unit.depth + 1 and row.path.startswith(unit.path)
        ]
    else:
        children = list(unit.get_children())
    today = timezone.localdate()
    child_path = Substr("unit__path", 1, OrgUnit.steplen * (unit.depth + 1))
    # Each learner's unit today from the roll-ups' spans: a range test on one row per learner,
    # where the memberships need a second pass to find each learner's primary one. Only the
    # learners with a level are joined to them; the learners per unit are the roll-ups' counters.
    members = spans_on(unit=unit, day=today)
    learners = _learners_from_counters(unit, child_path, today)
    if learners is _NOT_BUILT:
        # Before the roll-ups' first rebuild: the memberships themselves.
        members = primary_memberships(on=today).filter(unit__path__startswith=unit.path)
        learners = dict(_counted(members, child_path))
    elif learners is None:
        # The counters are of an earlier day (nothing has advanced them yet today): the spans
        # answer for any day.
        learners = dict(_counted(members, child_path))
    counts = {}
    for path, competence_id, n in _counted(
        members.filter(
            user__competence_levels__level__gte=level,
            user__competence_levels__competence__in=[c.pk for c in competences],
        ),
        child_path,
        "user__competence_levels__competence",
    ):
        counts[path, competence_id] = n
        counts[TOTAL, competence_id] = counts.get((TOTAL, competence_id), 0) + n
    learners[TOTAL] = sum(learners.values())

    ids = [competence.pk for competence in competences]

    def line(row_unit: OrgUnit, path: str) -> GapRow:
        n = learners.get(path, 0)
        return GapRow(
            unit=row_unit,
            learners=n,
            shares=[
                LevelShare(competence=competence, learners=n, at_or_above=counts.get((path, pk), 0))
                for competence, pk in zip(competences, ids, strict=True)
            ],
        )

    rows = [line(child, child.path) for child in children]
    return GapReport(
        unit=unit, level=level, framework=framework, rows=rows, total=line(unit, TOTAL)
    )


_NOT_BUILT = object()


def _learners_from_counters(unit: OrgUnit, child_path, today) -> dict | object | None:
    """Learners per child path from the roll-ups' current counters (`UnitLearnerStat`: each
    unit's own learners, a row per unit rather than per learner), with the roll-ups' date in
    the same query. `_NOT_BUILT` before the first rebuild; None when the counters are of an
    earlier day than `today` (memberships may have begun or ended since)."""
    state = RollupState.objects.annotate(
        child_path=Cast("valid_on", CharField()), n=Value(0, output_field=IntegerField())
    ).values_list("child_path", "n")
    counters = (
        UnitLearnerStat.objects.filter(unit__path__startswith=unit.path)
        .annotate(child_path=child_path)
        .order_by()
        .values("child_path")
        .annotate(n=Sum("learners"))
        .values_list("child_path", "n")
    )
    learners, valid_on = {}, None
    for key, n in state.union(counters, all=True):
        if "-" in key:  # the roll-ups' date (a path has no dash)
            valid_on = key
        else:
            learners[key] = n
    if valid_on is None:
        return _NOT_BUILT
    return learners if valid_on == today.isoformat() else None


def _counted(members: QuerySet, child_path, *keys) -> QuerySet:
    """(child path, *keys, count) of spans or memberships, grouped by the child unit's path."""
    return (
        members.annotate(child_path=child_path)
        .order_by()
        .values("child_path", *keys)
        .annotate(n=Count("pk"))
        .values_list("child_path", *keys, "n")
    )
