"""Reads for the competency gaps report: for each child unit of a unit, the share of its
current learners at or above a level on each competence of the primary framework.

The unit's own line is `competencies.selectors.level_share_by_competence` (the selector the
competencies app keeps for managers); the child lines are the same count grouped by child unit
in one query, so the report costs the same for 3 or 300 child units.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from competencies.models import CompetenceLevel, Framework
from competencies.selectors import LevelShare, level_share_by_competence, primary_framework
from people.models import OrgUnit, User

from .selectors import primary_memberships, unit_in_scope

DEFAULT_LEVEL = 2


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
    history, so this report is always as of today). Eight queries whatever the size."""
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    framework = primary_framework()
    if framework is None:
        return GapReport(unit=unit, level=level, framework=None)
    shares = level_share_by_competence(unit, level, framework)
    total = GapRow(unit=unit, learners=shares[0].learners if shares else 0, shares=shares)
    children = list(unit.get_children())
    child_length = OrgUnit.steplen * (unit.depth + 1)
    # One unit per learner (their primary membership), as in every report.
    members = primary_memberships(on=timezone.localdate()).filter(unit__path__startswith=unit.path)
    learners = dict(
        members.annotate(child_path=Substr("unit__path", 1, child_length))
        .order_by()
        .values("child_path")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("child_path", "n")
    )
    counts: dict[tuple[str, int], int] = {}
    for path, competence_id, n in (
        CompetenceLevel.objects.filter(
            level__gte=level,
            competence__area__framework=framework,
            user__memberships__in=members,
        )
        .annotate(child_path=Substr("user__memberships__unit__path", 1, child_length))
        .order_by()
        .values("child_path", "competence_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("child_path", "competence_id", "n")
    ):
        counts[(path, competence_id)] = n
    rows = []
    for child in children:
        n = learners.get(child.path, 0)
        rows.append(
            GapRow(
                unit=child,
                learners=n,
                shares=[
                    LevelShare(
                        competence=share.competence,
                        learners=n,
                        at_or_above=counts.get((child.path, share.competence.pk), 0),
                    )
                    for share in shares
                ],
            )
        )
    return GapReport(unit=unit, level=level, framework=framework, rows=rows, total=total)
