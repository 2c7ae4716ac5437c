"""The unit tree on a past day.

Treebeard keeps only today's tree (materialised paths, rewritten when a unit moves). Each move
records where the unit sat before (`UnitPlacement`), so a report asked "as of" a day before a
merge can group units as they were then: `tree_on(day)` is None when no unit has moved since
that day (one query; none for today), else a `DatedTree` read from every unit and the
placements that ended after the day (two queries more).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from .models import OrgUnit, UnitPlacement


def placement_record(
    *, unit: OrgUnit, parent: OrgUnit | None, day: datetime.date | None = None
) -> None:
    """Records the unit's `parent` until `day` (today), before a move changes it. A second move
    on the same day records nothing: reports count whole days, and the day's start is kept."""
    day = day or timezone.localdate()
    last = unit.placements.order_by("-valid_to").first()
    if last is not None and last.valid_to >= day:
        return
    UnitPlacement.objects.create(
        unit=unit,
        parent=parent,
        valid_from=last.valid_to if last else None,
        valid_to=day,
    )


@dataclass
class DatedTree:
    """Every unit with its parent on `day`; units are today's rows (names, paths)."""

    day: datetime.date
    units: dict[int, OrgUnit]
    parent: dict[int, int | None]
    children: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self):
        for unit_id, parent_id in self.parent.items():
            self.children.setdefault(parent_id, []).append(unit_id)
        for ids in self.children.values():
            ids.sort(key=lambda pk: (self.units[pk].name, pk))

    def children_of(self, unit_id: int) -> list[OrgUnit]:
        return [self.units[pk] for pk in self.children.get(unit_id, [])]

    def subtree_ids(self, unit_id: int) -> list[int]:
        """The unit and every unit below it on the day."""
        ids, stack = [], [unit_id]
        while stack:
            current = stack.pop()
            ids.append(current)
            stack.extend(self.children.get(current, []))
        return ids

    def branch_of(self, unit_id: int, top_id: int) -> int | None:
        """The child of `top_id` whose subtree holds `unit_id` on the day (`top_id` itself for
        the unit itself), or None when the unit was not below `top_id`."""
        current = unit_id
        while current is not None:
            parent = self.parent.get(current)
            if current == top_id or parent == top_id:
                return current
            current = parent
        return None


def tree_on(day: datetime.date) -> DatedTree | None:
    """The tree on a past day, or None when it is today's tree (no move since that day)."""
    if day >= timezone.localdate():
        return None
    moved = list(
        UnitPlacement.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day), valid_to__gt=day
        ).values_list("unit_id", "parent_id")
    )
    if not moved:
        return None
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}
    by_path = {unit.path: unit.pk for unit in units.values()}
    steplen = OrgUnit.steplen
    parent = {pk: by_path.get(unit.path[:-steplen]) for pk, unit in units.items()}
    parent.update(dict(moved))
    return DatedTree(day=day, units=units, parent=parent)
