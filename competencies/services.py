"""Writes with a rule: seeding frameworks, recording evidence, keeping attained levels current."""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .data.load import load
from .models import (
    Area,
    Competence,
    CompetenceLevel,
    CompetenceMapping,
    Evidence,
    Framework,
    Level,
)

User = get_user_model()


@transaction.atomic
def frameworks_seed() -> dict[str, int]:
    """Creates or updates the seeded frameworks (Circular 02/2025, DigComp 2.2) and mapping."""
    return load(
        Framework=Framework,
        Area=Area,
        Competence=Competence,
        Level=Level,
        CompetenceMapping=CompetenceMapping,
    )


def _facts(rows) -> list[rules.EvidenceFact]:
    return [
        rules.EvidenceFact(
            item_key=row.item_key,
            level=row.level,
            points=row.points,
            max_points=row.max_points,
            at=row.at,
            id=row.id,
        )
        for row in rows
    ]


@transaction.atomic
def competence_level_recompute(*, user, competence: Competence) -> CompetenceLevel:
    """Derives the learner's level on one competence from all their evidence on it."""
    evidence = Evidence.objects.filter(user=user, competence=competence).only(
        "item_key", "level", "points", "max_points", "at"
    )
    level = rules.attained_level(_facts(evidence))
    record, _created = CompetenceLevel.objects.update_or_create(
        user=user, competence=competence, defaults={"level": level}
    )
    return record


@transaction.atomic
def evidence_record(
    *,
    user,
    competence: Competence,
    level: int,
    points: Decimal | int | float,
    max_points: Decimal | int | float,
    source_type: str,
    source_id: str | int,
    item_key: str,
    at: datetime | None = None,
) -> Evidence:
    """Records (or replaces, for the same source) one piece of evidence and updates the level.

    `item_key` names what was assessed (e.g. "question:42"); `source_type`/`source_id` name the
    record the evidence came from (e.g. "quiz_response", 7). Raises ValidationError with a
    Vietnamese message on a level the framework does not have or on impossible points.
    """
    points = Decimal(str(points))
    max_points = Decimal(str(max_points))
    if not Level.objects.filter(framework_id=competence.area.framework_id, number=level).exists():
        raise ValidationError(
            _("Khung năng lực của “%(competence)s” không có bậc %(level)s.")
            % {"competence": competence, "level": level}
        )
    if max_points <= 0 or points < 0 or points > max_points:
        raise ValidationError(
            _("Điểm không hợp lệ: %(points)s trên %(max_points)s.")
            % {"points": points, "max_points": max_points}
        )
    evidence = Evidence.objects.filter(source_type=source_type, source_id=str(source_id)).first()
    previous_competence = evidence.competence if evidence else None
    if evidence is None:
        evidence = Evidence(source_type=source_type, source_id=str(source_id))
    evidence.user = user
    evidence.competence = competence
    evidence.level = level
    evidence.item_key = item_key
    evidence.points = points
    evidence.max_points = max_points
    evidence.at = at or timezone.now()
    evidence.full_clean()
    evidence.save()
    if previous_competence is not None and previous_competence.pk != competence.pk:
        competence_level_recompute(user=user, competence=previous_competence)
    competence_level_recompute(user=user, competence=competence)
    return evidence


def competence_levels_recompute_all(*, batch_size: int = 500) -> int:
    """Recomputes every learner's level on every competence with evidence; returns the count.

    Run after the rule in `rules.py` changes. Levels of pairs that no longer have evidence
    are removed. Works per batch of learners, one transaction per batch.
    """
    user_ids = list(
        Evidence.objects.order_by("user_id").values_list("user_id", flat=True).distinct()
    )
    updated = 0
    for start in range(0, len(user_ids), batch_size):
        batch = user_ids[start : start + batch_size]
        with transaction.atomic():
            updated += _recompute_users(batch)
    CompetenceLevel.objects.exclude(user_id__in=user_ids).delete()
    return updated


def _recompute_users(user_ids: list[int]) -> int:
    grouped: dict[tuple[int, int], list] = defaultdict(list)
    rows = Evidence.objects.filter(user_id__in=user_ids).only(
        "user_id", "competence_id", "item_key", "level", "points", "max_points", "at"
    )
    for row in rows:
        grouped[(row.user_id, row.competence_id)].append(row)
    existing = {
        (record.user_id, record.competence_id): record
        for record in CompetenceLevel.objects.filter(user_id__in=user_ids)
    }
    to_create, to_update = [], []
    now = timezone.now()
    for key, evidence in grouped.items():
        level = rules.attained_level(_facts(evidence))
        record = existing.pop(key, None)
        if record is None:
            to_create.append(
                CompetenceLevel(user_id=key[0], competence_id=key[1], level=level, updated_at=now)
            )
        elif record.level != level:
            record.level = level
            record.updated_at = now
            to_update.append(record)
    CompetenceLevel.objects.bulk_create(to_create)
    CompetenceLevel.objects.bulk_update(to_update, ["level", "updated_at"])
    if existing:
        CompetenceLevel.objects.filter(pk__in=[record.pk for record in existing.values()]).delete()
    return len(grouped)
