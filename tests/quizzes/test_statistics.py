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


@pytest.mark.django_db
def test_sums_in_sql_give_the_indices_of_the_scores_themselves(quiz, questions):
    """quiz_statistics adds up in the database; the figures are those of the definitions above
    applied to every answer, including an unanswered question (no response), a null score
    and attempts that are not finished (not counted)."""
    import random
    from decimal import Decimal

    from quizzes.models import Attempt, AttemptState, Response

    rng = random.Random(8)
    answers = {question.pk: {} for question in questions}
    totals, scores, passes = {}, [], 0
    for index in range(40):
        state = AttemptState.FINISHED if index % 7 else AttemptState.IN_PROGRESS
        attempt = Attempt.objects.create(user=UserFactory(), quiz=quiz, state=state, number=1)
        points = {
            question.pk: Decimal(rng.choice(["0", "0.5", "1", "1"]))
            for question in questions
            if rng.random() > 0.2
        }
        score = None if index == 3 else Decimal(rng.randrange(0, 10001)) / 100
        attempt.points, attempt.score = sum(points.values(), Decimal(0)), score
        attempt.passed = score is not None and score >= 80
        attempt.save()
        for question_id, value in points.items():
            Response.objects.create(attempt=attempt, question_id=question_id, points=value)
        if state == AttemptState.FINISHED:
            totals[attempt.pk] = float(attempt.points)
            scores.append(float(score or 0))
            passes += attempt.passed
            for question_id, value in points.items():
                answers[question_id][attempt.pk] = float(value)

    stats = quiz_statistics(quiz)

    assert stats["attempt_count"] == len(scores)
    assert stats["average"] == pytest.approx(sum(scores) / len(scores))
    assert stats["pass_rate"] == pytest.approx(100 * passes / len(scores))
    expected = [0] * 10
    for score in scores:
        expected[min(int(score // 10), 9)] += 1
    assert [row["count"] for row in stats["distribution"]] == expected
    by_question = {row.question.pk: row for row in stats["questions"]}
    for question in questions:
        item = list(answers[question.pk].values())
        rest = [totals[pk] - value for pk, value in answers[question.pk].items()]
        row = by_question[question.pk]
        assert row.attempts == len(item)
        assert row.facility == pytest.approx(facility_index(item, float(question.points)))
        assert row.discrimination == pytest.approx(discrimination_index(item, rest))


def test_no_spread_gives_no_discrimination_from_sums_either():
    from quizzes.statistics import pearson_from_sums

    # Everyone scored 1 on the item: Σx² · n − (Σx)² is zero.
    assert pearson_from_sums(3, 3.0, 6.0, 3.0, 14.0, 6.0) is None
    assert pearson_from_sums(1, 1.0, 1.0, 1.0, 1.0, 1.0) is None
    # The sums of the perfect-discrimination case above.
    item, rest = [1, 1, 0, 0], [9, 8, 2, 1]
    sums = (
        4,
        sum(item),
        sum(rest),
        sum(x * x for x in item),
        sum(y * y for y in rest),
        sum(x * y for x, y in zip(item, rest, strict=True)),
    )
    assert pearson_from_sums(*sums) == pytest.approx(discrimination_index(item, rest))
