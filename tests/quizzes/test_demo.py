"""The demo quizzes: one per demo course, real questions of several types, the demo learner's
failed and passed attempts; seeding twice changes nothing."""

import pytest
from django.core.management import call_command

from quizzes.models import Attempt, Question, QuizPage

pytestmark = pytest.mark.django_db


def test_each_demo_course_ends_with_a_quiz_and_the_learner_has_a_fail_and_a_pass():
    call_command("seed_demo", verbosity=0)
    quizzes = list(QuizPage.objects.live())
    assert len(quizzes) == 3
    for quiz in quizzes:
        assert quiz.get_parent().get_children().last().pk == quiz.pk
        ids = quiz.fixed_questions.values_list("question_id", flat=True)
        types = set(Question.objects.filter(pk__in=ids).values_list("type", flat=True))
        assert quiz.fixed_questions.count() >= 10
        assert {"hotspot", "single", "multiple", "matching", "ordering"} <= types
    attempts = Attempt.objects.filter(user__email="hocvien@example.com").order_by("number")
    assert [a.passed for a in attempts] == [False, True]
    hotspot = Question.objects.filter(type="hotspot").first()
    assert hotspot.image.width == 360 and hotspot.regions.exists()
    call_command("seed_demo", verbosity=0)
    assert QuizPage.objects.count() == 3
    assert attempts.count() == 2
