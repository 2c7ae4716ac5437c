"""The one rule that turns a learner's evidence on a competence into an attained level.

Rule (`attained_level`):

    The attained level on a competence is the highest level L such that, over the learner's
    LATEST evidence per assessed item (question) at level L or above,
      * there are at least MIN_ITEMS (5) distinct items, and
      * the points earned are at least MIN_SHARE (80 %) of the points possible.
    With no such level the attained level is 0 ("not yet").

Only the latest evidence per item counts, so a retaken question replaces its older answer
(for better or worse). Evidence at a higher level counts towards every level below it.
Changing this rule means running `manage.py recompute_competence_levels` afterwards.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

MIN_ITEMS = 5
MIN_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class EvidenceFact:
    """What the rule needs to know about one piece of evidence."""

    item_key: str
    level: int
    points: Decimal
    max_points: Decimal
    at: datetime
    id: int = 0  # breaks ties between two pieces of evidence recorded at the same instant


def latest_per_item(evidence: Iterable[EvidenceFact]) -> list[EvidenceFact]:
    """The most recent evidence for each assessed item."""
    latest: dict[str, EvidenceFact] = {}
    for fact in evidence:
        current = latest.get(fact.item_key)
        if current is None or (fact.at, fact.id) > (current.at, current.id):
            latest[fact.item_key] = fact
    return list(latest.values())


def attained_level(evidence: Iterable[EvidenceFact]) -> int:
    """The highest level reached by the rule in this module's docstring; 0 when none."""
    latest = latest_per_item(evidence)
    for level in sorted({fact.level for fact in latest}, reverse=True):
        counted = [fact for fact in latest if fact.level >= level]
        if len(counted) < MIN_ITEMS:
            continue
        earned = sum((fact.points for fact in counted), Decimal(0))
        possible = sum((fact.max_points for fact in counted), Decimal(0))
        if possible > 0 and earned >= MIN_SHARE * possible:
            return level
    return 0
