"""The persisted roll-ups equal a direct recount, whatever happened, in whatever order."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_revoke
from courses.services import course_assign, enrollment_create, lesson_complete
from people.models import Membership, OrgUnit
from people.services import unit_create, unit_merge
from reports import selectors
from reports.models import LearnerCourseState, RollupState, UnitCourseStat, UnitLearnerStat
from reports.rollups import learners_refresh, rollups_advance, rollups_rebuild
from tests.factories import UserFactory, course_create, course_index_create
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


def report_figures(admin, unit, course, *, direct: bool, monkeypatch):
    """Every row of the completion report (and the learners of a leaf), as plain tuples."""
    with monkeypatch.context() as patch:
        if direct:
            patch.setattr(selectors, "_rollup_figures", lambda **kwargs: None)
        report = selectors.completion_by_unit(user=admin, unit=unit, course=course)
        rows = [
            (row.label, *(getattr(row, name) for name in FIGURES))
            for row in [*report.rows, report.total]
        ]
        learners = selectors.learners_in_unit(user=admin, unit=unit, course=course)
    return rows, learners


def assert_rollups_match_a_recount(admin, courses, monkeypatch):
    for unit in OrgUnit.objects.filter(path__startswith=OrgUnit.objects.get(code="P").path):
        for course in [None, *courses]:
            assert report_figures(
                admin, unit, course, direct=False, monkeypatch=monkeypatch
            ) == report_figures(admin, unit, course, direct=True, monkeypatch=monkeypatch), (
                unit.name,
                course,
            )


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
                "user_id", "course_id", "started", "completed", "certified"
            )
        ),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_equal_a_direct_recount_after_random_events(
    tree, courses, admin, seed, monkeypatch, django_capture_on_commit_callbacks
):
    rng = random.Random(seed)
    rollups_rebuild()
    teams = [tree["team_1"], tree["team_2"], tree["team_b"]]
    with django_capture_on_commit_callbacks(execute=True):
        learners = [member_create(rng.choice(teams)) for _ in range(8)]
    manager = UserFactory()
    manager.unit_roles.create(unit=tree["province"], role="manager")
    today = timezone.localdate()

    def enrol():
        enrollment_create(user=rng.choice(learners), course=rng.choice(courses), source="assigned")

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

    def merge():
        active = [unit for unit in teams if not OrgUnit.objects.get(pk=unit.pk).merged_into_id]
        if len(active) < 2:
            return
        source, target = rng.sample(active, 2)
        unit_merge(source=OrgUnit.objects.get(pk=source.pk), target=target)

    def new_team():
        if not OrgUnit.objects.filter(code="C1").exists():
            unit_create(name="Tổ A3", code="C1", kind="team", parent=tree["commune"])

    events = [enrol, enrol, enrol, assign]
    events += [lambda: study(everything=False), lambda: study(everything=True)] * 2
    events += [revoke, move, move, merge, new_team]
    for _ in range(60):
        with django_capture_on_commit_callbacks(execute=True):
            rng.choice(events)()

    # The sequence did reach every kind of figure.
    states = LearnerCourseState.objects
    assert states.filter(started=True).exists() and Certificate.objects.exists()
    assert_rollups_match_a_recount(admin, courses, monkeypatch)
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
