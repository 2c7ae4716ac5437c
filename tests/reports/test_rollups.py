"""The persisted roll-ups equal a direct recount, whatever happened, in whatever order."""

import datetime
import importlib
import random
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_revoke
from courses.models import Enrollment, Progress
from courses.services import course_assign, enrollment_create, lesson_complete
from people.models import Membership, OrgUnit
from people.services import unit_create, unit_merge
from quizzes.demo import full_marks_answer
from quizzes.models import Attempt, AttemptState, Response
from quizzes.services import QuizError, answer_save, attempt_finish, attempt_start
from reports import overview, quiz_results, selectors, to_call, trend
from reports.models import (
    LearnerCourseState,
    LearnerQuizState,
    LearnerSpan,
    RollupState,
    UnitCourseDay,
    UnitCourseEventDay,
    UnitCourseMonth,
    UnitCourseStat,
    UnitCourseToCall,
    UnitLearnerDay,
    UnitLearnerStat,
    UnitQuizBand,
    UnitQuizItem,
    UnitQuizStat,
)
from reports.quiz_counters import ITEM_FIELDS
from reports.rollups import learners_refresh, primary_spans, rollups_advance, rollups_rebuild
from tests.factories import (
    UserFactory,
    course_create,
    course_index_create,
    question_create,
    quiz_create,
)
from tests.reports.conftest import member_create

pytestmark = pytest.mark.django_db

FIGURES = ("learners", "enrolled", "started", "completed", "certified")


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def courses(home_page):
    index = course_index_create(home=home_page, slug="khoa-hoc-tong-hop")
    return [
        course_create(index=index, title=f"Khóa {n}", slug=f"khoa-tong-hop-{n}", lessons=2)
        for n in (1, 2)
    ]


def lessons_of(course):
    return [page.specific for page in course.get_children().order_by("path")]


def report_figures(admin, unit, course, *, direct: bool, monkeypatch, as_of=None):
    """Every row of the completion report, the learners of the unit and the course overview
    (as of a day, today by default), as plain tuples; `direct` recounts from the source rows."""
    with monkeypatch.context() as patch:
        if direct:
            for name in ("_rollup_figures", "_dated_rollup_figures", "_rollup_learner_figures"):
                patch.setattr(selectors, name, lambda **kwargs: None)
            patch.setattr(overview, "course_figures", lambda **kwargs: None)
        report = selectors.completion_by_unit(user=admin, unit=unit, course=course, as_of=as_of)
        rows = [
            (row.label, *(getattr(row, name) for name in FIGURES))
            for row in [*report.rows, report.total]
        ]
        learners = list(
            selectors.learners_in_unit(user=admin, unit=unit, course=course, as_of=as_of)
        )
        courses = (
            [
                (row.label, row.enrolled, row.started, row.completed, row.certified)
                for row in overview.course_overview(user=admin, unit=unit, as_of=as_of).rows
            ]
            if course is None
            else []
        )
    return rows, learners, courses


def python_members(unit, day):
    """The learners who count in the unit's subtree on `day`, by the rule: a learner counts
    in the unit of their primary membership (valid that day, begun last)."""
    members = set()
    for user_id in Membership.objects.values_list("user_id", flat=True).distinct():
        valid = [
            membership
            for membership in Membership.objects.filter(user_id=user_id).select_related("unit")
            if membership.valid_from <= day
            and (not membership.valid_to or membership.valid_to > day)
        ]
        if valid:
            primary = max(valid, key=lambda m: (m.valid_from, m.pk))
            if primary.unit.path.startswith(unit.path):
                members.add(user_id)
    return members


def python_recount(unit, course, day):
    """The subtree's figures on `day` counted in Python from the source rows."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    members = python_members(unit, day)
    figures = [len(members), 0, 0, 0, 0]
    enrolments = Enrollment.objects.filter(user_id__in=members, enrolled_at__lte=end)
    for enrolment in (
        enrolments.select_related("course")
        if course is None
        else enrolments.filter(course=course).select_related("course")
    ):
        figures[1] += 1
        figures[2] += Progress.objects.filter(
            user_id=enrolment.user_id,
            page__path__startswith=enrolment.course.path,
            created_at__lte=end,
        ).exists()
        figures[3] += bool(enrolment.completed_at and enrolment.completed_at <= end)
        figures[4] += (
            Certificate.objects.valid()
            .filter(user_id=enrolment.user_id, course=enrolment.course, issued_at__lte=end)
            .exists()
        )
    return tuple(figures)


def trend_figures(admin, unit, course, *, direct: bool, monkeypatch, as_of=None):
    """The trend's weeks (26 of them: the whole history of the random events)."""
    with monkeypatch.context() as patch:
        if direct:
            patch.setattr(trend, "_counted_from_rollups", lambda **kwargs: None)
        rows = trend.weekly_trend(user=admin, unit=unit, course=course, as_of=as_of, weeks=26)
    return [(row.week, row.enrolled, row.completed) for row in rows]


def python_events(unit, course, day):
    """The enrolments and completions of the 26 weeks up to `day` (their local days, a
    completion never before its enrolment's) of the learners whose primary membership on the
    event's own day lay in the unit's subtree, counted in Python."""
    first = day - datetime.timedelta(days=day.weekday(), weeks=25)
    memberships = {}
    for membership in Membership.objects.select_related("unit"):
        memberships.setdefault(membership.user_id, []).append(membership)

    def counts_in_subtree(user_id, on):
        valid = [
            membership
            for membership in memberships.get(user_id, [])
            if membership.valid_from <= on and (not membership.valid_to or membership.valid_to > on)
        ]
        return bool(valid) and max(valid, key=lambda m: (m.valid_from, m.pk)).unit.path.startswith(
            unit.path
        )

    figures = [0, 0]
    enrolments = (
        Enrollment.objects.all() if course is None else Enrollment.objects.filter(course=course)
    )
    for enrolment in enrolments:
        enrolled_on = timezone.localdate(enrolment.enrolled_at)
        days = [enrolled_on]
        if enrolment.completed_at:
            days.append(max(enrolled_on, timezone.localdate(enrolment.completed_at)))
        for index, on in enumerate(days):
            figures[index] += first <= on <= day and counts_in_subtree(enrolment.user_id, on)
    return tuple(figures)


def assert_rollups_match_a_recount(admin, courses, monkeypatch, as_of=None):
    for unit in OrgUnit.objects.filter(path__startswith=OrgUnit.objects.get(code="P").path):
        for course in [None, *courses]:
            weeks = trend_figures(
                admin, unit, course, direct=False, monkeypatch=monkeypatch, as_of=as_of
            )
            assert weeks == trend_figures(
                admin, unit, course, direct=True, monkeypatch=monkeypatch, as_of=as_of
            ), (unit.name, course, as_of)
            totals = tuple(sum(week[index] for week in weeks) for index in (1, 2))
            assert totals == python_events(unit, course, as_of or timezone.localdate()), (
                unit.name,
                course,
                as_of,
            )
            from_rollups = report_figures(
                admin, unit, course, direct=False, monkeypatch=monkeypatch, as_of=as_of
            )
            assert from_rollups == report_figures(
                admin, unit, course, direct=True, monkeypatch=monkeypatch, as_of=as_of
            ), (unit.name, course, as_of)
            total = from_rollups[0][-1][1:]
            assert total == python_recount(unit, course, as_of or timezone.localdate()), (
                unit.name,
                course,
                as_of,
            )


def to_call_figures(admin, unit, course, *, direct: bool, monkeypatch):
    """Every row of who to call at the unit, as plain tuples; `direct` counts the enrolments
    (the path taken when the roll-ups do not cover the day) instead of reading the counters."""
    with monkeypatch.context() as patch:
        if direct:
            patch.setattr(to_call, "_counted_per_unit", lambda **kwargs: None)
        summary = to_call.to_call_by_unit(user=admin, unit=unit, course=course)
    return [(row.label, row.not_started, row.overdue) for row in [*summary.rows, summary.total]]


def python_to_call(members, course, day):
    """(not started, overdue) of these learners on `day`, counted in Python by the rule:
    assigned, not completed; overdue if the due date has passed, else not started."""
    enrolments = Enrollment.objects.filter(
        user_id__in=members,
        source__in=("assigned", "bulk"),
        completed_at__isnull=True,
    ).select_related("course")
    not_started = overdue = 0
    for enrolment in enrolments if course is None else enrolments.filter(course=course):
        if enrolment.due_on and enrolment.due_on < day:
            overdue += 1
        elif not Progress.objects.filter(
            user_id=enrolment.user_id, page__path__startswith=enrolment.course.path
        ).exists():
            not_started += 1
    return not_started, overdue


def assert_to_call_matches_a_recount(admin, courses, monkeypatch):
    today = timezone.localdate()
    for unit in OrgUnit.objects.filter(path__startswith=OrgUnit.objects.get(code="P").path):
        members = python_members(unit, today)
        for course in [None, *courses]:
            from_counters = to_call_figures(
                admin, unit, course, direct=False, monkeypatch=monkeypatch
            )
            assert from_counters == to_call_figures(
                admin, unit, course, direct=True, monkeypatch=monkeypatch
            ), (unit.name, course)
            assert from_counters[-1][1:] == python_to_call(members, course, today), (
                unit.name,
                course,
            )


def quiz_figures(admin, unit, *, direct: bool, monkeypatch):
    """Every row of the quiz results at the unit today, as plain tuples; `direct` counts the
    attempts of the unit's learners instead of reading the counters."""
    with monkeypatch.context() as patch:
        if direct:
            patch.setattr(quiz_results, "_counted", lambda **kwargs: None)
        rows = quiz_results.quiz_results(user=admin, unit=unit)
    return [(row.quiz.pk, row.attempts, row.passed, row.average) for row in rows]


def python_quiz_figures(members, quiz):
    """(attempts, passed, mean score) of these learners' finished attempts, counted in Python."""
    attempts = [
        attempt
        for attempt in Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED)
        if attempt.user_id in members
    ]
    scores = [float(attempt.score) for attempt in attempts]
    average = round(sum(scores) / len(scores), 1) if scores else None
    return len(attempts), sum(1 for attempt in attempts if attempt.passed), average


def assert_quiz_results_match_a_recount(admin, quiz, monkeypatch):
    today = timezone.localdate()
    for unit in OrgUnit.objects.filter(path__startswith=OrgUnit.objects.get(code="P").path):
        from_counters = quiz_figures(admin, unit, direct=False, monkeypatch=monkeypatch)
        assert from_counters == quiz_figures(admin, unit, direct=True, monkeypatch=monkeypatch)
        row = next(row for row in from_counters if row[0] == quiz.pk)
        assert row[1:] == python_quiz_figures(python_members(unit, today), quiz), unit.name


def quiz_detail_figures(admin, unit, quiz, *, direct: bool, monkeypatch):
    """One quiz's statistics at the unit today as plain values; `direct` counts the attempts
    and answers of the unit's learners instead of reading the band and item counters."""
    with monkeypatch.context() as patch:
        if direct:
            patch.setattr(quiz_results, "_counted_detail", lambda **kwargs: None)
        detail = quiz_results.quiz_detail(user=admin, unit=unit, quiz=quiz)
    return {
        "attempts": detail["attempt_count"],
        "distribution": [band["count"] for band in detail["distribution"]],
        "average": pytest.approx(detail["average"]),
        "pass_rate": pytest.approx(detail["pass_rate"]),
        "questions": [
            (
                row.question.pk,
                row.attempts,
                pytest.approx(row.facility),
                pytest.approx(row.discrimination),
                row.flags,
            )
            for row in detail["questions"]
        ],
    }


def assert_quiz_detail_matches_a_recount(admin, quiz, monkeypatch):
    for unit in OrgUnit.objects.filter(path__startswith=OrgUnit.objects.get(code="P").path):
        from_counters = quiz_detail_figures(
            admin, unit, quiz, direct=False, monkeypatch=monkeypatch
        )
        direct = quiz_detail_figures(admin, unit, quiz, direct=True, monkeypatch=monkeypatch)
        assert from_counters == direct, unit.name


def plain_detail(detail):
    """A mirror's detail with its text figures as numbers (Decimals compare by value)."""
    return {
        part: {key: [Decimal(value) for value in row] for key, row in rows.items()}
        for part, rows in detail.items()
    }


def counters():
    return {
        "courses": sorted(
            UnitCourseStat.objects.exclude(enrolled=0).values_list(
                "unit_id", "course_id", "enrolled", "started", "completed", "certified"
            )
        ),
        "learners": sorted(
            UnitLearnerStat.objects.exclude(learners=0).values_list("unit_id", "learners")
        ),
        "states": sorted(
            LearnerCourseState.objects.values_list(
                "user_id",
                "course_id",
                "started",
                "completed",
                "certified",
                "enrolled_on",
                "started_on",
                "completed_on",
                "certified_on",
                "to_call",
            )
        ),
        "to_call": sorted(
            UnitCourseToCall.objects.exclude(not_started=0, overdue=0).values_list(
                "unit_id", "course_id", "not_started", "overdue"
            )
        ),
        "course_days": sorted(
            UnitCourseDay.objects.exclude(
                enrolled=0, started=0, completed=0, certified=0
            ).values_list(
                "unit_id", "course_id", "day", "enrolled", "started", "completed", "certified"
            )
        ),
        "course_months": sorted(
            UnitCourseMonth.objects.exclude(
                enrolled=0, started=0, completed=0, certified=0
            ).values_list(
                "unit_id", "course_id", "month", "enrolled", "started", "completed", "certified"
            )
        ),
        "course_events": sorted(
            UnitCourseEventDay.objects.exclude(enrolments=0, completions=0).values_list(
                "unit_id", "course_id", "day", "enrolments", "completions"
            )
        ),
        "learner_days": sorted(
            UnitLearnerDay.objects.exclude(learners=0).values_list("unit_id", "day", "learners")
        ),
        "spans": sorted(
            LearnerSpan.objects.values_list("user_id", "unit_id", "valid_from", "valid_to")
        ),
        "quizzes": sorted(
            UnitQuizStat.objects.exclude(attempts=0).values_list(
                "unit_id", "quiz_id", "attempts", "passed", "score_sum"
            )
        ),
        "quiz_states": sorted(
            LearnerQuizState.objects.values_list(
                "user_id", "quiz_id", "attempts", "passed", "score_sum"
            )
        ),
        "quiz_details": {
            (user_id, quiz_id): plain_detail(detail)
            for user_id, quiz_id, detail in LearnerQuizState.objects.values_list(
                "user_id", "quiz_id", "detail"
            )
        },
        "quiz_bands": sorted(
            UnitQuizBand.objects.exclude(attempts=0).values_list(
                "unit_id", "quiz_id", "band", "attempts", "passed", "score_sum"
            )
        ),
        "quiz_items": sorted(
            UnitQuizItem.objects.exclude(answered=0).values_list(
                "unit_id", "quiz_id", "question_id", *ITEM_FIELDS
            )
        ),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_equal_a_direct_recount_after_random_events(
    tree, courses, admin, seed, monkeypatch, django_capture_on_commit_callbacks, home_page
):
    """Events happen on a clock that starts 210 days ago and moves one or two days per event
    (100 events: never past today); each event's rows are dated by the clock before its refresh runs. Then the current and the
    dated roll-ups must equal a direct recount, today and on many past days, and a rebuild."""
    rng = random.Random(seed)
    rollups_rebuild()
    teams = [tree["team_1"], tree["team_2"], tree["team_b"]]
    with django_capture_on_commit_callbacks(execute=True):
        learners = [member_create(rng.choice(teams)) for _ in range(8)]
    manager = UserFactory()
    manager.unit_roles.create(unit=tree["province"], role="manager")
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=210)
    clock = [first_day]

    def backdate(since):
        """Date what the event wrote (stamped now, or valid from/to today) by the clock."""
        day = clock[0]
        stamp = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        Enrollment.objects.filter(enrolled_at__gte=since).update(enrolled_at=stamp)
        Enrollment.objects.filter(completed_at__gte=since).update(completed_at=stamp)
        Progress.objects.filter(created_at__gte=since).update(created_at=stamp)
        Certificate.objects.filter(issued_at__gte=since).update(issued_at=stamp)
        Membership.objects.filter(valid_to=today).update(valid_to=day)
        Membership.objects.filter(valid_from=today).update(valid_from=day)

    def due_date():
        return rng.choice([None, today + datetime.timedelta(days=rng.randint(-20, 20))])

    def enrol():
        enrollment_create(
            user=rng.choice(learners),
            course=rng.choice(courses),
            source=rng.choice(["self", "assigned", "bulk"]),
            due_on=due_date(),
        )

    def an_enrolment():
        return rng.choice(list(Enrollment.objects.order_by("pk")) or [None])

    def change_due_date():
        if enrolment := an_enrolment():
            enrolment.due_on = due_date()
            enrolment.save()

    def change_source():
        if enrolment := an_enrolment():
            enrolment.source = rng.choice(["self", "assigned", "bulk"])
            enrolment.save()

    def unenrol():
        if enrolment := an_enrolment():
            enrolment.delete()

    def assign():
        course_assign(
            manager=manager,
            course=rng.choice(courses),
            due_on=today + datetime.timedelta(days=7),
            unit=rng.choice(list(OrgUnit.objects.active().filter(kind="team"))),
        )

    def study(*, everything: bool):
        learner, course = rng.choice(learners), rng.choice(courses)
        if not learner.enrollments.filter(course=course).exists():
            return
        for lesson in lessons_of(course)[: None if everything else 1]:
            lesson_complete(user=learner, lesson=lesson)

    def revoke():
        certificate = Certificate.objects.valid().order_by("?").first()
        if certificate:
            certificate_revoke(certificate=certificate, reason="Cấp nhầm", by=admin)

    def move():
        learner = rng.choice(learners)
        current = Membership.objects.current().filter(user=learner).first()
        target = rng.choice(
            [unit for unit in OrgUnit.objects.active() if unit.code in ("A1", "A2", "B1", "C1")]
        )
        if current is None or current.unit_id == target.pk:
            return
        if current.valid_from >= today:
            current.unit = target
            current.save()
        else:
            current.valid_to = today
            current.save()
            Membership.objects.create(user=learner, unit=target, valid_from=today)

    def leave():
        """The learner's current membership ends: they count nowhere from then on."""
        current = Membership.objects.current().filter(user=rng.choice(learners)).first()
        if current is None:
            return
        if current.valid_from >= today:
            current.delete()
        else:
            current.valid_to = today
            current.save()

    def forget():
        """A learner is deleted (their enrolments and memberships with them)."""
        if len(learners) > 4:
            learner = rng.choice(learners)
            learners.remove(learner)
            learner.delete()

    def join():
        """A second membership without ending the first: the learner counts once, in the
        unit of the membership that began last."""
        learner = rng.choice(learners)
        target = rng.choice(list(OrgUnit.objects.active().filter(kind="team")))
        Membership.objects.get_or_create(user=learner, unit=target, valid_from=today)

    def merge():
        active = [unit for unit in teams if not OrgUnit.objects.get(pk=unit.pk).merged_into_id]
        if len(active) < 2:
            return
        source, target = rng.sample(active, 2)
        unit_merge(source=OrgUnit.objects.get(pk=source.pk), target=target)

    def new_team():
        if not OrgUnit.objects.filter(code="C1").exists():
            unit_create(name="Tổ A3", code="C1", kind="team", parent=tree["commune"])

    index = course_index_create(home=home_page, slug="khoa-hoc-kiem-tra")
    quiz_course = course_create(
        index=index, title="Khóa có bài kiểm tra", slug="khoa-kt", lessons=0
    )
    questions = [question_create(), question_create(), question_create()]
    quiz = quiz_create(course=quiz_course, questions=questions, pass_mark=60)

    def take_quiz():
        """A learner enrols if need be and finishes an attempt, right on some questions."""
        learner = rng.choice(learners)
        if not learner.enrollments.filter(course=quiz_course).exists():
            enrollment_create(user=learner, course=quiz_course, source="self")
        try:
            attempt = attempt_start(user=learner, quiz=quiz)
            for question in rng.sample(questions, rng.randint(0, len(questions))):
                attempt.sequence = answer_save(
                    attempt=attempt,
                    question_id=question.pk,
                    raw=full_marks_answer(question),
                    sequence=attempt.sequence,
                )
            attempt_finish(attempt=attempt)
        except QuizError:
            pass  # the course closed to them (an unenrolment): nothing to count

    def delete_attempt():
        if attempt := Attempt.objects.order_by("?").first():
            attempt.delete()

    events = [enrol, enrol, enrol, assign]
    events += [lambda: study(everything=False), lambda: study(everything=True)] * 2
    events += [revoke, move, move, join, merge, new_team]
    events += [change_due_date, change_due_date, change_source, unenrol, leave, forget]
    events += [take_quiz, take_quiz, take_quiz, delete_attempt]
    to_call_seen = set()
    for number in range(100):
        clock[0] += datetime.timedelta(days=rng.randint(1, 2))
        with django_capture_on_commit_callbacks(execute=True):
            since = timezone.now()
            rng.choice(events)()
            backdate(since)
        to_call_seen |= set(LearnerCourseState.objects.values_list("to_call", flat=True))
        if number % 25 == 24:  # who to call is as of today, whatever the clock: check it on
            assert_to_call_matches_a_recount(admin, courses, monkeypatch)
            assert_quiz_results_match_a_recount(admin, quiz, monkeypatch)
            assert_quiz_detail_matches_a_recount(admin, quiz, monkeypatch)

    # The sequence did reach every kind of figure, on many days.
    states = LearnerCourseState.objects
    assert states.filter(started=True).exists() and Certificate.objects.exists()
    assert states.values("enrolled_on").distinct().count() > 3
    assert to_call_seen == {0, 1, 2}  # not to call, not started, overdue
    finished = Attempt.objects.filter(state=AttemptState.FINISHED)
    assert finished.filter(passed=True).exists() and finished.filter(passed=False).exists()
    assert LearnerQuizState.objects.exists()
    assert UnitQuizItem.objects.filter(answered__gt=1, sum_x__gt=0).exists()
    # A counter row that came back to no answers holds no sums either.
    emptied = UnitQuizItem.objects.filter(answered=0)
    assert not emptied.exclude(sum_x=0, sum_y=0, sum_xx=0, sum_yy=0, sum_xy=0).exists()
    assert_quiz_detail_matches_a_recount(admin, quiz, monkeypatch)
    assert_rollups_match_a_recount(admin, courses, monkeypatch)
    for days_ago in (211, 180, 150, 120, 100, 80, 60, 40, 20, 1):
        past = today - datetime.timedelta(days=days_ago)
        assert_rollups_match_a_recount(admin, courses, monkeypatch, as_of=past)
    incremental = counters()
    rollups_rebuild()
    assert counters() == incremental


def test_a_refresh_is_idempotent(tree, course, admin, django_capture_on_commit_callbacks):
    rollups_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        learner = member_create(tree["team_1"])
        enrollment_create(user=learner, course=course, source="assigned")
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
    before = counters()
    assert learners_refresh(user_ids=[learner.pk, learner.pk]) == 0
    assert counters() == before
    stat = UnitCourseStat.objects.get(unit=tree["team_1"], course=course)
    assert (stat.enrolled, stat.started, stat.completed) == (1, 1, 0)


def test_completion_and_revocation_move_the_counters(
    tree, course, admin, django_capture_on_commit_callbacks
):
    rollups_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        learner = member_create(tree["team_1"])
        enrollment_create(user=learner, course=course, source="assigned")
        for lesson in lessons_of(course):
            lesson_complete(user=learner, lesson=lesson)
    stat = UnitCourseStat.objects.get(unit=tree["team_1"], course=course)
    assert (stat.enrolled, stat.started, stat.completed, stat.certified) == (1, 1, 1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=learner.certificates.get(), reason="Sai tên", by=admin)
    stat.refresh_from_db()
    assert (stat.completed, stat.certified) == (1, 0)


def test_a_deleted_learner_leaves_the_counters(tree, course, django_capture_on_commit_callbacks):
    rollups_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        learner = member_create(tree["team_1"])
        enrollment_create(user=learner, course=course, source="assigned")
    with django_capture_on_commit_callbacks(execute=True):
        learner.delete()
    assert UnitCourseStat.objects.get(unit=tree["team_1"], course=course).enrolled == 0
    assert UnitLearnerStat.objects.get(unit=tree["team_1"]).learners == 0


def test_a_membership_that_began_since_the_rollups_date_counts_after_advancing(tree, course):
    learner = member_create(tree["team_1"])
    later = timezone.localdate() + datetime.timedelta(days=3)
    Membership.objects.filter(user=learner).update(valid_to=later)
    Membership.objects.create(user=learner, unit=tree["team_2"], valid_from=later)
    rollups_rebuild()
    assert UnitLearnerStat.objects.get(unit=tree["team_1"]).learners == 1
    assert rollups_advance(today=later) == 1
    assert UnitLearnerStat.objects.get(unit=tree["team_1"]).learners == 0
    assert UnitLearnerStat.objects.get(unit=tree["team_2"]).learners == 1
    assert RollupState.objects.get().valid_on == later


def test_before_the_first_rebuild_reports_recount_and_refreshes_do_nothing(
    tree, course, admin, django_capture_on_commit_callbacks
):
    learner = member_create(tree["team_1"])
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_create(user=learner, course=course, source="assigned")
    assert not UnitCourseStat.objects.exists()
    report = selectors.completion_by_unit(user=admin, unit=tree["commune"], course=course)
    assert report.total.enrolled == 1


def test_started_as_of_a_past_date_uses_when_progress_began(tree, course, admin):
    learner = member_create(tree["team_1"])
    enrollment = enrollment_create(user=learner, course=course, source="assigned")
    enrollment.enrolled_at = timezone.make_aware(datetime.datetime(2026, 2, 1))
    enrollment.save()
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    learner.progress.update(created_at=timezone.make_aware(datetime.datetime(2026, 4, 1)))

    def started(day):
        return selectors.completion_by_unit(
            user=admin, unit=tree["commune"], course=course, as_of=day
        ).total.started

    assert (started(datetime.date(2026, 3, 1)), started(datetime.date(2026, 5, 1))) == (0, 1)


def test_the_rebuild_command_reports_what_it_built(tree, course, capsys):
    member_create(tree["team_1"])
    call_command("rebuild_report_rollups")
    assert "Report roll-ups rebuilt: unit_course_stats=0, unit_learner_stats=" in (
        capsys.readouterr().out
    )
    assert RollupState.objects.get().valid_on == timezone.localdate()


def test_primary_spans_give_each_day_to_the_membership_that_began_last():
    day = datetime.date
    spans = primary_spans(
        [
            (1, 10, day(2026, 1, 1), None),  # team 10 all along
            (2, 20, day(2026, 3, 1), day(2026, 5, 1)),  # a second team for two months
            (3, 30, day(2026, 3, 1), day(2026, 4, 1)),  # same start, later created: wins
        ]
    )
    assert spans == [
        (10, day(2026, 1, 1), day(2026, 3, 1)),
        (30, day(2026, 3, 1), day(2026, 4, 1)),
        (20, day(2026, 4, 1), day(2026, 5, 1)),
        (10, day(2026, 5, 1), None),
    ]
    assert primary_spans([]) == []
    # A gap: no span while no membership is valid.
    assert primary_spans(
        [(1, 10, day(2026, 1, 1), day(2026, 2, 1)), (2, 10, day(2026, 3, 1), None)]
    ) == [(10, day(2026, 1, 1), day(2026, 2, 1)), (10, day(2026, 3, 1), None)]


@pytest.mark.parametrize("built", [True, False])
def test_a_learner_with_two_memberships_in_one_subtree_counts_once(
    tree, course, admin, built, django_capture_on_commit_callbacks
):
    """Members of team A1 since 2025 and of team A2 since 1 March: from then on they count in
    A2 only (the membership that began last), so the commune counts them once."""
    if built:
        rollups_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        learner = member_create(tree["team_1"], since=datetime.date(2025, 1, 1))
        Membership.objects.create(
            user=learner, unit=tree["team_2"], valid_from=datetime.date(2026, 3, 1)
        )
        enrolment = enrollment_create(user=learner, course=course, source="assigned")
        Enrollment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=timezone.make_aware(datetime.datetime(2026, 1, 15, 9))
        )
        learners_refresh(user_ids=[learner.pk])

    def figures(day=None):
        report = selectors.completion_by_unit(
            user=admin, unit=tree["commune"], course=course, as_of=day
        )
        rows = {row.label: (row.learners, row.enrolled) for row in report.rows}
        return rows, (report.total.learners, report.total.enrolled)

    assert figures() == ({"Tổ A1": (0, 0), "Tổ A2": (1, 1)}, (1, 1))
    assert figures(datetime.date(2026, 2, 1)) == ({"Tổ A1": (1, 1), "Tổ A2": (0, 0)}, (1, 1))
    assert figures(datetime.date(2026, 3, 1)) == ({"Tổ A1": (0, 0), "Tổ A2": (1, 1)}, (1, 1))
    assert len(selectors.learners_in_unit(user=admin, unit=tree["commune"])) == 1
    assert [e.team_name for e in to_call.learners_to_call(user=admin, unit=tree["commune"])] == [
        "Tổ A2"
    ]
    if built:
        assert not UnitLearnerStat.objects.filter(unit=tree["team_1"], learners__gt=0).exists()
        assert UnitLearnerStat.objects.get(unit=tree["team_2"]).learners == 1


def test_a_learners_past_stays_with_the_unit_they_belonged_to_then(
    tree, course, admin, django_capture_on_commit_callbacks
):
    """Enrolled in commune A in February, moved to commune B on 1 April, completed in May."""
    rollups_rebuild()
    day = datetime.date
    with django_capture_on_commit_callbacks(execute=True):
        learner = member_create(tree["team_1"], since=day(2026, 1, 1), until=day(2026, 4, 1))
        Membership.objects.create(user=learner, unit=tree["team_b"], valid_from=day(2026, 4, 1))
        enrolment = enrollment_create(user=learner, course=course, source="assigned")
        Enrollment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=timezone.make_aware(datetime.datetime(2026, 2, 1, 9)),
            completed_at=timezone.make_aware(datetime.datetime(2026, 5, 1, 9)),
        )
        learners_refresh(user_ids=[learner.pk])

    def communes(as_of):
        report = selectors.completion_by_unit(
            user=admin, unit=tree["province"], course=course, as_of=as_of
        )
        return {row.label: (row.learners, row.enrolled, row.completed) for row in report.rows}

    assert communes(day(2026, 1, 31)) == {"Xã A": (1, 0, 0), "Xã B": (0, 0, 0)}
    assert communes(day(2026, 3, 31)) == {"Xã A": (1, 1, 0), "Xã B": (0, 0, 0)}
    assert communes(day(2026, 4, 1)) == {"Xã A": (0, 0, 0), "Xã B": (1, 1, 0)}
    assert communes(day(2026, 5, 1)) == {"Xã A": (0, 0, 0), "Xã B": (1, 1, 1)}
    incremental = counters()
    rollups_rebuild()
    assert counters() == incremental


def test_as_of_a_past_day_reads_the_dated_rollups_not_the_progress_rows(
    tree, course, admin, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(4):
        learner = member_create(tree["team_1"])
        enrollment_create(user=learner, course=course, source="assigned")
        if number % 2:
            lesson_complete(user=learner, lesson=lessons_of(course)[0])
    rollups_rebuild()
    past = timezone.localdate() - datetime.timedelta(days=1)
    with CaptureQueriesContext(connection) as queries:
        selectors.completion_by_unit(user=admin, unit=tree["commune"], course=course, as_of=past)
        list(selectors.learners_in_unit(user=admin, unit=tree["team_1"], course=course, as_of=past))
        overview.course_overview(user=admin, unit=tree["commune"], as_of=past)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "courses_progress" not in sql and "courses_enrollment" not in sql
    assert "reports_unitcourseday" in sql


def test_a_due_date_passing_overnight_makes_an_enrolment_overdue_with_no_event(tree, course, admin):
    """Built yesterday: one not started and one started, both due yesterday, one not started
    due today. Today, with no event in between, the first two are overdue (the started one
    now to call too), and the counters equal a rebuild for today."""
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    late = member_create(tree["team_1"])
    enrollment_create(user=late, course=course, source="assigned", due_on=yesterday)
    started = member_create(tree["team_2"])
    enrollment_create(user=started, course=course, source="bulk", due_on=yesterday)
    lesson_complete(user=started, lesson=lessons_of(course)[0])
    in_time = member_create(tree["team_2"])
    enrollment_create(user=in_time, course=course, source="bulk", due_on=today)
    rollups_rebuild(on=yesterday)

    def rows():
        summary = to_call.to_call_by_unit(user=admin, unit=tree["commune"], course=course)
        return {row.label: (row.not_started, row.overdue) for row in summary.rows}

    assert sorted(UnitCourseToCall.objects.values_list("unit_id", "not_started", "overdue")) == [
        (tree["team_1"].pk, 1, 0),
        (tree["team_2"].pk, 1, 0),
    ]
    assert rows() == {"Tổ A1": (0, 1), "Tổ A2": (1, 1)}
    assert RollupState.objects.get().valid_on == today
    advanced = counters()
    rollups_rebuild()
    assert counters() == advanced


def test_the_migration_counts_who_to_call_from_the_mirror(tree, course):
    """Upgrading needs no rebuild: the migration fills what each mirror row adds and the
    counters from the roll-ups already built, as a rebuild would."""
    today = timezone.localdate()
    for number, (source, due, started) in enumerate(
        [
            ("assigned", None, False),
            ("bulk", today - datetime.timedelta(days=2), True),
            ("bulk", today - datetime.timedelta(days=2), False),
            ("bulk", today, True),
            ("self", today - datetime.timedelta(days=2), False),
        ]
    ):
        learner = member_create(tree[("team_1", "team_2")[number % 2]])
        enrollment_create(user=learner, course=course, source=source, due_on=due)
        if started:
            lesson_complete(user=learner, lesson=lessons_of(course)[0])
    rollups_rebuild()
    built = counters()
    assert built["to_call"]
    LearnerCourseState.objects.update(to_call=0)
    UnitCourseToCall.objects.all().delete()
    migration = importlib.import_module("reports.migrations.0006_to_call_counters")
    migration.count_to_call(apps, None)
    assert counters() == built


def test_the_migration_counts_quiz_results_from_the_attempts(tree, course):
    """Upgrading needs no rebuild: the migration fills the learners' quiz figures and the
    units' quiz counters from the attempts and the roll-ups already built, as a rebuild
    would (a learner who counts nowhere has a mirror row and adds to no counter)."""
    quiz = quiz_create(course=course, questions=[question_create()], pass_mark=50)
    learners = [member_create(tree["team_1"]), member_create(tree["team_2"]), UserFactory()]
    for number, (learner, score) in enumerate(
        [(learners[0], 100), (learners[0], 40), (learners[1], 66.67), (learners[2], 80)]
    ):
        Attempt.objects.create(
            user=learner,
            quiz=quiz,
            number=number + 1,
            max_number=0,
            state=AttemptState.FINISHED,
            score=score,
            passed=score >= 50,
        )
    Attempt.objects.create(user=learners[1], quiz=quiz, number=9, max_number=0)  # in progress
    rollups_rebuild()
    built = counters()
    assert [row[2:] for row in built["quizzes"]] == [(2, 1, 140), (1, 1, Decimal("66.67"))]
    assert len(built["quiz_states"]) == 3
    LearnerQuizState.objects.all().delete()
    UnitQuizStat.objects.all().delete()
    UnitQuizBand.objects.all().delete()
    migration = importlib.import_module("reports.migrations.0007_quiz_counters")
    migration.count_quiz_results(apps, None)
    # An upgrade from before 0007 runs 0008 next, which adds the score bands.
    importlib.import_module(
        "reports.migrations.0008_quiz_statistics_counters"
    ).count_quiz_statistics(apps, None)
    assert counters() == built


def test_the_migration_counts_quiz_statistics_from_the_attempts_and_answers(tree, course):
    """Upgrading needs no rebuild for one quiz's statistics either: the migration fills each
    learner's detail and the units' band and item counters as a rebuild would."""
    questions = [question_create(), question_create()]
    quiz = quiz_create(course=course, questions=questions, pass_mark=50)
    learners = [member_create(tree["team_1"]), member_create(tree["team_2"]), UserFactory()]
    for number, (learner, points) in enumerate(
        [(learners[0], (1, 1)), (learners[0], (0, 1)), (learners[1], (1, 0)), (learners[2], (1, 1))]
    ):
        attempt = Attempt.objects.create(
            user=learner,
            quiz=quiz,
            number=number + 1,
            max_number=0,
            state=AttemptState.FINISHED,
            score=50 * sum(points),
            passed=sum(points) >= 1,
            points=sum(points),
            max_points=2,
        )
        for question, value in zip(questions, points, strict=True):
            Response.objects.create(attempt=attempt, question=question, answer={}, points=value)
    rollups_rebuild()
    built = counters()
    assert [row[2:4] for row in built["quiz_bands"]] == [(5, 1), (9, 1), (5, 1)]
    first = built["quiz_items"][0]
    assert first[:2] == (tree["team_1"].pk, quiz.pk) and first[3:6] == (2, 1, 2)
    LearnerQuizState.objects.update(detail={})
    UnitQuizBand.objects.all().delete()
    UnitQuizItem.objects.all().delete()
    migration = importlib.import_module("reports.migrations.0008_quiz_statistics_counters")
    migration.count_quiz_statistics(apps, None)
    assert counters() == built


def test_the_nightly_advance_command_moves_the_counters_before_any_report(tree, course):
    """`advance_report_rollups` (cron, just after midnight) does what the first report read of
    the day would otherwise do inside a manager's request."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = member_create(tree["team_1"])
    enrollment_create(user=late, course=course, source="assigned", due_on=yesterday)
    rollups_rebuild(on=yesterday)
    assert list(UnitCourseToCall.objects.values_list("not_started", "overdue")) == [(1, 0)]

    call_command("advance_report_rollups")

    assert list(UnitCourseToCall.objects.values_list("not_started", "overdue")) == [(0, 1)]
    assert RollupState.objects.get().valid_on == timezone.localdate()
