"""Reads for the quiz results report: per quiz, the finished attempts of the learners in a
unit's subtree; for one quiz, its score distribution and item statistics.

The statistics themselves (facility, discrimination, flags) are `quizzes.statistics`; this
module only narrows the attempts to the manager's unit and date.

`scope` is the viewer's `units_for` queryset when the caller already has it (saves a query).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from courses.models import CoursePage
from people.models import OrgUnit, User
from quizzes.models import Attempt, AttemptState, QuizPage
from quizzes.statistics import quiz_statistics

from .lookups import live_quizzes
from .selectors import _current_memberships, _end_of, unit_in_scope


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


def scoped_attempts(*, unit: OrgUnit, as_of: datetime.date) -> QuerySet[Attempt]:
    """Attempts finished by `as_of` by learners who belonged to the unit's subtree then."""
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
) -> list[QuizRow]:
    """Attempts, passes and mean score per live quiz for the unit's learners: 4 queries."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    quizzes = quizzes_for(course)
    figures = {
        row.pop("quiz_id"): row
        for row in scoped_attempts(unit=unit, as_of=as_of)
        .filter(quiz__in=[quiz.pk for quiz in quizzes])
        .order_by()
        .values("quiz_id")
        .annotate(
            attempts=Count("pk"), passed=Count("pk", filter=Q(passed=True)), average=Avg("score")
        )
    }
    rows = []
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


def quiz_detail(
    *,
    user: User,
    unit: OrgUnit,
    quiz: QuizPage,
    as_of: datetime.date | None = None,
    scope: QuerySet[OrgUnit] | None = None,
) -> dict:
    """`quizzes.statistics.quiz_statistics` over the unit's attempts only: 3 queries more."""
    as_of = as_of or timezone.localdate()
    unit = unit_in_scope(user=user, unit_id=unit.pk, scope=scope)
    return quiz_statistics(quiz, attempts=scoped_attempts(unit=unit, as_of=as_of))
