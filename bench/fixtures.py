"""What the load needs on top of a data tier: a bench quiz, a cohort of logged-in learners,
in-progress attempts, a manager with a second factor. Runs inside Django (production settings).

Sessions are created directly with the session engine (cached_db: the database and Redis),
exactly what allauth's login leaves behind, without paying a password hash per learner.
"""

import datetime
import json
from dataclasses import dataclass

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from . import config

COHORT_PREFIX = "bench"
QUIZ_SLUG = "bench-quiz"
QUESTIONS = 10
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


@dataclass
class Login:
    user_id: int
    cookie: str  # the Cookie header
    csrf: str  # the token to send back (the unmasked secret, which Django accepts)


def login(user) -> Login:
    """A session for `user`, as a login would leave it, and a CSRF secret for its cookie."""
    from django.conf import settings
    from django.contrib.sessions.backends.cached_db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(32)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
    return Login(user.pk, cookie, csrf)


def _root_unit():
    from people.models import OrgUnit

    return OrgUnit.get_root_nodes().exclude(code="BENCH").first()


def _bench_team():
    """The cohort's own unit, a root of its own: the tier's reports (the province's manager)
    do not count the thousands of load-generating learners."""
    from people.models import OrgUnit, OrgUnitKind

    team = OrgUnit.objects.filter(code="BENCH").first()
    if team is None:
        team = OrgUnit.add_root(code="BENCH", name="Tổ đo hiệu năng", kind=OrgUnitKind.TEAM)
    return team


def report_team():
    """The team the report scenarios drill down to: the province's first, else the bench's."""
    from people.models import OrgUnit

    team = OrgUnit.objects.filter(kind="team").exclude(code="BENCH").order_by("path").first()
    return team or _bench_team()


def report_quiz():
    """The quiz whose statistics the report scenarios drill down to: the one with the most
    finished attempts (at tier L a province course's final quiz, ~2,000 attempts)."""
    from django.db.models import Count, Q

    from quizzes.models import QuizPage

    return (
        QuizPage.objects.live()
        .annotate(finished=Count("attempts", filter=Q(attempts__state="finished")))
        .order_by("-finished", "path")
        .first()
    )


def bench_course():
    """The first live course with a lesson: the course of every learner page measured."""
    from courses.models import CoursePage, LessonPage

    for course in CoursePage.objects.live().order_by("path"):
        if LessonPage.objects.child_of(course).live().exists():
            return course
    raise SystemExit("bench: the data tier has no live course with a lesson")


def bench_quiz(course):
    """A quiz of ten single-choice questions, one per screen, 30 minutes, unlimited attempts."""
    from quizzes.models import Choice, Question, QuestionCategory, QuizPage, QuizQuestion

    quiz = QuizPage.objects.child_of(course).filter(slug=QUIZ_SLUG).first()
    if quiz is not None:
        return quiz
    category, _ = QuestionCategory.objects.get_or_create(name="Đo hiệu năng")
    questions = []
    for number in range(1, QUESTIONS + 1):
        question = Question.objects.create(
            category=category,
            type="single",
            text=f"<p>Câu hỏi đo hiệu năng số {number}: mật khẩu nào an toàn nhất?</p>",
        )
        Choice.objects.bulk_create(
            Choice(question=question, sort_order=order, text=text, is_correct=order == 2)
            for order, text in enumerate(["123456", "ngày sinh", "Cụm-từ-dài-7!", "tên con"])
        )
        questions.append(question)
    quiz = QuizPage(
        title="Bài kiểm tra đo hiệu năng",
        slug=QUIZ_SLUG,
        intro="Mười câu hỏi một lựa chọn.",
        pass_mark=70,
        time_limit_minutes=30,
        max_attempts=0,
        shuffle_choices=True,
        estimated_minutes=10,
    )
    course.add_child(instance=quiz)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, sort_order=order)
        for order, question in enumerate(questions)
    )
    quiz.save_revision().publish()
    return quiz


@transaction.atomic
def cohort(size: int, course) -> list:
    """`size` learners in a bench team, enrolled in the bench course (bulk: one password hash)."""
    from courses.models import Enrollment
    from people.models import Audience, LearnerProfile, Membership, User

    team = _bench_team()
    existing = set(
        User.objects.filter(username__startswith=COHORT_PREFIX).values_list("username", flat=True)
    )
    password = make_password(get_random_string(20))
    new = [
        User(
            username=f"{COHORT_PREFIX}{number:05d}",
            email=f"{COHORT_PREFIX}{number:05d}@bench.invalid",
            full_name=f"Học viên đo {number:05d}",
            password=password,
        )
        for number in range(size)
        if f"{COHORT_PREFIX}{number:05d}" not in existing
    ]
    User.objects.bulk_create(new, batch_size=1000)
    users = list(
        User.objects.filter(username__startswith=COHORT_PREFIX).order_by("username")[:size]
    )
    have_profile = set(
        LearnerProfile.objects.filter(user__in=users).values_list("user_id", flat=True)
    )
    LearnerProfile.objects.bulk_create(
        [
            LearnerProfile(user=u, audience=Audience.RESIDENT)
            for u in users
            if u.pk not in have_profile
        ],
        batch_size=1000,
    )
    member = set(Membership.objects.filter(user__in=users).values_list("user_id", flat=True))
    since = datetime.date(2025, 7, 1)
    Membership.objects.bulk_create(
        [Membership(user=u, unit=team, valid_from=since) for u in users if u.pk not in member],
        batch_size=1000,
    )
    enrolled = set(
        Enrollment.objects.filter(user__in=users, course=course).values_list("user_id", flat=True)
    )
    Enrollment.objects.bulk_create(
        [Enrollment(user=u, course=course, source="bulk") for u in users if u.pk not in enrolled],
        batch_size=1000,
    )
    return users


def manager():
    """A manager of the whole province (the widest report) with an authenticator app, since
    production sends staff without one to the second-factor set-up before any admin page."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group, Permission

    from people.models import UnitRole, User

    user, _ = User.objects.get_or_create(
        username="bench-manager",
        defaults={"email": "bench-manager@bench.invalid", "full_name": "Quản lý đo hiệu năng"},
    )
    group, created = Group.objects.get_or_create(name="Quản lý đơn vị")
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    user.groups.add(group)
    UnitRole.objects.get_or_create(user=user, unit=_root_unit(), role="manager")
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "BENCHBENCHBENCH2"}}
    )
    return user


def administrator():
    """A superuser with an authenticator app: the one who opens Wagtail's own reports, which
    the bench times as a reference for what any Wagtail report page costs."""
    from allauth.mfa.models import Authenticator

    from people.models import User

    user, created = User.objects.get_or_create(
        username="bench-admin",
        defaults={
            "email": "bench-admin@bench.invalid",
            "full_name": "Quản trị đo hiệu năng",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "BENCHBENCHBENCH3"}}
    )
    return user


def start_attempts(users, quiz, *, answered: int) -> list[dict]:
    """One in-progress attempt per user (a new one when the last is finished), with `answered`
    answers already saved. Built in bulk from one frozen layout: what attempt_start makes."""
    from quizzes.models import Attempt, Response
    from quizzes.services import attempt_start, close_overdue

    # A reused database (BENCH_REUSE_DB=1) keeps the attempts of an earlier run, past their
    # deadline by now: every save to one would be refused as late.
    close_overdue()
    template = attempt_start(user=users[0], quiz=quiz)
    layout, max_points, deadline_minutes = (
        template.layout,
        template.max_points,
        quiz.time_limit_minutes,
    )
    now = timezone.now()
    current = {
        a.user_id: a for a in Attempt.objects.in_progress().filter(quiz=quiz, user__in=users)
    }
    numbers = {}
    for user_id, number in Attempt.objects.filter(quiz=quiz, user__in=users).values_list(
        "user_id", "number"
    ):
        numbers[user_id] = max(number, numbers.get(user_id, 0))
    new = [
        Attempt(
            user=u,
            quiz=quiz,
            number=numbers.get(u.pk, 0) + 1,
            max_number=quiz.max_attempts,
            started_at=now,
            deadline=now + datetime.timedelta(minutes=deadline_minutes),
            max_points=max_points,
            layout=layout,
        )
        for u in users
        if u.pk not in current
    ]
    Attempt.objects.bulk_create(new, batch_size=1000)
    attempts = list(
        Attempt.objects.in_progress().filter(quiz=quiz, user__in=users).order_by("user_id")
    )
    if answered:
        Response.objects.filter(attempt__in=attempts).delete()
        Response.objects.bulk_create(
            [
                Response(attempt=a, question_id=e["id"], answer=e["choices"][0], saved_at=now)
                for a in attempts
                for e in a.layout[:answered]
            ],
            batch_size=2000,
        )
        Attempt.objects.filter(pk__in=[a.pk for a in attempts]).update(sequence=answered)
    return [
        {
            "attempt": a.pk,
            "user": a.user_id,
            "questions": [[e["id"], e["choices"]] for e in a.layout],
        }
        for a in attempts
    ]


def write_json(name: str, data) -> str:
    path = config.OUT / name
    path.write_text(json.dumps(data, ensure_ascii=False))
    return str(path)
