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

from django.db.models import Count
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


def pearson_from_sums(n, sx, sy, sxx, syy, sxy) -> float | None:
    """`discrimination_index` from the sums (n, Σx, Σy, Σx², Σy², Σxy) rather than from the
    scores themselves: None where that gives None (fewer than two, no spread)."""
    if n < 2:
        return None
    spread_x, spread_y = n * sxx - sx * sx, n * syy - sy * sy
    # Scores are short decimals, so their sums are exact in a float; a spread within rounding
    # of zero is zero (everyone scored alike).
    if spread_x <= 1e-9 * max(1.0, n * sxx) or spread_y <= 1e-9 * max(1.0, n * syy):
        return None
    return 100 * (n * sxy - sx * sy) / sqrt(spread_x * spread_y)


def _score_counts(finished) -> list[tuple]:
    """(score, passed, attempts) per distinct score: a quiz's scores take few values (its
    points over its maximum), so a handful of rows however many attempts."""
    return list(finished.order_by().values_list("score", "passed").annotate(n=Count("pk")))


def _question_sums(finished) -> dict[int, list]:
    """Per question, [n, Σx, Σy, Σx², Σy², Σxy] over the finished attempts that answered it
    (x: the points on the question, y: the attempt's points on the rest), added up here from
    one row per question and distinct pair of points (few: points come in steps)."""
    pairs = (
        Response.objects.filter(attempt__in=finished.values("pk"))
        .order_by()
        .values_list("question_id", "points", "attempt__points")
        .annotate(n=Count("pk"))
    )
    sums: dict[int, list] = {}
    for question_id, points, total, n in pairs:
        x = float(points or 0)
        y = float(total or 0) - x
        row = sums.setdefault(question_id, [0, 0.0, 0.0, 0.0, 0.0, 0.0])
        for index, value in enumerate((1, x, y, x * x, y * y, x * y)):
            row[index] += n * value
    return sums


def band_of(score: float) -> int:
    """The score's band of the distribution: 0 for 0–10 %, …, 9 for 90–100 %."""
    return min(int(score // 10), 9)


def quiz_statistics(quiz, attempts=None) -> dict:
    """Attempts, average, pass rate, score distribution and per-question indices: 3 queries,
    which count attempts per distinct score and answers per distinct pair of points, so the
    rows read stay few however many attempts there are (never one row per attempt or answer).

    `attempts` (a queryset of Attempt) narrows what is counted, e.g. to a manager's units;
    by default every finished attempt of the quiz counts."""
    finished = (Attempt.objects.all() if attempts is None else attempts).filter(
        quiz=quiz, state=AttemptState.FINISHED
    )
    bands = []
    for score, was_passed, n in _score_counts(finished):
        score = float(score or 0)
        bands.append((band_of(score), n, n if was_passed else 0, n * score))
    return statistics_from(quiz, bands=bands, sums=_question_sums(finished))


def statistics_from(quiz, *, bands, sums: dict[int, list]) -> dict:
    """`quiz_statistics` from figures already counted: `bands`, rows of (band, attempts,
    passed, sum of scores), several rows of one band adding up; `sums`, per question id,
    [n, Σx, Σy, Σx², Σy², Σxy] as `_question_sums` gives them. One query, for the questions."""
    distribution = [0] * 10
    count = passed = 0
    total = 0.0
    for band, n, n_passed, score_sum in bands:
        distribution[band] += n
        count += n
        passed += n_passed
        total += float(score_sum or 0)
    stats = []
    for question in Question.objects.filter(pk__in=list(sums)).order_by("pk"):
        n, sx, *_rest = sums[question.pk]
        facility = 100 * sx / (n * float(question.points)) if n and question.points else None
        discrimination = pearson_from_sums(*sums[question.pk])
        stats.append(
            QuestionStats(
                question=question,
                attempts=n,
                facility=facility,
                discrimination=discrimination,
                flags=flags_for(facility, discrimination),
            )
        )
    return {
        "quiz": quiz,
        "attempt_count": count,
        "average": total / count if count else None,
        "pass_rate": 100 * passed / count if count else None,
        "distribution": [
            {"label": f"{10 * i}–{10 * i + 10 if i < 9 else 100}%", "count": n}
            for i, n in enumerate(distribution)
        ],
        "distribution_max": max(distribution) if count else 0,
        "questions": stats,
    }
