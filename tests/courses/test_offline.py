"""Offline learning on the courses side: a progress mark sent twice with one idempotency key
has one effect and one answer; the list of pages to download is for whom may read them."""

import uuid

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import Enrollment, EnrolmentMode, Progress
from courses.services import enrollment_create, lesson_complete
from lms.models import IdempotentRequest
from tests.factories import UserFactory, course_create, quiz_create

pytestmark = pytest.mark.django_db


def lessons_of(course):
    return [page.specific for page in course.get_children().order_by("path")]


def mark(client, lesson, key=None):
    headers = {"Accept": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = str(key)
    return client.post(reverse("courses:lesson_complete", args=[lesson.pk]), headers=headers)


@pytest.fixture
def one_lesson_course(catalogue, learner):
    course = course_create(index=catalogue, title="Một bài", slug="mot-bai", lessons=1)
    enrollment_create(user=learner, course=course)
    return course


def test_a_mark_sent_twice_with_one_key_completes_once_and_answers_the_same(
    client, learner, one_lesson_course
):
    client.force_login(learner)
    (lesson,) = lessons_of(one_lesson_course)
    key = uuid.uuid4()
    first = mark(client, lesson, key)
    assert first.status_code == 200
    assert first.json() == {
        "ok": True,
        "completed_course": True,
        "message": "Chúc mừng! Bạn đã hoàn thành cả khóa học.",
    }
    completed_at = Enrollment.objects.get(user=learner).completed_at
    again = mark(client, lesson, key)
    assert again.status_code == 200
    assert again.json() == first.json()  # the original answer, not "lesson done" again
    assert again["Idempotent-Replayed"] == "true"
    assert Progress.objects.filter(user=learner, page=lesson).count() == 1
    assert Enrollment.objects.get(user=learner).completed_at == completed_at
    assert IdempotentRequest.objects.filter(user=learner).count() == 1
    # A new key is a new action: it is told the truth of now.
    assert mark(client, lesson, uuid.uuid4()).json()["completed_course"] is False


def test_a_refusal_is_the_answer_for_that_key_too(client, learner, catalogue):
    course = course_create(index=catalogue, title="Chưa đăng ký", slug="chua-dk", lessons=1)
    (lesson,) = lessons_of(course)
    client.force_login(learner)
    key = uuid.uuid4()
    first = mark(client, lesson, key)
    assert first.status_code == 400
    assert "chưa đăng ký" in first.json()["error"]
    enrollment_create(user=learner, course=course)
    again = mark(client, lesson, key)
    assert (again.status_code, again.json()) == (400, first.json())
    assert not Progress.objects.filter(user=learner, page=lesson).exists()


def test_the_same_key_from_two_learners_is_two_actions(client, learner, one_lesson_course):
    other = UserFactory()
    enrollment_create(user=other, course=one_lesson_course)
    (lesson,) = lessons_of(one_lesson_course)
    key = uuid.uuid4()
    for user in (learner, other):
        client.force_login(user)
        assert mark(client, lesson, key).json()["completed_course"] is True
    assert Progress.objects.filter(page=lesson).count() == 2


def test_a_key_reused_for_another_lesson_is_refused_and_changes_nothing(client, learner, course):
    enrollment_create(user=learner, course=course)
    first, second, _third = lessons_of(course)
    client.force_login(learner)
    key = uuid.uuid4()
    assert mark(client, first, key).status_code == 200
    response = mark(client, second, key)
    assert response.status_code == 422
    assert "đã dùng cho một việc khác" in response.json()["error"]
    assert not Progress.objects.filter(user=learner, page=second).exists()


def test_a_malformed_key_is_400_with_a_reason(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    response = mark(client, lessons_of(course)[0], "khong-phai-uuid")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]
    assert not Progress.objects.exists()


def test_without_javascript_the_mark_still_redirects_with_a_message(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    lesson = lessons_of(course)[0]
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]), follow=True)
    assert "Bạn đã hoàn thành bài học." in response.content.decode()
    assert not IdempotentRequest.objects.exists()


def test_a_keyed_mark_costs_at_most_one_query_more(
    client, learner, catalogue, django_assert_max_num_queries
):
    # The 8 of the unkeyed mark, the INSERT of the key, and (in a test, which runs inside a
    # transaction) the SAVEPOINT and RELEASE that are BEGIN and COMMIT in production, where
    # the mark already pays for them.
    course = course_create(index=catalogue, title="Khóa 60", slug="lon", lessons=60)
    enrollment_create(user=learner, course=course)
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    with django_assert_max_num_queries(8 + 1 + 2):
        response = mark(client, lessons[-1], uuid.uuid4())
    assert response.json()["completed_course"] is True


# --- the pages to download --------------------------------------------------------------


def pages_url(course):
    return reverse("courses:offline_pages", args=[course.pk])


def test_an_enrolled_learner_gets_the_course_and_its_lessons_but_no_quiz(
    client, learner, catalogue
):
    course = course_create(
        index=catalogue, title="Giao", slug="giao", lessons=2, enrolment_mode=EnrolmentMode.ASSIGNED
    )
    quiz_create(course=course)
    enrollment_create(user=learner, course=course, source="assigned")
    client.force_login(learner)
    response = client.get(pages_url(course))
    assert response.status_code == 200
    assert response.json()["pages"] == [course.url, f"{course.url}bai-1/", f"{course.url}bai-2/"]


def test_an_open_course_may_be_downloaded_by_anyone(client, course):
    response = client.get(pages_url(course))
    assert response.status_code == 200
    assert len(response.json()["pages"]) == 4


def test_a_course_for_assigned_learners_is_403_for_others(client, learner, catalogue):
    course = course_create(
        index=catalogue, title="Giao", slug="giao", lessons=1, enrolment_mode=EnrolmentMode.ASSIGNED
    )
    assert client.get(pages_url(course)).status_code == 403
    client.force_login(learner)
    assert client.get(pages_url(course)).status_code == 403
    html = client.get(course.url).content.decode()
    assert "Tải về để học ngoại tuyến" not in html


def test_a_restricted_course_is_403_until_the_restriction_is_met(client, learner, course):
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(pages_url(course)).status_code == 403
    client.force_login(learner)
    assert client.get(pages_url(course)).status_code == 200


def test_an_unpublished_or_unknown_course_is_404(client, learner, course):
    client.force_login(learner)
    course.unpublish()
    assert client.get(pages_url(course)).status_code == 404
    assert client.get(reverse("courses:offline_pages", args=[999999])).status_code == 404


def test_the_course_page_offers_the_download_and_the_lesson_form_is_queued(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Tải về để học ngoại tuyến" in html
    assert pages_url(course) in html
    lesson_html = client.get(lessons_of(course)[0].url).content.decode()
    assert 'data-offline-queue="lesson"' in lesson_html
