"""The learner's outline and state on a course: what the course and lesson pages read."""

import pytest

from courses.models import CoursePage, Progress, ProgressStatus
from courses.selectors import course_items, learner_state
from courses.services import enrollment_create, lesson_complete

pytestmark = pytest.mark.django_db


def test_an_enrolled_learners_statuses_and_enrolment_come_in_one_query(
    course, learner, django_assert_num_queries
):
    enrollment = enrollment_create(user=learner, course=course)
    lessons = [page.specific for page in course.get_children().order_by("path")]
    lesson_complete(user=learner, lesson=lessons[1])
    # The outline and the course's prerequisites (none) are kept from the first read on.
    course_items(CoursePage.objects.get(pk=course.pk), learner)
    fresh = CoursePage.objects.get(pk=course.pk)
    with django_assert_num_queries(1):
        items = course_items(fresh, learner)
        state = learner_state(fresh, learner)
    assert [item.done for item in items] == [False, True, False]
    assert state.enrollment.pk == enrollment.pk and not state.locked


def test_a_learner_not_enrolled_keeps_the_statuses_they_have(course, learner):
    lesson = course.get_children().order_by("path").first()
    Progress.objects.create(user=learner, page=lesson, status=ProgressStatus.COMPLETED)
    fresh = CoursePage.objects.get(pk=course.pk)
    items = course_items(fresh, learner)
    assert [item.done for item in items] == [True, False, False]
    assert learner_state(fresh, learner).enrollment is None


def test_a_course_without_items_still_knows_the_enrolment(catalogue, learner):
    from tests.factories import course_create

    empty = course_create(index=catalogue, title="Khóa trống", slug="khoa-trong", lessons=0)
    enrollment_create(user=learner, course=empty)
    fresh = CoursePage.objects.get(pk=empty.pk)
    assert course_items(fresh, learner) == []
    assert learner_state(fresh, learner).enrollment is not None
