"""The fairness rules of attempts, each a named test (services, SQLite or PostgreSQL)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from competencies.models import Evidence
from courses.models import Enrollment, Progress, ProgressStatus
from quizzes.answers import AnswerError
from quizzes.models import Attempt, AttemptState, Question, QuizQuestion, Response
from quizzes.services import (
    QuizError,
    answer_save,
    attempt_finish,
    attempt_start,
    close_overdue,
)
from tests.factories import CompetenceFactory, question_create, quiz_create
from tests.quizzes.conftest import correct_answers

pytestmark = pytest.mark.django_db


def answer_all(attempt, answers, now=None):
    sequence = attempt.sequence
    for question_id, raw in answers.items():
        sequence = answer_save(
            attempt=attempt, question_id=question_id, raw=raw, sequence=sequence, now=now
        )
    return sequence


def test_question_list_is_frozen_at_start(quiz, enrolled, category):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    before = list(attempt.question_ids)
    QuizQuestion.objects.create(quiz=quiz, question=question_create(category=category))
    attempt.refresh_from_db()
    assert attempt.question_ids == before
    assert len(before) == 8


def test_random_questions_are_drawn_from_the_category(course, enrolled, category):
    pool = [question_create(category=category) for _ in range(6)]
    quiz = quiz_create(course=course, random_category=category, random_count=4)
    attempt = attempt_start(user=enrolled, quiz=quiz)
    assert len(attempt.question_ids) == 4
    assert set(attempt.question_ids) <= {q.pk for q in pool}


def test_starting_twice_resumes_the_attempt_in_progress(quiz, enrolled):
    first = attempt_start(user=enrolled, quiz=quiz)
    second = attempt_start(user=enrolled, quiz=quiz)
    assert first.pk == second.pk
    assert Attempt.objects.count() == 1


def test_one_in_progress_attempt_per_learner_is_a_database_constraint(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=enrolled, quiz=quiz, number=2, layout=attempt.layout)


def test_maximum_attempts_is_enforced_by_the_service_and_the_database(quiz, enrolled):
    quiz.max_attempts = 1
    quiz.save()
    attempt = attempt_start(user=enrolled, quiz=quiz)
    attempt_finish(attempt=attempt)
    with pytest.raises(QuizError) as error:
        attempt_start(user=enrolled, quiz=quiz)
    assert error.value.code == "max_attempts"
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            user=enrolled, quiz=quiz, number=2, max_number=1, state=AttemptState.FINISHED
        )


def test_learner_must_be_enrolled_to_start(quiz, learner):
    with pytest.raises(QuizError) as error:
        attempt_start(user=learner, quiz=quiz)
    assert error.value.code == "not_enrolled"


def test_deadline_is_the_earlier_of_time_limit_and_close_date(quiz, enrolled):
    now = timezone.now()
    quiz.time_limit_minutes = 30
    quiz.closes_at = now + timedelta(minutes=10)
    quiz.save()
    attempt = attempt_start(user=enrolled, quiz=quiz, now=now)
    assert attempt.deadline == quiz.closes_at
    attempt_finish(attempt=attempt, now=now)
    quiz.closes_at = now + timedelta(hours=2)
    quiz.save()
    attempt = attempt_start(user=enrolled, quiz=quiz, now=now)
    assert attempt.deadline == now + timedelta(minutes=30)


def test_answer_after_the_deadline_is_refused_with_a_message(quiz, enrolled):
    quiz.time_limit_minutes = 5
    quiz.save()
    start = timezone.now()
    attempt = attempt_start(user=enrolled, quiz=quiz, now=start)
    question_id = attempt.question_ids[0]
    with pytest.raises(QuizError) as error:
        answer_save(
            attempt=attempt,
            question_id=question_id,
            raw=attempt.layout[0]["choices"][0],
            sequence=0,
            now=start + timedelta(minutes=5, seconds=1),
        )
    assert error.value.code == "late"
    assert "hết giờ" in error.value.messages[0].lower()
    assert not Response.objects.filter(attempt=attempt).exists()


def test_finishing_twice_grades_once(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    answer_all(attempt, correct_answers(attempt))
    attempt_finish(attempt=attempt)
    stale_copy = Attempt.objects.get(pk=attempt.pk)
    stale_copy.state = AttemptState.IN_PROGRESS  # what a second tab still believes
    with pytest.raises(QuizError) as error:
        attempt_finish(attempt=stale_copy)
    assert error.value.code == "finished"
    assert "đã nộp" in error.value.messages[0]
    attempt.refresh_from_db()
    assert attempt.score == 100
    assert Response.objects.filter(attempt=attempt).count() == 8


def test_an_answer_saved_after_the_attempt_was_read_is_graded(quiz, enrolled):
    """The finish grades from the answers it reads, then closes the attempt only if no answer
    came in since its copy was read; one did here, so it closes first and grades again."""
    attempt = attempt_start(user=enrolled, quiz=quiz)
    answers = correct_answers(attempt)
    read_before = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    answer_all(attempt, answers)
    attempt_finish(attempt=read_before)
    graded = Attempt.objects.get(pk=attempt.pk)
    assert (graded.state, graded.score, graded.passed) == (AttemptState.FINISHED, 100, True)
    assert Response.objects.filter(attempt=attempt, correct=True).count() == len(answers)
    assert Progress.objects.get(user=enrolled, page=quiz).status == ProgressStatus.PASSED


def test_an_answer_saved_while_the_finish_grades_is_not_lost(quiz, enrolled, monkeypatch):
    """Another tab saves the last answer after the finish read the answers and before it
    closed the attempt: the close sees the moved sequence, and the attempt is graded again."""
    from quizzes import services

    attempt = attempt_start(user=enrolled, quiz=quiz)
    answers = correct_answers(attempt)
    (last_id, last_raw), *others = reversed(answers.items())
    answer_all(attempt, dict(others))
    grade = services._grade
    gradings = []

    def grade_then_another_tab_saves(graded):
        gradings.append(grade(graded))
        if len(gradings) == 1:
            other_tab = Attempt.objects.get(pk=graded.pk)
            answer_save(
                attempt=other_tab, question_id=last_id, raw=last_raw, sequence=other_tab.sequence
            )
        return gradings[-1]

    monkeypatch.setattr(services, "_grade", grade_then_another_tab_saves)
    attempt_finish(attempt=attempt)
    assert len(gradings) == 2
    assert gradings[0].totals["score"] < 100
    assert Attempt.objects.get(pk=attempt.pk).score == 100
    assert Response.objects.get(attempt=attempt, question_id=last_id).correct is True


def test_unanswered_questions_get_a_graded_empty_row(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    answers = correct_answers(attempt)
    first = next(iter(answers))
    answer_all(attempt, {first: answers[first]})
    attempt_finish(attempt=attempt)
    rows = Response.objects.filter(attempt=attempt)
    assert rows.count() == len(attempt.layout)
    assert list(rows.filter(correct=True).values_list("question_id", flat=True)) == [first]
    assert not rows.filter(points__isnull=True).exists()
    assert rows.filter(answer__isnull=True).count() == len(attempt.layout) - 1


def test_all_correct_answers_pass_and_set_progress_and_course_completion(quiz, enrolled, course):
    from courses.services import lesson_complete

    lesson = course.get_children().type(__import__("courses").models.LessonPage).first()
    lesson_complete(user=enrolled, lesson=lesson)
    attempt = attempt_start(user=enrolled, quiz=quiz)
    answer_all(attempt, correct_answers(attempt))
    attempt_finish(attempt=attempt)
    assert attempt.passed is True and attempt.score == Decimal("100.00")
    progress = Progress.objects.get(user=enrolled, page=quiz)
    assert progress.status == ProgressStatus.PASSED
    assert progress.score == Decimal("100.00")
    assert Enrollment.objects.get(user=enrolled, course=course).completed_at is not None


def test_failing_records_a_failed_progress(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    attempt_finish(attempt=attempt)
    assert attempt.passed is False and attempt.score == 0
    assert Progress.objects.get(user=enrolled, page=quiz).status == ProgressStatus.FAILED


def test_stale_tab_cannot_overwrite_a_newer_answer(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    entry = attempt.layout[0]
    first, second = entry["choices"][0], entry["choices"][1]
    answer_save(attempt=attempt, question_id=entry["id"], raw=first, sequence=0)
    old_tab = Attempt.objects.get(pk=attempt.pk)
    answer_save(attempt=attempt, question_id=entry["id"], raw=second, sequence=1)
    with pytest.raises(QuizError) as error:
        answer_save(attempt=old_tab, question_id=entry["id"], raw=first, sequence=1)
    assert error.value.code == "stale"
    assert Response.objects.get(attempt=attempt, question_id=entry["id"]).answer == second


def test_retry_of_an_answer_already_saved_is_accepted_without_writing(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    entry = attempt.layout[0]
    answer_save(attempt=attempt, question_id=entry["id"], raw=entry["choices"][0], sequence=0)
    retried = answer_save(
        attempt=attempt, question_id=entry["id"], raw=entry["choices"][0], sequence=0
    )
    assert retried == 1
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1


def test_malformed_answer_changes_nothing(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    entry = attempt.layout[0]
    answer_save(attempt=attempt, question_id=entry["id"], raw=entry["choices"][0], sequence=0)
    with pytest.raises(AnswerError):
        answer_save(attempt=attempt, question_id=entry["id"], raw=999999, sequence=1)
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1
    assert Response.objects.get(attempt=attempt).answer == entry["choices"][0]


def test_close_overdue_attempts_grades_answers_saved_before_the_deadline(quiz, enrolled):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now() - timedelta(minutes=30)
    attempt = attempt_start(user=enrolled, quiz=quiz, now=start)
    answers = correct_answers(attempt)
    answer_all(attempt, answers, now=start + timedelta(minutes=1))
    # An answer written after the deadline by other means never counts.
    Response.objects.filter(attempt=attempt).update(saved_at=start + timedelta(minutes=1))
    late = Response.objects.filter(attempt=attempt).first()
    Response.objects.filter(pk=late.pk).update(saved_at=start + timedelta(minutes=11))
    call_command("close_overdue_attempts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert attempt.finished_at == attempt.deadline
    assert attempt.points == attempt.max_points - late.question.points
    assert close_overdue() == 0


def test_graded_responses_record_competence_evidence(quiz, enrolled, questions):
    from tests.factories import LevelFactory

    competence = CompetenceFactory()
    LevelFactory(framework=competence.area.framework, number=2)
    questions[0].competence = competence
    questions[0].level = 2
    questions[0].save()
    attempt = attempt_start(user=enrolled, quiz=quiz)
    answer_all(attempt, correct_answers(attempt))
    with __import__("django.test", fromlist=["TestCase"]).TestCase.captureOnCommitCallbacks(
        execute=True
    ):
        attempt_finish(attempt=attempt)
    evidence = Evidence.objects.get(user=enrolled)
    assert evidence.competence == competence
    assert evidence.level == 2
    assert evidence.points == evidence.max_points
    assert evidence.item_key == f"question:{questions[0].pk}"


def test_imported_partial_credit_grades_through_the_attempt(course, enrolled, category):
    from quizzes.bank_services import questions_import
    from quizzes.formats import read_gift

    gift = (
        "::Q:: Viết tắt của mã dùng một lần?{=OTP =%50%mã OTP =%0%VNID#sai}\n\n"
        "::Nháp:: Kể hai cách giữ mã OTP. {}"
    )
    questions_import(category=category, drafts=read_gift(gift).drafts)
    short = Question.objects.get(type="short_text")
    quiz = quiz_create(course=course, questions=[short], slug="phan-diem")
    # a draft never enters a quiz, not even by the random draw
    quiz.random_category, quiz.random_count = category, 5
    quiz.save_revision().publish()
    attempt = attempt_start(user=enrolled, quiz=quiz)
    assert attempt.question_ids == [short.pk]
    answer_all(attempt, {short.pk: "mã OTP"})
    attempt = attempt_finish(attempt=attempt)
    assert attempt.score == 50
    second = attempt_start(user=enrolled, quiz=quiz)
    answer_all(second, {short.pk: "VNID"})
    assert attempt_finish(attempt=second).score == 0
