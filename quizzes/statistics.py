"""Quiz and item statistics, as Moodle's quiz statistics report defines them.

- Facility index: the mean score on a question as a percentage of its maximum.
- Discrimination index: 100 × the correlation coefficient between the score on the question
  and the score on the rest of the quiz (the attempt's total minus this question), over the
  finished attempts (Moodle's "all attempts" option).

Flags follow Moodle's reading of the numbers: facility under 20 % is too hard, over 90 % too
easy; a discrimination index under 20 is weak (negative means the better learners got it
wrong more often: check the key).
"""

from dataclasses import dataclass, field
from math import sqrt

from django.utils.translation import gettext_lazy as _

from .models import Attempt, AttemptState, Question, Response

TOO_HARD_BELOW = 20
TOO_EASY_ABOVE = 90
WEAK_DISCRIMINATION_BELOW = 20


def facility_index(scores: list[float], max_points: float) -> float | None:
    """Mean score as a percentage of the maximum, or None without scores."""
    if not scores or not max_points:
        return None
    return 100 * sum(scores) / (len(scores) * max_points)


def discrimination_index(item: list[float], rest: list[float]) -> float | None:
    """100 × Pearson's r between item scores and rest-of-quiz scores; None when either side
    does not vary (r is undefined) or with fewer than two attempts."""
    n = len(item)
    if n < 2 or n != len(rest):
        return None
    mean_item, mean_rest = sum(item) / n, sum(rest) / n
    covariance = sum((x - mean_item) * (y - mean_rest) for x, y in zip(item, rest, strict=True))
    spread_item = sqrt(sum((x - mean_item) ** 2 for x in item))
    spread_rest = sqrt(sum((y - mean_rest) ** 2 for y in rest))
    if not spread_item or not spread_rest:
        return None
    return 100 * covariance / (spread_item * spread_rest)


def flags_for(facility: float | None, discrimination: float | None) -> list[str]:
    flags = []
    if facility is not None and facility < TOO_HARD_BELOW:
        flags.append(str(_("quá khó")))
    if facility is not None and facility > TOO_EASY_ABOVE:
        flags.append(str(_("quá dễ")))
    if discrimination is not None and discrimination < WEAK_DISCRIMINATION_BELOW:
        flags.append(str(_("phân loại kém")))
    return flags


@dataclass
class QuestionStats:
    question: Question
    attempts: int
    facility: float | None
    discrimination: float | None
    flags: list[str] = field(default_factory=list)


def quiz_statistics(quiz, attempts=None) -> dict:
    """Attempts, average, pass rate, score distribution and per-question indices: 3 queries.

    `attempts` (a queryset of Attempt) narrows what is counted, e.g. to a manager's units;
    by default every finished attempt of the quiz counts."""
    finished = (Attempt.objects.all() if attempts is None else attempts).filter(
        quiz=quiz, state=AttemptState.FINISHED
    )
    attempts = list(finished.values("pk", "score", "passed", "points"))
    count = len(attempts)
    distribution = [0] * 10
    for attempt in attempts:
        score = float(attempt["score"] or 0)
        distribution[min(int(score // 10), 9)] += 1
    rows = Response.objects.filter(attempt__in=finished.values("pk"))
    by_question: dict[int, dict[int, float]] = {}
    for attempt_id, question_id, points in rows.values_list("attempt_id", "question_id", "points"):
        by_question.setdefault(question_id, {})[attempt_id] = float(points or 0)
    totals = {attempt["pk"]: float(attempt["points"] or 0) for attempt in attempts}
    questions = Question.objects.filter(pk__in=by_question).order_by("pk")
    stats = []
    for question in questions:
        scores = by_question[question.pk]
        item = list(scores.values())
        rest = [totals.get(attempt_id, 0) - value for attempt_id, value in scores.items()]
        facility = facility_index(item, float(question.points))
        discrimination = discrimination_index(item, rest)
        stats.append(
            QuestionStats(
                question=question,
                attempts=len(item),
                facility=facility,
                discrimination=discrimination,
                flags=flags_for(facility, discrimination),
            )
        )
    average = sum(float(a["score"] or 0) for a in attempts) / count if count else None
    passed = sum(1 for a in attempts if a["passed"])
    return {
        "quiz": quiz,
        "attempt_count": count,
        "average": average,
        "pass_rate": 100 * passed / count if count else None,
        "distribution": [
            {"label": f"{10 * i}–{10 * i + 10 if i < 9 else 100}%", "count": n}
            for i, n in enumerate(distribution)
        ],
        "distribution_max": max(distribution) if count else 0,
        "questions": stats,
    }
