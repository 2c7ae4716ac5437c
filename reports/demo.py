"""Demo activity of the demo teams, so that every manager report has a story to tell: over
the last ten weeks the team members enrol (some assigned by the commune manager), read lessons,
take the final quizzes with varied scores, and some complete their course and get a
certificate. Communes move at different paces, so "furthest behind" means something.

Everything goes through the services real data uses (enrolment, lesson completion, quiz
attempts, whose graded responses record competence evidence); only the timestamps are then
moved into the past. Idempotent: a second run finds the activity in place and adds nothing.
"""

import datetime
from contextlib import suppress

from django.db import transaction
from django.utils import timezone

from competencies.services import evidence_record
from courses.models import CoursePage, Enrollment, EnrollmentSource, LessonPage, Progress
from courses.services import enrollment_create, lesson_complete
from people.models import Membership, User
from quizzes.demo import full_marks_answer
from quizzes.models import Question, QuizPage
from quizzes.services import QuizError, answer_save, attempt_finish, attempt_start

from .models import RollupState
from .rollups import rollups_rebuild

COURSES = ["an-toan-thong-tin", "dich-vu-cong-vneid", "chu-ky-so-chuyen-dung"]
WEEKS = 10
# The three pilot communes train; the other units have not started yet (and the seed stays
# quick: it runs before every browser test). A higher pace gets further.
PACE = {"DNA-LPH": 3, "DNA-BLO": 1, "DNA-BHO": 2}
# Right answers out of ten in the final quiz, by learner: a spread of scores around the pass mark.
RIGHT_ANSWERS = [10, 7, 5, 9, 8, 3, 7, 6, 10, 8, 4, 9]


def _members() -> list[tuple[User, str]]:
    """The seeded team members (not the role accounts) and their commune's code."""
    memberships = (
        Membership.objects.current()
        .filter(user__username__startswith="dna-", unit__code__startswith="DNA-")
        .select_related("user", "unit")
        .order_by("user__username")
    )
    members = [(m.user, m.unit.code.rsplit("-", 1)[0]) for m in memberships]
    return [(user, commune) for user, commune in members if commune in PACE]


def _take_quiz(user: User, quiz: QuizPage, right: int, when: datetime.datetime) -> None:
    attempt = attempt_start(user=user, quiz=quiz, now=when)
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
            "choices", "regions"
        )
    }
    sequence = 0
    for question_id in attempt.question_ids[:right]:
        sequence = answer_save(
            attempt=attempt,
            question_id=question_id,
            raw=full_marks_answer(questions[question_id]),
            sequence=sequence,
            now=when + datetime.timedelta(minutes=1),
        )
    attempt_finish(attempt=attempt, now=when + datetime.timedelta(minutes=9))


def _practice_evidence(user: User, course: CoursePage, right: int, at) -> None:
    """Five practice items per competence the course targets, at its target level, scored like
    the learner's quiz (as competencies.demo does for the demo learner), so that learners who
    finished a course show attained levels in the competency gaps report."""
    for target in course.targeted_competences.select_related("competence__area"):
        for item in range(5):
            evidence_record(
                user=user,
                competence=target.competence,
                level=target.target_level,
                points=1 if item < right // 2 else 0,
                max_points=1,
                source_type="demo_practice",
                source_id=f"{user.pk}-{course.pk}-{item}",
                item_key=f"demo-practice:{course.pk}:{item}",
                at=at,
            )


def _activity(
    user: User, course: CoursePage, *, stage: int, right: int, enrolled_at, manager, source
):
    """Enrol, then go as far as `stage`: 0 enrolled, 1 some lessons, 2 every lesson and the
    quiz (passed or not, by `right`)."""
    enrollment_create(
        user=user,
        course=course,
        source=source,
        assigned_by=manager if source != EnrollmentSource.SELF else None,
        due_on=enrolled_at.date() + datetime.timedelta(days=28)
        if source != EnrollmentSource.SELF
        else None,
    )
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    done_at = enrolled_at + datetime.timedelta(days=3)
    if stage >= 1:
        for lesson in lessons[: 1 if stage == 1 else len(lessons)]:
            lesson_complete(user=user, lesson=lesson)
    if stage >= 2:
        quiz = QuizPage.objects.child_of(course).live().first()
        if quiz is not None:
            # A course whose prerequisite the learner has not finished refuses the quiz.
            with suppress(QuizError):
                _take_quiz(user, quiz, right, done_at)
    # The services stamp "now"; move this learner's work on the course into the past.
    Progress.objects.filter(user=user, page__path__startswith=course.path).update(
        completed_at=done_at
    )
    enrollment = Enrollment.objects.get(user=user, course=course)
    enrollment.enrolled_at = enrolled_at
    if enrollment.completed_at is not None:
        enrollment.completed_at = done_at + datetime.timedelta(hours=1)
        user.certificates.filter(course=course).update(issued_at=enrollment.completed_at)
        _practice_evidence(user, course, right, done_at)
    enrollment.save(update_fields=["enrolled_at", "completed_at"])


def seed() -> int:
    """Adds the activity once, then builds the report roll-ups if they were never built (so the
    demo reads reports the way production does); returns how many enrolments it made."""
    made = _seed_activity()
    # After the activity's transaction: its roll-up updates ran (and found no roll-ups).
    if not RollupState.objects.exists():
        rollups_rebuild()
    return made


@transaction.atomic
def _seed_activity() -> int:
    courses = {c.slug: c for c in CoursePage.objects.live().filter(slug__in=COURSES)}
    if not courses or Enrollment.objects.filter(user__username__startswith="dna-").exists():
        return 0
    manager = User.objects.filter(email__iexact="quanly@example.com").first()
    now = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    made = 0
    for index, (user, commune) in enumerate(_members()):
        pace = PACE[commune]
        for position, slug in enumerate(COURSES[: 1 + index % 3]):
            course = courses.get(slug)
            if course is None:
                continue
            weeks_ago = (index * 3 + position * 2) % WEEKS + 1
            enrolled_at = now - datetime.timedelta(weeks=weeks_ago, days=index % 5)
            # Earlier enrolments and faster communes get further.
            stage = min(2, (pace + weeks_ago // 3 + position + index) % 4)
            source = (
                EnrollmentSource.ASSIGNED
                if course.enrolment_mode == "assigned" or (index + position) % 3 == 0
                else EnrollmentSource.SELF
            )
            _activity(
                user,
                course,
                stage=stage,
                right=RIGHT_ANSWERS[(index + position) % len(RIGHT_ANSWERS)],
                enrolled_at=enrolled_at,
                manager=manager,
                source=source,
            )
            made += 1
    return made
