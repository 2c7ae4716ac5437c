"""seed_province builds a consistent province data set and refuses to run twice."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage, Progress
from people.models import Membership, OrgUnit, User
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
    assert enrolments.count() <= progress.count() <= enrolments.count() * 3
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
    assert "Dữ liệu cấp tỉnh đã sẵn sàng." in capsys.readouterr().out


def test_a_second_run_refuses_clearly():
    call_command("seed_province", learners=5, courses=1, items=1, verbosity=0)
    with pytest.raises(CommandError, match="already has a province data set"):
        call_command("seed_province", learners=5, courses=1, items=1)
    assert User.objects.filter(username__startswith="sp-").count() == 5


def test_impossible_sizes_are_refused():
    with pytest.raises(CommandError):
        call_command("seed_province", learners=0)
