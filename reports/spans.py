"""Who counts in a unit's subtree on a day, from the roll-ups' dated spans (`LearnerSpan`: one
unit per learner and day, their primary membership), for the reports that read them."""

import datetime

from django.db.models import Q, QuerySet

from people.models import OrgUnit
from people.placements import tree_on

from .models import LearnerSpan


def spans_on(*, unit: OrgUnit, day: datetime.date) -> QuerySet[LearnerSpan]:
    """The spans of the learners who count in the unit's subtree on `day`: below the province
    a handful of units, read through the index on the unit; the province, most of the table,
    in one pass joined to the units; that day's subtree when units have moved since."""
    tree = tree_on(day)
    if tree is not None:
        within = {"unit__in": tree.subtree_ids(unit.pk)}
    elif unit.depth > 1:
        within = {"unit__in": OrgUnit.objects.filter(path__startswith=unit.path).values("pk")}
    else:
        within = {"unit__path__startswith": unit.path}
    return LearnerSpan.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day, **within
    )
