"""Writes of the quizzes app: starting an attempt, saving an answer, finishing, closing overdue
attempts. The rules that make a quiz fair live here, each backed by a database constraint or a
conditional UPDATE so that two tabs, a double click or a retry cannot break them."""

import secrets
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    F,
    FilteredRelation,
    Max,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import learner_state
from courses.services import item_result_record

from .answers import AnswerError, parse_answer
from .grading import grade, spec_for
from .models import (
    Attempt,
    AttemptState,
    HotspotRegion,
    Question,
    QuestionStatus,
    QuestionType,
    QuizPage,
    Response,
)
from .signals import attempt_finished

_random = secrets.SystemRandom()
SHUFFLED_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.MATCHING}


class QuizError(ValidationError):
    """A refused action; `code` tells the view which status to answer with."""


def _already_submitted() -> QuizError:
    return QuizError(_("Bạn đã nộp bài này rồi. Kết quả được giữ nguyên."), code="finished")


def _deadline_for(quiz: QuizPage, started_at: datetime) -> datetime | None:
    candidates = []
    if quiz.time_limit_minutes:
        candidates.append(started_at + timedelta(minutes=quiz.time_limit_minutes))
    if quiz.closes_at:
        candidates.append(quiz.closes_at)
    return min(candidates) if candidates else None


def _choose_questions(quiz: QuizPage) -> list[Question]:
    fixed = [
        link.question
        for link in quiz.fixed_questions.select_related("question").order_by("sort_order")
    ]
    chosen = list(fixed)
    if quiz.random_category_id and quiz.random_count:
        pool = list(
            Question.objects.filter(
                category_id=quiz.random_category_id, status=QuestionStatus.READY
            )
            .exclude(pk__in=[q.pk for q in fixed])
            .values_list("pk", flat=True)
        )
        picked = _random.sample(pool, min(quiz.random_count, len(pool)))
        chosen += list(Question.objects.filter(pk__in=picked))
    if quiz.shuffle_questions:
        _random.shuffle(chosen)
    return chosen


def _layout_for(quiz: QuizPage, questions: list[Question]) -> list[dict]:
    """What the attempt freezes: question ids, their types and the order of their choices."""
    from .models import Choice

    choices: dict[int, list] = {}
    for choice in Choice.objects.filter(question__in=questions).order_by("sort_order", "pk"):
        choices.setdefault(choice.question_id, []).append(choice)
    layout = []
    for question in questions:
        own = choices.get(question.pk, [])
        ids = [choice.pk for choice in own]
        if question.type == QuestionType.ORDERING and len(ids) > 1:
            correct = list(ids)
            while ids == correct:
                _random.shuffle(ids)
        elif question.type in SHUFFLED_TYPES and quiz.shuffle_choices:
            _random.shuffle(ids)
        entry = {"id": question.pk, "type": question.type, "choices": ids}
        if question.type == QuestionType.SHORT_TEXT:
            entry["choices"] = []  # accepted answers are not choices to show
        if question.type == QuestionType.MATCHING:
            entry["matches"] = sorted({choice.match for choice in own if choice.match})
        layout.append(entry)
    return layout


def _check_can_take(*, user, quiz: QuizPage, now: datetime) -> None:
    course = quiz.get_course_for(user)
    if not (quiz.live and course.live):
        raise QuizError(_("Bài kiểm tra này đang tạm đóng."), code="closed")
    state = learner_state(course, user)
    if not state.enrollment:
        raise QuizError(
            _("Bạn chưa đăng ký khóa học này. Hãy đăng ký học trước."), code="not_enrolled"
        )
    if state.locked:
        raise QuizError(_("Hãy học xong các khóa học cần học trước."), code="locked")
    if quiz.opens_at and now < quiz.opens_at:
        raise QuizError(_("Bài kiểm tra chưa mở."), code="closed")
    if quiz.closes_at and now >= quiz.closes_at:
        raise QuizError(_("Bài kiểm tra đã đóng."), code="closed")


def attempt_start(*, user, quiz: QuizPage, now: datetime | None = None) -> Attempt:
    """Start an attempt, or return the one in progress (closing it first if it is overdue).

    Two simultaneous starts make one attempt: the partial unique constraint on in-progress
    attempts lets only one INSERT through, and the loser returns the winner's attempt.
    """
    now = now or timezone.now()
    _check_can_take(user=user, quiz=quiz, now=now)
    current = Attempt.objects.in_progress().filter(user=user, quiz=quiz).first()
    if current is not None:
        if not current.is_overdue(now):
            return current
        current.user, current.quiz = user, quiz
        attempt_finish(attempt=current, now=now)
    last = Attempt.objects.filter(user=user, quiz=quiz).aggregate(last=Max("number"))["last"]
    number = (last or 0) + 1
    if quiz.max_attempts and number > quiz.max_attempts:
        raise QuizError(
            _("Bạn đã làm đủ %(count)s lần cho phép.") % {"count": quiz.max_attempts},
            code="max_attempts",
        )
    questions = _choose_questions(quiz)
    if not questions:
        raise QuizError(_("Bài kiểm tra này chưa có câu hỏi."), code="closed")
    attempt = Attempt(
        user=user,
        quiz=quiz,
        number=number,
        max_number=quiz.max_attempts,
        started_at=now,
        deadline=_deadline_for(quiz, now),
        max_points=sum((q.points for q in questions), Decimal(0)),
        layout=_layout_for(quiz, questions),
    )
    attempt.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        winner = Attempt.objects.in_progress().filter(user=user, quiz=quiz).first()
        if winner is None:
            raise QuizError(
                _("Bài kiểm tra vừa được bắt đầu ở một nơi khác. Hãy tải lại trang."),
                code="conflict",
            ) from None
        return winner
    return attempt


def answer_save(
    *, attempt: Attempt, question_id: int, raw, sequence: int, now: datetime | None = None
) -> int:
    """Save one answer; return the attempt's new sequence number.

    Refused with a message when the attempt is finished, the deadline (server clock) has
    passed, the answer is malformed (`AnswerError`, nothing written) or the sender's sequence
    is older than the attempt's (a stale tab). Resending the answer that is already stored is
    accepted without writing (a retry whose first response was lost). Two writes at most.
    """
    now = now or timezone.now()
    entry = attempt.entry_for(question_id)
    if entry is None:
        raise AnswerError(_("Câu hỏi này không thuộc lần làm bài."))
    answer = parse_answer(entry, raw)
    if attempt.state != AttemptState.IN_PROGRESS:
        raise _already_submitted()
    if attempt.is_overdue(now):
        raise QuizError(
            _("Đã hết giờ làm bài: câu trả lời này đến sau hạn nộp nên không được lưu."),
            code="late",
        )
    with transaction.atomic(savepoint=False):
        updated = Attempt.objects.filter(
            pk=attempt.pk, state=AttemptState.IN_PROGRESS, sequence=sequence
        ).update(sequence=F("sequence") + 1)
        if updated:
            Response.objects.bulk_create(
                [Response(attempt=attempt, question_id=question_id, answer=answer, saved_at=now)],
                update_conflicts=True,
                unique_fields=["attempt", "question"],
                update_fields=["answer", "saved_at"],
            )
    if not updated:  # nothing was written: find out why, outside the transaction
        return _answer_save_refused(attempt=attempt, question_id=question_id, answer=answer)
    attempt.sequence = sequence + 1
    return attempt.sequence


def _answer_save_refused(*, attempt: Attempt, question_id: int, answer) -> int:
    current = Attempt.objects.filter(pk=attempt.pk).values("state", "sequence").first()
    if current is None or current["state"] != AttemptState.IN_PROGRESS:
        raise _already_submitted()
    stored = list(
        Response.objects.filter(attempt=attempt, question_id=question_id).values_list(
            "answer", flat=True
        )
    )
    if stored and stored[0] == answer:
        return current["sequence"]
    raise QuizError(
        _(
            "Bài này vừa được trả lời ở một thẻ hoặc thiết bị khác. Hãy tải lại trang để "
            "thấy câu trả lời mới nhất."
        ),
        code="stale",
    )


def attempt_finish(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Finish and grade an attempt once, from the answers saved before its deadline.

    A second call (another tab, a double click) is refused with "already submitted" and
    changes nothing. The number of queries does not depend on the number of questions.

    The answers are read and graded first; one conditional UPDATE then closes the attempt and
    stores its grade, only while it is still in progress and no answer was saved since
    `attempt` was read (its `sequence` is unchanged: every save moves it, in the transaction
    that writes the answer). When an answer came in between, the attempt is closed first and
    graded again from what it holds then, so no saved answer is left out.
    """
    now = now or timezone.now()
    finished_at = min(now, attempt.deadline) if attempt.deadline else now
    with transaction.atomic():
        grading = _grade(attempt)
        closed = Attempt.objects.filter(
            pk=attempt.pk, state=AttemptState.IN_PROGRESS, sequence=attempt.sequence
        ).update(state=AttemptState.FINISHED, finished_at=finished_at, **grading.totals)
        if not closed:
            closed = Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(
                state=AttemptState.FINISHED, finished_at=finished_at
            )
            if not closed:
                raise _already_submitted()
            grading = _grade(attempt)
            Attempt.objects.filter(pk=attempt.pk).update(**grading.totals)
        attempt.state = AttemptState.FINISHED
        attempt.finished_at = finished_at
        for name, value in grading.totals.items():
            setattr(attempt, name, value)
        _write_marks(grading)
        attempt_finished.send(sender=Attempt, attempt=attempt)
        # When the course closed or the enrolment went away since the start, the grade stands
        # and the course progress is left as it was.
        with suppress(ValidationError):
            item_result_record(
                user=attempt.user, item=attempt.quiz, passed=attempt.passed, score=attempt.score
            )
        if grading.evidence:
            transaction.on_commit(partial(_record_evidence, attempt_id=attempt.pk))
    return attempt


@dataclass
class _Grading:
    """An attempt's grade, computed from the answers read, not yet written."""

    totals: dict  # points, max_points, score, passed: the attempt's fields
    marks: dict[tuple[Decimal, bool], list[int]]  # (points, correct) -> ids of responses
    unanswered: list[Response]  # rows to create for questions without an answer
    evidence: bool  # a graded question assesses a competence


# Question fields, choice fields and the attempt's response for the question: one row per
# choice (one for a question without choices).
_GRADING_FIELDS = (
    "pk",
    "type",
    "points",
    "numeric_answer",
    "numeric_tolerance",
    "ignore_diacritics",
    "competence_id",
    "choices__pk",
    "choices__sort_order",
    "choices__is_correct",
    "choices__text",
    "choices__match",
    "choices__fraction",
    "choices__tolerance",
    "own__pk",
    "own__answer",
    "own__saved_at",
)


def _grade(attempt: Attempt) -> _Grading:
    """Grade the attempt's questions from its saved answers: one query (two with a hotspot
    question), whatever the number of questions."""
    ids = attempt.question_ids
    questions: dict[int, tuple] = {}
    choices: dict[int, list[tuple]] = {}
    responses: dict[int, tuple] = {}
    rows = (
        Question.objects.filter(pk__in=ids)
        .annotate(own=FilteredRelation("responses", condition=Q(responses__attempt=attempt.pk)))
        .order_by("pk", "choices__sort_order", "choices__pk")
        .values_list(*_GRADING_FIELDS)
    )
    for row in rows:
        question_id = row[0]
        questions[question_id] = row[1:7]
        own = choices.setdefault(question_id, [])
        if row[7] is not None:
            own.append(row[7:14])
        if row[14] is not None:
            responses[question_id] = row[14:17]
    regions: dict[int, list[tuple]] = {}
    hotspots = [pk for pk, row in questions.items() if row[0] == QuestionType.HOTSPOT]
    if hotspots:
        for question_id, *region in HotspotRegion.objects.filter(
            question_id__in=hotspots
        ).values_list("question_id", "left", "top", "width", "height"):
            regions.setdefault(question_id, []).append(tuple(region))

    marks: dict[tuple[Decimal, bool], list[int]] = {}
    unanswered = []
    total = max_points = Decimal(0)
    evidence = False
    for question_id in ids:
        if question_id not in questions:  # deleted from the bank since: PROTECT makes it rare
            continue
        kind, points, numeric_answer, tolerance, ignore_diacritics, competence_id = questions[
            question_id
        ]
        response = responses.get(question_id)
        in_time = response is not None and (
            attempt.deadline is None or response[2] <= attempt.deadline
        )
        fraction = Decimal(0)
        if in_time:
            spec = spec_for(
                kind=kind,
                choices=choices[question_id],
                numeric_answer=numeric_answer,
                tolerance=tolerance,
                ignore_diacritics=ignore_diacritics,
                regions=regions.get(question_id, []),
            )
            fraction = grade(spec, response[1])
        earned = (points * fraction).quantize(Decimal("0.01"))
        total += earned
        max_points += points
        evidence = evidence or competence_id is not None
        if response is None:
            unanswered.append(
                Response(
                    attempt=attempt,
                    question_id=question_id,
                    answer=None,
                    points=earned,
                    correct=fraction == 1,
                )
            )
        else:
            marks.setdefault((earned, fraction == 1), []).append(response[0])
    score = (100 * total / max_points).quantize(Decimal("0.01")) if max_points else Decimal(0)
    return _Grading(
        totals={
            "points": total,
            "max_points": max_points,
            "score": score,
            "passed": score >= attempt.quiz.pass_mark,
        },
        marks=marks,
        unanswered=unanswered,
        evidence=evidence,
    )


def _write_marks(grading: _Grading) -> None:
    """Every response's points and correctness in one UPDATE (a CASE over the few distinct
    marks, not over the responses), and a graded empty row per unanswered question."""
    if grading.marks:
        marks = list(grading.marks.items())
        (last_points, last_correct), _ids = marks[-1]
        points_cases = [When(pk__in=ids, then=Value(points)) for (points, _c), ids in marks[:-1]]
        correct_cases = [When(pk__in=ids, then=Value(correct)) for (_p, correct), ids in marks[:-1]]
        Response.objects.filter(pk__in=[pk for _mark, ids in marks for pk in ids]).update(
            points=Case(*points_cases, default=Value(last_points), output_field=DecimalField()),
            correct=Case(*correct_cases, default=Value(last_correct), output_field=BooleanField()),
        )
    if grading.unanswered:
        Response.objects.bulk_create(grading.unanswered)


def _record_evidence(*, attempt_id: int) -> None:
    from .tasks import attempt_evidence_record

    attempt_evidence_record.enqueue(attempt_id)


def attempt_evidence_for(*, attempt: Attempt) -> int:
    """Record competence evidence for each graded response whose question has a competence."""
    from competencies.services import evidence_record

    count = 0
    responses = Response.objects.filter(
        attempt=attempt, question__competence__isnull=False, points__isnull=False
    ).select_related("question__competence__area")
    for response in responses:
        question = response.question
        evidence_record(
            user=attempt.user,
            competence=question.competence,
            level=question.level or 1,
            points=response.points,
            max_points=question.points,
            source_type="quiz_response",
            source_id=response.pk,
            item_key=f"question:{question.pk}",
            at=attempt.finished_at,
        )
        count += 1
    return count


def close_overdue(*, now: datetime | None = None) -> int:
    """Finish and grade every in-progress attempt whose deadline has passed; return how many."""
    now = now or timezone.now()
    closed = 0
    for attempt in Attempt.objects.overdue(now).select_related("quiz", "user"):
        try:
            attempt_finish(attempt=attempt, now=now)
        except QuizError:
            continue  # finished by its learner a moment ago
        closed += 1
    return closed
