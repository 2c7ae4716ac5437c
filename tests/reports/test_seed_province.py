"""seed_province builds a consistent province data set and refuses to run twice."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage, Progress
from people.models import Membership, OrgUnit, User
from quizzes.models import Attempt, Choice, QuizPage, QuizQuestion, Response
from quizzes.statistics import quiz_statistics
from reports import selectors
from reports.models import (
    RollupState,
    UnitCourseDay,
    UnitCourseEventDay,
    UnitCourseMonth,
    UnitCourseStat,
    UnitLearnerStat,
)

pytestmark = pytest.mark.django_db


def test_a_small_province_has_the_asked_counts_and_rebuilt_rollups(capsys, monkeypatch):
    call_command("seed_province", learners=200, courses=2, items=3)
    learners = User.objects.filter(username__startswith="sp-")
    assert learners.count() == 200
    assert Membership.objects.filter(user__in=learners).count() == 200
    province = OrgUnit.objects.get(code="DNA")
    teams = OrgUnit.objects.filter(path__startswith=province.path, kind="team")
    assert teams.count() >= 100
    courses = CoursePage.objects.filter(slug__startswith="tinh-")
    assert courses.count() == 2
    assert LessonPage.objects.live().filter(path__startswith=courses[0].path).count() == 3
    enrolments = Enrollment.objects.filter(user__in=learners)
    assert 200 <= enrolments.count() <= 400
    progress = Progress.objects.filter(user__in=learners)
    # Three lessons and the final quiz per course.
    assert enrolments.count() <= progress.count() <= enrolments.count() * 4
    completed = enrolments.filter(completed_at__isnull=False).count()
    assert 0 < Certificate.objects.filter(user__in=learners).count() <= completed
    assert RollupState.objects.exists()
    # The roll-ups count every generated enrolment and learner.
    stats = UnitCourseStat.objects.filter(course__in=courses)
    assert sum(stats.values_list("enrolled", flat=True)) == enrolments.count()
    assert sum(stats.values_list("completed", flat=True)) == completed
    assert sum(UnitLearnerStat.objects.values_list("learners", flat=True)) >= 200
    # The dated roll-ups, summed over every day (or month), come to the same totals…
    for dated in (UnitCourseDay, UnitCourseMonth):
        rows = dated.objects.filter(course__in=courses)
        assert sum(rows.values_list("enrolled", flat=True)) == enrolments.count()
        assert sum(rows.values_list("completed", flat=True)) == completed
    # Every learner was a member before their first enrolment: each enrolment and completion
    # is one event of the trend.
    events = UnitCourseEventDay.objects.filter(course__in=courses)
    assert sum(events.values_list("enrolments", flat=True)) == enrolments.count()
    assert sum(events.values_list("completions", flat=True)) == completed
    # … and as of past days they equal a direct recount.
    admin = User.objects.filter(is_superuser=True).first()
    for days_ago in (100, 45, 10):
        past = timezone.localdate() - datetime.timedelta(days=days_ago)
        dated = selectors.completion_by_unit(user=admin, unit=province, as_of=past)
        with monkeypatch.context() as patch:
            patch.setattr(selectors, "_dated_rollup_figures", lambda **kwargs: None)
            direct = selectors.completion_by_unit(user=admin, unit=province, as_of=past)
        assert [vars(row) for row in dated.rows] == [vars(row) for row in direct.rows]
        assert 0 < dated.total.enrolled < Enrollment.objects.count()
    out = capsys.readouterr().out
    assert "Dữ liệu cấp tỉnh đã sẵn sàng." in out
    attempts = Attempt.objects.filter(user__in=learners)
    responses = Response.objects.filter(attempt__in=attempts)
    assert f"{attempts.count()} quiz attempts with {responses.count()} answers" in out
    _check_quizzes(courses, learners)


def _check_quizzes(courses, learners):
    """Each course ends with a live quiz; whoever completed a course passed its quiz; every
    attempt is finished and graded from its own answers."""
    attempts = Attempt.objects.filter(user__in=learners)
    assert attempts.count() > 0
    for course in courses:
        items = course.get_children().live().specific().order_by("path")
        quiz = items.last()
        assert isinstance(quiz, QuizPage)
        assert quiz.title == f"Kiểm tra: {course.title}"
        questions = QuizQuestion.objects.filter(quiz=quiz).count()
        assert questions == 10
        completed = set(
            Enrollment.objects.filter(course=course, completed_at__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        passed = set(
            attempts.filter(quiz=quiz, state="finished", passed=True).values_list(
                "user_id", flat=True
            )
        )
        assert completed <= passed
        assert set(
            Progress.objects.filter(page=quiz, user__in=completed).values_list("status", flat=True)
        ) <= {"passed"}
        quiz_attempts = attempts.filter(quiz=quiz)
        assert Response.objects.filter(attempt__in=quiz_attempts).count() == (
            questions * quiz_attempts.count()
        )
        if quiz_attempts.count() > 20:
            # Easy and hard questions both show in the item statistics.
            facilities = [row.facility for row in quiz_statistics(quiz)["questions"]]
            assert min(facilities) < 60 < max(facilities)
    now = timezone.now()
    by_pk = {
        attempt.pk: attempt for attempt in attempts.select_related("quiz").order_by("pk")[:200]
    }
    right = dict(Choice.objects.filter(is_correct=True).values_list("question_id", "pk"))
    answers: dict[int, list] = {}
    for response in Response.objects.filter(attempt__in=list(by_pk)):
        answers.setdefault(response.attempt_id, []).append(response)
    for pk, attempt in by_pk.items():
        own = answers[pk]
        assert attempt.state == "finished"
        assert attempt.started_at < attempt.finished_at <= now
        assert 1 <= attempt.number <= attempt.max_number == attempt.quiz.max_attempts
        assert attempt.points == sum(r.points for r in own) == sum(r.correct for r in own)
        assert attempt.max_points == len(own) == len(attempt.layout)
        assert attempt.score == (100 * attempt.points / attempt.max_points).quantize(
            Decimal("0.01")
        )
        assert attempt.passed == (attempt.score >= attempt.quiz.pass_mark)
        layout = {entry["id"]: entry["choices"] for entry in attempt.layout}
        for response in own:
            # The stored answer is a choice id of the frozen layout, as answer_save keeps it.
            assert isinstance(response.answer, int)
            assert response.answer in layout[response.question_id]
            assert response.correct == (response.answer == right[response.question_id])
    # Every attempt falls after its learner's enrolment in the quiz's course.
    course_of = {quiz.pk: quiz.get_parent().pk for quiz in QuizPage.objects.all()}
    enrolled = {
        (e.user_id, e.course_id): e.enrolled_at
        for e in Enrollment.objects.filter(user__in=learners)
    }
    for attempt in by_pk.values():
        assert enrolled[attempt.user_id, course_of[attempt.quiz_id]] < attempt.started_at


def test_a_second_run_refuses_clearly():
    call_command("seed_province", learners=5, courses=1, items=1, verbosity=0)
    with pytest.raises(CommandError, match="already has a province data set"):
        call_command("seed_province", learners=5, courses=1, items=1)
    assert User.objects.filter(username__startswith="sp-").count() == 5


def test_impossible_sizes_are_refused():
    with pytest.raises(CommandError):
        call_command("seed_province", learners=0)
