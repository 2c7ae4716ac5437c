"""Reads: a learner's profile, their weakest competences, shares of learners per unit, uses."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.deletion import PROTECT

from people.models import Membership, OrgUnit

from .models import Area, Competence, CompetenceLevel, Framework, Level


@dataclass
class CompetenceStatus:
    """One competence and what the learner attained on it (level 0 = not yet)."""

    competence: Competence
    level: int
    level_name: str
    max_level: int
    started: bool = False  # the learner has evidence on it (a level row exists)

    @property
    def share(self) -> float:
        return self.level / self.max_level if self.max_level else 0.0


@dataclass
class AreaStatus:
    area: Area
    competences: list[CompetenceStatus] = field(default_factory=list)


@dataclass
class Profile:
    framework: Framework | None
    areas: list[AreaStatus]
    levels: list[Level]

    @property
    def statuses(self) -> list[CompetenceStatus]:
        return [status for area in self.areas for status in area.competences]

    @property
    def attained_count(self) -> int:
        return sum(1 for status in self.statuses if status.level > 0)


def primary_framework() -> Framework | None:
    """The framework learners' profiles are drawn on (Circular 02/2025 once seeded)."""
    return Framework.objects.filter(is_primary=True).first() or Framework.objects.first()


def profile_for(user, framework: Framework | None = None) -> Profile:
    """Every area and competence of a framework with the user's attained level; 4 queries."""
    framework = framework or primary_framework()
    if framework is None:
        return Profile(framework=None, areas=[], levels=[])
    levels = list(framework.levels.order_by("number"))
    names = {level.number: level.display_name for level in levels}
    max_level = levels[-1].number if levels else 0
    attained = dict(
        CompetenceLevel.objects.filter(
            user=user, competence__area__framework=framework
        ).values_list("competence_id", "level")
    )
    areas: dict[int, AreaStatus] = {}
    competences = Competence.objects.of_framework(framework).select_related("area").ordered()
    for competence in competences:
        area = areas.setdefault(competence.area_id, AreaStatus(area=competence.area))
        level = attained.get(competence.pk, 0)
        area.competences.append(
            CompetenceStatus(
                competence=competence,
                level=level,
                level_name=names.get(level, ""),
                max_level=max_level,
                started=competence.pk in attained,
            )
        )
    return Profile(framework=framework, areas=list(areas.values()), levels=levels)


def weakest_competences_for(
    user, limit: int = 3, framework: Framework | None = None
) -> list[CompetenceStatus]:
    """The competences where the user stands lowest, for "học tiếp" suggestions; 4 queries.

    Courses can look up the courses that target these competences.
    """
    return weakest_of(profile_for(user, framework), limit)


def weakest_of(profile: Profile, limit: int = 3) -> list[CompetenceStatus]:
    """Lowest attained level first; among equals, competences the learner has started before
    untouched ones, then in the framework's order."""
    ranked = sorted(
        enumerate(profile.statuses), key=lambda pair: (pair[1].level, not pair[1].started, pair[0])
    )
    return [status for _index, status in ranked[:limit]]


@dataclass
class LevelShare:
    """For one competence: learners in scope, how many are at or above the level, the share."""

    competence: Competence
    learners: int
    at_or_above: int

    @property
    def share(self) -> float:
        return self.at_or_above / self.learners if self.learners else 0.0


def level_share_by_competence(
    unit: OrgUnit, level: int, framework: Framework | None = None
) -> list[LevelShare]:
    """For a unit and every unit below it, the share of current members at or above `level`
    on each competence of a framework (the primary one by default). Four queries, whatever
    the number of units, learners or competences."""
    framework = framework or primary_framework()
    if framework is None:
        return []
    members = (
        Membership.objects.current()
        .filter(unit__path__startswith=unit.path, unit__depth__gte=unit.depth)
        .values("user_id")
    )
    learners = members.order_by().values("user_id").distinct().count()
    counts = dict(
        CompetenceLevel.objects.filter(
            user_id__in=members, level__gte=level, competence__area__framework=framework
        )
        .order_by()
        .values("competence_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("competence_id", "n")
    )
    competences = Competence.objects.of_framework(framework).select_related("area").ordered()
    return [
        LevelShare(competence=c, learners=learners, at_or_above=counts.get(c.pk, 0))
        for c in competences
    ]


def protected_uses(obj) -> list[tuple[str, int]]:
    """What points at `obj` through a PROTECT foreign key, as (name, count) pairs.

    Generic over the model, so that questions and courses added by higher apps are counted
    without this app importing them.
    """
    uses = []
    for relation in obj._meta.related_objects:
        if relation.many_to_many or getattr(relation, "on_delete", None) is not PROTECT:
            continue
        count = relation.related_model._base_manager.filter(Q(**{relation.field.name: obj})).count()
        if count:
            uses.append((str(relation.related_model._meta.verbose_name_plural), count))
    return uses
