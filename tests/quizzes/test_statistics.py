"""Facility and discrimination indices as Moodle defines them, and the admin report."""

import pytest
from django.urls import reverse

from quizzes.services import answer_save, attempt_finish, attempt_start
from quizzes.statistics import discrimination_index, facility_index, flags_for, quiz_statistics
from tests.factories import UserFactory


def test_facility_index_is_the_mean_score_as_a_percentage():
    assert facility_index([1, 0, 1, 1], 1) == 75
    assert facility_index([0.5, 0.5], 2) == 25
    assert facility_index([], 1) is None


def test_discrimination_index_correlates_item_with_the_rest_of_the_quiz():
    # The learners who did well on the rest got the item right: perfect discrimination.
    assert discrimination_index([1, 1, 0, 0], [9, 8, 2, 1]) == pytest.approx(100 * 0.9899, abs=0.1)
    # The opposite: a negative index (a suspicious key).
    assert discrimination_index([0, 0, 1, 1], [9, 8, 2, 1]) < 0
    # Everyone got it right: no variance, the index is undefined.
    assert discrimination_index([1, 1, 1], [3, 2, 1]) is None


def test_flags_name_too_easy_too_hard_and_weak_discrimination():
    assert flags_for(95, 50) == ["quá dễ"]
    assert flags_for(10, 50) == ["quá khó"]
    assert flags_for(50, 5) == ["phân loại kém"]
    assert flags_for(50, None) == []


@pytest.mark.django_db
def test_quiz_statistics_over_finished_attempts_and_admin_view(client, quiz, course):
    from courses.services import enrollment_create

    for right in (True, True, False):
        user = UserFactory()
        enrollment_create(user=user, course=course)
        attempt = attempt_start(user=user, quiz=quiz)
        entry = attempt.layout[0]
        from quizzes.models import Choice

        choice = Choice.objects.filter(question_id=entry["id"], is_correct=right).first()
        answer_save(attempt=attempt, question_id=entry["id"], raw=choice.pk, sequence=0)
        attempt_finish(attempt=attempt)
    stats = quiz_statistics(quiz)
    assert stats["attempt_count"] == 3
    assert stats["pass_rate"] == 0
    first = next(row for row in stats["questions"] if row.question.pk == entry["id"])
    assert first.facility == pytest.approx(200 / 3)
    assert sum(b["count"] for b in stats["distribution"]) == 3
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
    assert response.status_code == 200
    assert "66,7%" in response.content.decode() or "66.7%" in response.content.decode()


@pytest.mark.django_db
def test_statistics_are_refused_to_a_learner(client, quiz, learner):
    client.force_login(learner)
    response = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
    assert response.status_code in (302, 403)
