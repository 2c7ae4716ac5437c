"""The quiz results' counters (`UnitQuizStat`) and their per-learner mirror
(`LearnerQuizState`): what a learner's finished attempts add, per quiz, to the counters of the
unit they count in on the roll-ups' date. `reports.rollups` keeps them with the other counters
(one refresh, one difference, one upsert per batch); this module only says what a learner's
attempts add, so that a refresh and a rebuild add the same thing."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from quizzes.models import Attempt, AttemptState

QUIZ_FIELDS = ("attempts", "passed", "score_sum")

# (attempts, passed, sum of scores) of one learner's finished attempts at one quiz.
QuizFigures = list


def zero() -> QuizFigures:
    return [0, 0, Decimal(0)]


def figures_by_quiz() -> defaultdict:
    return defaultdict(zero)


def finished_attempts():
    """Every finished attempt, with `passed_count` 1 or 0 (one row per attempt: a learner has a
    handful, and a refresh adds them up in Python)."""
    return Attempt.objects.filter(state=AttemptState.FINISHED).annotate(
        passed_count=Case(
            When(passed=True, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


def add_attempt(figures: QuizFigures, *, passed: int, score: Decimal | None) -> None:
    figures[0] += 1
    figures[1] += passed
    figures[2] += score or Decimal(0)


def learner_figures():
    """(user, quiz, attempts, passed, sum of scores) per learner and quiz, for a rebuild."""
    return (
        Attempt.objects.filter(state=AttemptState.FINISHED)
        .order_by()
        .values_list("user_id", "quiz_id")
        .annotate(n=Count("pk"), p=Count("pk", filter=Q(passed=True)), s=Sum("score"))
    )
