"""Recording evidence keeps each learner's attained level current."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from competencies.models import CompetenceLevel, Evidence
from competencies.services import competence_levels_recompute_all, evidence_record
from tests.factories import CompetenceFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(user, competence, item, points=1, level=2, source_id=None, **extra):
    return evidence_record(
        user=user,
        competence=competence,
        level=level,
        points=points,
        max_points=1,
        source_type="quiz_response",
        source_id=source_id or f"{user.pk}-{item}",
        item_key=f"question:{item}",
        **extra,
    )


def level_of(user, competence):
    return CompetenceLevel.objects.get(user=user, competence=competence).level


def test_recording_the_fifth_right_answer_raises_the_level(learner):
    competence = CompetenceFactory()
    for item in range(4):
        record(learner, competence, item)
    assert level_of(learner, competence) == 0
    record(learner, competence, 4)
    assert level_of(learner, competence) == 2


def test_recording_the_same_source_twice_replaces_it(learner):
    competence = CompetenceFactory()
    record(learner, competence, 1, points=0, source_id="r1")
    record(learner, competence, 1, points=1, source_id="r1")
    evidence = Evidence.objects.get(source_type="quiz_response", source_id="r1")
    assert evidence.points == Decimal("1.00")
    assert Evidence.objects.count() == 1


def test_moving_evidence_to_another_competence_recomputes_both(learner):
    old, new = CompetenceFactory(), CompetenceFactory()
    for item in range(5):
        record(learner, old, item)
    assert level_of(learner, old) == 2
    record(learner, new, 0, source_id=f"{learner.pk}-0")
    assert level_of(learner, old) == 0


def test_a_level_the_framework_lacks_is_refused_in_vietnamese(learner):
    competence = CompetenceFactory()
    with pytest.raises(ValidationError, match="không có bậc 9"):
        record(learner, competence, 1, level=9)
    assert not Evidence.objects.exists()


def test_more_points_than_possible_are_refused(learner):
    competence = CompetenceFactory()
    with pytest.raises(ValidationError, match="Điểm không hợp lệ"):
        record(learner, competence, 1, points=2)


def test_recompute_all_repairs_levels_and_drops_levels_without_evidence(learner):
    competence = CompetenceFactory()
    for item in range(5):
        record(learner, competence, item)
    other = UserFactory()
    CompetenceLevel.objects.filter(user=learner).update(level=7)
    CompetenceLevel.objects.create(user=other, competence=competence, level=3)
    assert competence_levels_recompute_all(batch_size=1) == 1
    assert level_of(learner, competence) == 2
    assert not CompetenceLevel.objects.filter(user=other).exists()


def test_recompute_command_reports_what_it_did(learner, capsys):
    competence = CompetenceFactory()
    for item in range(5):
        record(learner, competence, item)
    CompetenceLevel.objects.all().delete()
    call_command("recompute_competence_levels")
    assert level_of(learner, competence) == 2
    assert "1" in capsys.readouterr().out
