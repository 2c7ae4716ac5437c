"""The quiz results' counters (`UnitQuizStat`) and their per-learner mirror
(`LearnerQuizState`): what a learner's finished attempts add, per quiz, to the counters of the
unit they count in on the roll-ups' date. `reports.rollups` keeps them with the other counters
(one refresh, one difference, one upsert per batch); this module only says what a learner's
attempts add, so that a refresh and a rebuild add the same thing."""

import json
from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When

from quizzes.models import Attempt, AttemptState, Response
from quizzes.statistics import band_of

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


# --- one quiz's statistics: score bands and item sums -----------------------------------------
#
# A learner's detail at one quiz, kept in `LearnerQuizState.detail` (as JSON, Decimals as
# text) and added to `UnitQuizBand` and `UnitQuizItem`:
# - "b": per score band (0–9: 0–10 %, …, 90–100 %), [attempts, passed, sum of scores];
# - "i": per question id, the sums that `quizzes.statistics.pearson_from_sums` and the facility
#   index need, over the learner's finished attempts that answered it: [n, Σx, Σy, Σx², Σy²,
#   Σxy], x the points on the question, y the attempt's points on the rest.
# Points are decimals with two places, so every sum is exact: adding and taking off differences
# never drifts.

BAND_FIELDS = ("attempts", "passed", "score_sum")
ITEM_FIELDS = ("answered", "sum_x", "sum_y", "sum_xx", "sum_yy", "sum_xy")


def item_zero() -> list:
    return [0, *[Decimal(0)] * 5]


def band_deltas() -> defaultdict:
    return defaultdict(zero)


def item_deltas() -> defaultdict:
    return defaultdict(item_zero)


def detail_zero() -> dict:
    return {"b": band_deltas(), "i": item_deltas()}


def details_by_quiz() -> defaultdict:
    return defaultdict(detail_zero)


def add_attempt_band(detail: dict, *, passed: int, score: Decimal | None) -> None:
    add_attempt(detail["b"][band_of(score or 0)], passed=passed, score=score)


def add_response(
    detail: dict, *, question_id: int, points: Decimal | None, total: Decimal | None
) -> None:
    x = points or Decimal(0)
    y = (total or Decimal(0)) - x
    row = detail["i"][question_id]
    for index, value in enumerate((1, x, y, x * x, y * y, x * y)):
        row[index] += value


def detail_to_json(detail: dict) -> dict:
    return {
        part: {str(key): [str(value) for value in row] for key, row in sorted(detail[part].items())}
        for part in ("b", "i")
    }


def detail_from_json(data: dict | str | None) -> dict:
    if isinstance(data, str):
        data = json.loads(data)
    detail = detail_zero()
    for part, numbers in (("b", (int, int, Decimal)), ("i", (int, *[Decimal] * 5))):
        for key, row in (data or {}).get(part, {}).items():
            detail[part][int(key)] = [cast(value) for cast, value in zip(numbers, row, strict=True)]
    return detail


def add_detail(
    bands: dict, items: dict, *, unit_id: int, quiz_id: int, detail: dict, sign: int
) -> None:
    """Add `sign` × a learner's detail to the deltas of the unit's band and item counters."""
    for part, deltas in (("b", bands), ("i", items)):
        for key, row in detail[part].items():
            delta = deltas[(unit_id, quiz_id, key)]
            for index, value in enumerate(row):
                delta[index] += sign * value


def finished_responses():
    """Every answer of a finished attempt, with the attempt's learner, quiz and points (for a
    refresh, which filters them to its learners)."""
    return Response.objects.filter(attempt__state=AttemptState.FINISHED).annotate(
        user_id=F("attempt__user_id"),
        quiz_id=F("attempt__quiz_id"),
        total=F("attempt__points"),
    )


def same_detail(old: dict | None, new: dict) -> bool:
    """Whether two details add the same (Decimals compare by value: "1.0" is "1.00")."""
    old = old or detail_zero()
    return dict(old["b"]) == dict(new["b"]) and dict(old["i"]) == dict(new["i"])


def learner_details() -> dict[tuple[int, int], dict]:
    """Each learner's detail per quiz, keyed by (user, quiz), for a rebuild: two reads, one
    row per finished attempt and one per answer of those."""
    details: dict[tuple[int, int], dict] = defaultdict(detail_zero)
    attempts = finished_attempts().values_list("user_id", "quiz_id", "passed_count", "score")
    for user_id, quiz_id, passed, score in attempts.order_by().iterator(chunk_size=5000):
        add_attempt_band(details[(user_id, quiz_id)], passed=passed, score=score)
    responses = finished_responses().values_list(
        "user_id", "quiz_id", "question_id", "points", "total"
    )
    for user_id, quiz_id, question_id, points, total in responses.order_by().iterator(
        chunk_size=5000
    ):
        add_response(
            details[(user_id, quiz_id)], question_id=question_id, points=points, total=total
        )
    return details
