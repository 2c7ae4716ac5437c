"""Reads for the quiz results report: per quiz, the finished attempts of the learners in a
unit's subtree; for one quiz, its score distribution and item statistics.

The statistics themselves (facility, discrimination, flags) are `quizzes.statistics`; this
module only narrows the attempts to the manager's unit and date.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Avg,
    CharField,
    Count,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone

from courses.models import CoursePage
from people.models import OrgUnit, User
from quizzes.models import Attempt, AttemptState, QuizPage
from quizzes.statistics import quiz_statistics, statistics_from

from .counters import counters_on
from .lookups import live_quizzes
from .models import RollupState, UnitQuizBand, UnitQuizItem, UnitQuizStat
from .rollups import is_built
from .selectors import _current_memberships, _end_of, _within, unit_in_scope
from .spans import spans_on


@dataclass
class QuizRow:
    """One quiz's finished attempts in the unit: how many, how many passed, the mean score."""

    quiz: QuizPage
    attempts: int = 0
    passed: int = 0
    average: float | None = None

    @property
    def label(self) -> str:
        return self.quiz.title

    @property
    def pass_rate(self) -> float:
        return round(100 * self.passed / self.attempts, 1) if self.attempts else 0.0


class QuizResults(list):
    """The rows of `quiz_results`, and whether they were read from the roll-ups (for
    `quiz_detail`, which then need not ask again)."""

    from_rollups: bool = True


def scoped_attempts(
    *, unit: OrgUnit, as_of: datetime.date, from_rollups: bool = True
) -> QuerySet[Attempt]:
    """Attempts finished by `as_of` by learners who counted in the unit's subtree then: from the
    roll-ups' dated spans (one row per learner and day, read by a range test), or from the
    primary memberships themselves before the roll-ups' first rebuild (`from_rollups=False`).
    Both give the same learners: the spans are the primary memberships, day by day."""
    if from_rollups:
        members = spans_on(unit=unit, day=as_of).values("user_id")
    else:
        members = _current_memberships(unit=unit, as_of=as_of).values("user_id")
    return Attempt.objects.filter(
        state=AttemptState.FINISHED, finished_at__lte=_end_of(as_of), user_id__in=members
    )


def quizzes_for(course: CoursePage | None) -> list[QuizPage]:
    """Live quizzes, of one course or of all, in the order of the page tree (from the cached
    list of reports.lookups: no query on a warm cache)."""
    quizzes = list(live_quizzes())
    if course is None:
        return quizzes
    return [q for q in quizzes if q.path.startswith(course.path) and q.depth > course.depth]


def quiz_results(
    *,
    user: User,
    unit: OrgUnit,
    course: CoursePage | None = None,
    as_of: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> QuizResults:
    """Attempts, passes and mean score per live quiz for the unit's learners: today from the
    units' counters, as of a past day from the attempts of the learners who counted then; one
    query (two before the roll-ups' first rebuild)."""
    today = timezone.localdate()
    as_of = as_of or today
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    quizzes = quizzes_for(course)
    rows = QuizResults()
    if as_of == today:
        figures = _counted(unit=unit, quizzes=quizzes, today=today)
    else:
        figures = _figures(unit=unit, as_of=as_of, quizzes=quizzes, from_rollups=True)
    if figures is None:  # before the roll-ups' first rebuild
        rows.from_rollups = False
        figures = _figures(unit=unit, as_of=as_of, quizzes=quizzes, from_rollups=False)
    for quiz in quizzes:
        row = figures.get(quiz.pk, {})
        average = row.get("average")
        rows.append(
            QuizRow(
                quiz=quiz,
                attempts=row.get("attempts", 0),
                passed=row.get("passed", 0),
                average=round(float(average), 1) if average is not None else None,
            )
        )
    return rows


def _counted(*, unit: OrgUnit, quizzes: list[QuizPage], today: datetime.date) -> dict | None:
    """Attempts, passes and mean score per quiz id from the counters of the units in the unit's
    subtree (`UnitQuizStat`); None when the roll-ups do not hold today: the caller then counts
    the attempts."""
    rows = counters_on(
        UnitQuizStat.objects.filter(**_within(unit, None), quiz__in=[quiz.pk for quiz in quizzes])
        .values_list("quiz_id")
        .annotate(n=Sum("attempts"), p=Sum("passed"), s=Sum("score_sum")),
        on=today,
    )
    if rows is None:
        return None
    return {
        quiz_id: {"attempts": n, "passed": p, "average": s / n if n else None}
        for quiz_id, n, p, s in rows
        if n
    }


def _figures(
    *, unit: OrgUnit, as_of: datetime.date, quizzes: list[QuizPage], from_rollups: bool
) -> dict | None:
    """Attempts, passes and mean score per quiz id, in one query; from the roll-ups, with their
    state in the same query: None when they were never built."""
    figures = (
        scoped_attempts(unit=unit, as_of=as_of, from_rollups=from_rollups)
        .filter(quiz__in=[quiz.pk for quiz in quizzes])
        .order_by()
        .values_list("quiz_id")
        .annotate(
            attempts=Count("pk"), passed=Count("pk", filter=Q(passed=True)), average=Avg("score")
        )
    )
    if from_rollups:
        built = RollupState.objects.annotate(
            quiz=Value(None, output_field=IntegerField()),
            attempts=Value(-1, output_field=IntegerField()),
            passed=Value(0, output_field=IntegerField()),
            average=Value(None, output_field=FloatField()),
        ).values_list("quiz", "attempts", "passed", "average")
        figures = built.union(figures, all=True)
    rows = {
        quiz_id: {"attempts": attempts, "passed": passed, "average": average}
        for quiz_id, attempts, passed, average in figures
    }
    if from_rollups and rows.pop(None, None) is None:
        return None
    return rows


def quiz_detail(
    *,
    user: User,
    unit: OrgUnit,
    quiz: QuizPage,
    as_of: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
    from_rollups: bool | None = None,
) -> dict:
    """`quizzes.statistics.quiz_statistics` over the unit's attempts only. Today, from the
    units' band and item counters: 2 queries (one for the questions). As of a past day, or
    before the roll-ups' first rebuild, from the attempts: 3 queries more, and one to tell
    whether the roll-ups were built unless `from_rollups` says (`QuizResults`)."""
    today = timezone.localdate()
    as_of = as_of or today
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    if from_rollups is None:
        from_rollups = is_built()
    if from_rollups and as_of == today:
        detail = _counted_detail(unit=unit, quiz=quiz, today=today)
        if detail is not None:
            return detail
    attempts = scoped_attempts(unit=unit, as_of=as_of, from_rollups=from_rollups)
    return quiz_statistics(quiz, attempts=attempts)


def _counted_detail(*, unit: OrgUnit, quiz: QuizPage, today: datetime.date) -> dict | None:
    """One quiz's statistics from the counters of the units in the unit's subtree: score bands
    (`UnitQuizBand`) and item sums (`UnitQuizItem`), in one query; None when the roll-ups do
    not hold today."""
    within = _within(unit, None)
    zero = Value(0, output_field=IntegerField())
    items = (
        UnitQuizItem.objects.filter(**within, quiz=quiz)
        .annotate(kind=Value("i", output_field=CharField()))
        .values_list("kind", "question_id")
        .annotate(
            n=Sum("answered"),
            sx=Sum("sum_x"),
            sy=Sum("sum_y"),
            sxx=Sum("sum_xx"),
            syy=Sum("sum_yy"),
            sxy=Sum("sum_xy"),
        )
    )
    bands = (
        UnitQuizBand.objects.filter(**within, quiz=quiz)
        .annotate(kind=Value("b", output_field=CharField()))
        .values_list("kind", "band")
        .annotate(n=Sum("attempts"), p=Sum("passed"), s=Sum("score_sum"))
        .annotate(a=zero, b=zero, c=zero)
    )
    rows = counters_on(items, bands, on=today)
    if rows is None:
        return None
    return statistics_from(
        quiz,
        bands=[(band, n, int(p), s) for kind, band, n, p, s, *_zeros in rows if kind == "b"],
        sums={
            question_id: [n, *(float(value) for value in sums)]
            for kind, question_id, n, *sums in rows
            if kind == "i" and n
        },
    )
