"""Reads for the competency gaps report: for each child unit of a unit, the share of its
current learners at or above a level on each competence of the primary framework.

The child lines are counts grouped by child unit and the unit's own line is their sum: the
report costs the same for 3 or 300 units.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, IntegerField, QuerySet, Value
from django.db.models.functions import Substr
from django.utils import timezone

from competencies.models import Framework
from competencies.selectors import LevelShare
from people.models import OrgUnit, User

from .lookups import primary_competences
from .models import RollupState
from .selectors import primary_memberships, unit_in_scope
from .spans import spans_on

DEFAULT_LEVEL = 2
TOTAL = "*"  # the key of the unit's own line (no unit path is "*")
BUILT = "built"  # the key of the row saying the roll-ups were built (paths are upper case)


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
    from the cache (reports.lookups); two queries read the learners and the levels, grouped by
    the child unit each learner counts in; the child units come from the scope when the caller
    has already read it, else one query more.

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
    # where the memberships need a second pass to find each learner's primary one.
    members = spans_on(unit=unit, day=today)
    built = RollupState.objects.annotate(
        child_path=Value(BUILT, output_field=CharField()),
        n=Value(0, output_field=IntegerField()),
    ).values_list("child_path", "n")
    learners = dict(built.union(_counted(members, child_path), all=True))
    if learners.pop(BUILT, None) is None:
        # Before the roll-ups' first rebuild: the memberships themselves.
        members = primary_memberships(on=today).filter(unit__path__startswith=unit.path)
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

    def line(row_unit: OrgUnit, path: str) -> GapRow:
        n = learners.get(path, 0)
        return GapRow(
            unit=row_unit,
            learners=n,
            shares=[
                LevelShare(
                    competence=competence,
                    learners=n,
                    at_or_above=counts.get((path, competence.pk), 0),
                )
                for competence in competences
            ],
        )

    rows = [line(child, child.path) for child in children]
    return GapReport(
        unit=unit, level=level, framework=framework, rows=rows, total=line(unit, TOTAL)
    )


def _counted(members: QuerySet, child_path, *keys) -> QuerySet:
    """(child path, *keys, count) of spans or memberships, grouped by the child unit's path."""
    return (
        members.annotate(child_path=child_path)
        .order_by()
        .values("child_path", *keys)
        .annotate(n=Count("pk"))
        .values_list("child_path", *keys, "n")
    )
