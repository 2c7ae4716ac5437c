"""Reads for the competency gaps report: for each child unit of a unit, the share of its
current learners at or above a level on each competence of the primary framework.

The unit's own line is the count of `competencies.selectors.level_share_by_competence` (the
selector the competencies app keeps for managers), read in the same query as the child lines,
which are that count grouped by child unit: the report costs the same for 3 or 300 units.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import Substr
from django.utils import timezone

from competencies.models import CompetenceLevel, Framework
from competencies.selectors import LevelShare
from people.models import OrgUnit, User

from .lookups import primary_competences
from .selectors import primary_memberships, unit_in_scope

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
    from the cache (reports.lookups); two queries read the learners and the levels, each
    with the unit's own line in the same query (UNION ALL); the child units come from the
    scope when the caller has already read it, else one query more."""
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
    child_length = OrgUnit.steplen * (unit.depth + 1)
    whole = Value(TOTAL, output_field=CharField())
    # One unit per learner (their primary membership), as in every report.
    members = primary_memberships(on=timezone.localdate()).filter(unit__path__startswith=unit.path)

    def learners_by(child_path):
        return (
            members.annotate(child_path=child_path)
            .order_by()
            .values("child_path")
            .annotate(n=Count("user_id", distinct=True))
            .values_list("child_path", "n")
        )

    learners = dict(
        learners_by(Substr("unit__path", 1, child_length)).union(learners_by(whole), all=True)
    )
    levels = CompetenceLevel.objects.filter(
        level__gte=level, competence__area__framework=framework
    ).order_by()
    by_child = (
        levels.filter(user__memberships__in=members)
        .annotate(child_path=Substr("user__memberships__unit__path", 1, child_length))
        .values("child_path", "competence_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("child_path", "competence_id", "n")
    )
    in_unit = (
        levels.filter(user_id__in=members.values("user_id"))
        .annotate(child_path=whole)
        .values("child_path", "competence_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("child_path", "competence_id", "n")
    )
    counts = {
        (path, competence_id): n for path, competence_id, n in by_child.union(in_unit, all=True)
    }

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
