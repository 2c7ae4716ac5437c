"""Rules of enrolment, progress, completion and assignment."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.models import Enrollment, EnrollmentSource, EnrolmentMode, Progress, ProgressStatus
from courses.services import (
    course_assign,
    enrollment_create,
    item_result_record,
    lesson_complete,
)
from courses.signals import course_completed
from people.models import Membership, UnitRole
from tests.factories import UserFactory, course_create, lesson_create, unit_create

pytestmark = pytest.mark.django_db


def lessons_of(course):
    return [page.specific for page in course.get_children().order_by("path")]


def test_enrolling_twice_keeps_one_row(learner, course):
    first = enrollment_create(user=learner, course=course)
    second = enrollment_create(user=learner, course=course)
    assert first.pk == second.pk
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_assigned_only_course_cannot_be_self_enrolled(learner, catalogue):
    course = course_create(index=catalogue, enrolment_mode=EnrolmentMode.ASSIGNED, slug="giao")
    with pytest.raises(ValidationError, match="người được giao"):
        enrollment_create(user=learner, course=course)
    assert not Enrollment.objects.exists()


def test_prerequisite_must_be_finished_before_self_enrolment(learner, catalogue, course):
    advanced = course_create(index=catalogue, title="Nâng cao", slug="nang-cao")
    advanced.prerequisites.add(course)
    advanced.save_revision().publish()
    with pytest.raises(ValidationError, match="Sử dụng chữ ký số"):
        enrollment_create(user=learner, course=advanced)
    Enrollment.objects.create(user=learner, course=course, completed_at=timezone.now())
    assert enrollment_create(user=learner, course=advanced).course_id == advanced.pk


def test_completing_a_lesson_without_enrolment_is_refused_and_writes_nothing(learner, course):
    with pytest.raises(ValidationError, match="chưa đăng ký"):
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert not Progress.objects.exists()


def test_completing_a_lesson_of_an_unpublished_course_is_refused(learner, course):
    enrollment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    course.unpublish()
    with pytest.raises(ValidationError, match="tạm đóng"):
        lesson_complete(user=learner, lesson=lesson)
    assert not Progress.objects.exists()


def test_completing_a_lesson_of_a_locked_course_is_refused(learner, catalogue, course):
    advanced = course_create(index=catalogue, title="Nâng cao", slug="nang-cao", lessons=1)
    advanced.prerequisites.add(course)
    advanced.save_revision().publish()
    enrollment_create(user=learner, course=advanced, source=EnrollmentSource.ASSIGNED)
    with pytest.raises(ValidationError, match="học xong khóa"):
        lesson_complete(user=learner, lesson=lessons_of(advanced)[0])
    assert not Progress.objects.exists()


def test_completing_twice_keeps_one_progress_row_and_the_first_time(learner, course):
    enrollment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    lesson_complete(user=learner, lesson=lesson)
    first = Progress.objects.get(user=learner, page=lesson).completed_at
    lesson_complete(user=learner, lesson=lesson)
    row = Progress.objects.get(user=learner, page=lesson)
    assert row.status == ProgressStatus.COMPLETED
    assert row.completed_at == first


def test_course_completes_once_with_one_signal(learner, course, django_capture_on_commit_callbacks):
    enrollment_create(user=learner, course=course)
    received = []

    def receiver(**kwargs):
        received.append(kwargs["enrollment"].pk)

    course_completed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            results = [lesson_complete(user=learner, lesson=page) for page in lessons_of(course)]
            again = lesson_complete(user=learner, lesson=lessons_of(course)[-1])
    finally:
        course_completed.disconnect(receiver)
    assert results == [False, False, True]
    assert again is False
    assert len(received) == 1
    assert Enrollment.objects.get(user=learner, course=course).completed_at is not None


def test_optional_lessons_do_not_block_completion(learner, course):
    lesson_create(course=course, title="Đọc thêm", slug="doc-them", required=False)
    enrollment_create(user=learner, course=course)
    required = [page for page in lessons_of(course) if page.required]
    assert [lesson_complete(user=learner, lesson=page) for page in required][-1] is True


def test_a_failed_quiz_result_never_undoes_a_pass(learner, course):
    enrollment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    item_result_record(user=learner, item=lesson, passed=True, score=90)
    item_result_record(user=learner, item=lesson, passed=False, score=20)
    row = Progress.objects.get(user=learner, page=lesson)
    assert row.status == ProgressStatus.PASSED
    assert row.score == 90


def test_unpublishing_a_lesson_keeps_progress_and_republishing_brings_it_back(
    learner, course, client
):
    enrollment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    lesson_complete(user=learner, lesson=lesson)
    lesson.unpublish()
    assert Progress.objects.filter(user=learner, page=lesson).exists()
    lesson.save_revision().publish()
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Đã xong" in html


def test_marking_complete_costs_at_most_eight_queries_whatever_the_course_size(
    client, learner, catalogue, django_assert_max_num_queries
):
    client.force_login(learner)
    for size, slug in ((3, "nho"), (60, "lon")):
        course = course_create(index=catalogue, title=f"Khóa {size}", slug=slug, lessons=size)
        enrollment_create(user=learner, course=course)
        lessons = lessons_of(course)
        for lesson in lessons[:-1]:
            lesson_complete(user=learner, lesson=lesson)
        with django_assert_max_num_queries(8):
            response = client.post(f"/hoc/bai/{lessons[-1].pk}/hoan-thanh/")
        assert response.status_code == 302
        assert Enrollment.objects.get(user=learner, course=course).completed_at


# --- assignment --------------------------------------------------------------------------


@pytest.fixture
def commune_tree():
    province = unit_create(name="Tỉnh Đồng Nai", code="T", kind="province")
    commune = unit_create(name="Xã Long Phước", code="T-LP", parent=province)
    team = unit_create(name="Tổ ấp Bến Cam", code="T-LP-1", kind="team", parent=commune)
    other = unit_create(name="Xã Bình Lợi", code="T-BL", parent=province)
    units = {"province": province, "commune": commune, "team": team, "other": other}
    for unit in units.values():  # units are kept sorted by name: paths move as siblings arrive
        unit.refresh_from_db()
    return units


def member(unit, **kwargs):
    user = UserFactory()
    Membership.objects.create(user=user, unit=unit, valid_from=datetime.date(2025, 7, 1), **kwargs)
    return user


def test_assigning_to_a_unit_enrols_every_current_member_of_it_and_below(course, commune_tree):
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=commune_tree["commune"], role="manager")
    in_commune = member(commune_tree["commune"])
    in_team = member(commune_tree["team"])
    left = member(commune_tree["team"], valid_to=datetime.date(2025, 8, 1))
    elsewhere = member(commune_tree["other"])
    due = timezone.localdate() + datetime.timedelta(days=30)
    created = course_assign(
        manager=manager, course=course, unit=commune_tree["commune"], due_on=due
    )
    assert created == 2
    enrolled = set(Enrollment.objects.values_list("user_id", flat=True))
    assert enrolled == {in_commune.pk, in_team.pk}
    assert left.pk not in enrolled and elsewhere.pk not in enrolled
    assert set(Enrollment.objects.values_list("due_on", "source", "assigned_by_id")) == {
        (due, EnrollmentSource.BULK, manager.pk)
    }
    assert (
        course_assign(manager=manager, course=course, unit=commune_tree["commune"], due_on=due) == 0
    )


def test_a_manager_cannot_assign_outside_their_units(course, commune_tree):
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=commune_tree["commune"], role="manager")
    member(commune_tree["other"])
    due = timezone.localdate() + datetime.timedelta(days=7)
    with pytest.raises(ValidationError, match="đơn vị mình quản lý"):
        course_assign(manager=manager, course=course, unit=commune_tree["other"], due_on=due)
    stranger = member(commune_tree["other"])
    with pytest.raises(ValidationError, match="không thuộc đơn vị"):
        course_assign(manager=manager, course=course, learners=[stranger], due_on=due)
    assert not Enrollment.objects.exists()


def test_assigning_chosen_learners_with_a_due_date(course, commune_tree):
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=commune_tree["commune"], role="manager")
    chosen = member(commune_tree["team"])
    due = timezone.localdate() + datetime.timedelta(days=7)
    assert course_assign(manager=manager, course=course, learners=[chosen], due_on=due) == 1
    assert Enrollment.objects.get(user=chosen).source == EnrollmentSource.ASSIGNED


def test_a_due_date_in_the_past_is_refused(course, commune_tree):
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=commune_tree["commune"], role="manager")
    with pytest.raises(ValidationError, match="từ hôm nay"):
        course_assign(
            manager=manager,
            course=course,
            unit=commune_tree["commune"],
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
