"""Learner pages and actions: catalogue search and filters, course and lesson pages, my
learning, actions only on POST, query budgets at small and large sizes."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Enrollment, EnrollmentSource, Progress
from courses.services import enrollment_create, lesson_complete
from tests.factories import UserFactory, course_create

pytestmark = pytest.mark.django_db

# Every logged-in page pays one query before this app runs one: the user; the session comes
# from the cache (cached_db), the site, the home page, the catalogue, the navigation, courses
# and lessons as routing finds them are kept until pages change (lms.generation), and the user
# bar is for staff only. My learning adds one for the notices of the apps above (the
# `my_learning_notices` hook: certificates looks up newly issued ones).
LESSON_BUDGET = 2  # the user; the enrolment with the learner's statuses in the course's items
COURSE_BUDGET = 3  # the same two, and the competences the course aims at
MY_LEARNING_BUDGET = 6


def lessons_of(course):
    return [page.specific for page in course.get_children().order_by("path")]


@pytest.mark.parametrize("query", ["chu ky so", "CHỮ KÝ SỐ", "Chu Ky So", "chữ ky so"])
def test_search_matches_with_or_without_diacritics_in_any_case(client, course, catalogue, query):
    course_create(
        index=catalogue, title="Phòng chống lừa đảo", slug="attt", topic="information_safety"
    )
    html = client.get("/khoa-hoc/", {"q": query}).content.decode()
    assert "Sử dụng chữ ký số" in html
    assert "Phòng chống lừa đảo" not in html


def test_search_folds_d_with_stroke(client, catalogue):
    course_create(index=catalogue, title="Dịch vụ công trực tuyến", slug="dvc")
    assert "Dịch vụ công" in client.get("/khoa-hoc/", {"q": "dich vu cong"}).content.decode()


def test_catalogue_filters_by_topic_and_audience(client, catalogue, course):
    course_create(
        index=catalogue,
        title="Phòng chống lừa đảo",
        slug="attt",
        topic="information_safety",
        audiences=["resident", "youth"],
    )
    by_topic = client.get("/khoa-hoc/", {"chu-de": "information_safety"}).content.decode()
    assert "Phòng chống lừa đảo" in by_topic and "Sử dụng chữ ký số" not in by_topic
    by_audience = client.get("/khoa-hoc/", {"doi-tuong": "official"}).content.decode()
    assert "Sử dụng chữ ký số" in by_audience and "Phòng chống lừa đảo" not in by_audience
    unknown = client.get("/khoa-hoc/", {"doi-tuong": "<script>", "chu-de": "x"})
    assert unknown.status_code == 200


def test_catalogue_is_in_the_main_navigation(client, catalogue):
    assert 'href="/khoa-hoc/"' in client.get("/").content.decode()


def test_course_page_offers_one_enrol_button_then_continue(client, learner, course):
    client.force_login(learner)
    html = client.get("/khoa-hoc/chu-ky-so/").content.decode()
    assert "Đăng ký học" in html and "Học tiếp" not in html
    response = client.post(f"/hoc/khoa-hoc/{course.pk}/dang-ky/")
    assert response.status_code == 302
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    html = client.get("/khoa-hoc/chu-ky-so/").content.decode()
    assert "Học tiếp" in html and "Đăng ký học" not in html
    assert 'href="/khoa-hoc/chu-ky-so/bai-2/"' in html


@pytest.mark.parametrize(
    "path", ["/hoc/khoa-hoc/{course}/dang-ky/", "/hoc/bai/{lesson}/hoan-thanh/"]
)
def test_get_on_an_action_url_is_405(client, learner, course, path):
    client.force_login(learner)
    url = path.format(course=course.pk, lesson=lessons_of(course)[0].pk)
    assert client.get(url).status_code == 405
    assert not Enrollment.objects.exists() and not Progress.objects.exists()


def test_completing_without_enrolment_shows_a_vietnamese_message(client, learner, course):
    client.force_login(learner)
    lesson = lessons_of(course)[0]
    response = client.post(f"/hoc/bai/{lesson.pk}/hoan-thanh/", follow=True)
    assert "Bạn chưa đăng ký khóa học này" in response.content.decode()
    assert not Progress.objects.exists()


def test_lesson_page_shows_position_navigation_and_complete_button(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get("/khoa-hoc/chu-ky-so/bai-2/").content.decode()
    assert "Bài 2/3" in html
    assert 'rel="prev" href="/khoa-hoc/chu-ky-so/bai-1/"' in html
    assert 'rel="next" href="/khoa-hoc/chu-ky-so/bai-3/"' in html
    assert "Hoàn thành bài học" in html


def test_my_learning_shows_assigned_overdue_in_progress_and_empty_states(
    client, learner, catalogue, course
):
    client.force_login(learner)
    assert "Chưa có khóa học nào được giao" in client.get("/hoc/cua-toi/").content.decode()
    other = course_create(index=catalogue, title="Dịch vụ công", slug="dvc")
    enrollment_create(user=learner, course=course)
    enrollment_create(
        user=learner,
        course=other,
        source=EnrollmentSource.ASSIGNED,
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    html = client.get("/hoc/cua-toi/").content.decode()
    assert "Quá hạn từ" in html and "is-overdue" in html
    assert "Sử dụng chữ ký số" in html and "Bắt đầu học" in html


def test_my_learning_needs_login(client):
    assert client.get("/hoc/cua-toi/").status_code == 302


@pytest.mark.parametrize("size", [3, 60])
def test_lesson_page_query_budget_is_the_same_for_3_or_60_lessons(
    client, learner, catalogue, size, django_assert_max_num_queries
):
    course = course_create(index=catalogue, title="Khóa", slug="khoa", lessons=size)
    enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course)[:2]:
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    client.get("/khoa-hoc/khoa/bai-2/")
    with django_assert_max_num_queries(LESSON_BUDGET):
        assert client.get("/khoa-hoc/khoa/bai-2/").status_code == 200


@pytest.mark.parametrize("size", [3, 60])
def test_course_page_query_budget_is_the_same_for_3_or_60_items(
    client, learner, catalogue, size, django_assert_max_num_queries
):
    course = course_create(index=catalogue, title="Khóa", slug="khoa", lessons=size)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.get("/khoa-hoc/khoa/")
    with django_assert_max_num_queries(COURSE_BUDGET):
        assert client.get("/khoa-hoc/khoa/").status_code == 200


@pytest.mark.parametrize("size", [1, 50])
def test_my_learning_query_budget_is_the_same_for_1_or_50_enrolments(
    client, catalogue, size, django_assert_max_num_queries
):
    user = UserFactory()
    for number in range(size):
        course = course_create(index=catalogue, title=f"Khóa {number}", lessons=2)
        enrollment_create(user=user, course=course)
    client.force_login(user)
    client.get("/hoc/cua-toi/")
    with django_assert_max_num_queries(MY_LEARNING_BUDGET):
        assert client.get("/hoc/cua-toi/").status_code == 200


def test_my_learning_leads_team_leaders_and_managers_to_their_tools(client, learner):
    from people.models import UnitRole
    from tests.factories import unit_create

    unit = unit_create(name="Xã Long Phước", code="LPH")
    client.force_login(learner)
    html = client.get("/hoc/cua-toi/").content.decode()
    assert "/hoc/giao-khoa-hoc/" not in html and "/nguoi-dung/thanh-vien/" not in html
    UnitRole.objects.create(user=learner, unit=unit, role="manager")
    UnitRole.objects.create(user=learner, unit=unit, role="team_leader")
    html = client.get("/hoc/cua-toi/").content.decode()
    assert 'href="/hoc/giao-khoa-hoc/"' in html
    assert 'href="/nguoi-dung/thanh-vien/"' in html


def test_admin_menu_offers_course_assignment_only_to_managers(rf, learner):
    from django.contrib.auth.models import AnonymousUser

    from courses.menu import CourseAssignMenuItem
    from people.models import UnitRole
    from tests.factories import unit_create

    item = CourseAssignMenuItem()
    request = rf.get("/admin/")
    request.user = learner
    assert not item.is_shown(request)
    UnitRole.objects.create(user=learner, unit=unit_create(name="Xã A", code="XA"), role="manager")
    assert item.is_shown(request)
    assert item.url == "/hoc/giao-khoa-hoc/"
    request.user = AnonymousUser()
    assert not item.is_shown(request)


def test_a_lesson_marked_done_shows_done_and_counts_on_the_very_next_visit(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    before = client.get("/khoa-hoc/chu-ky-so/bai-1/").content.decode()
    assert "Hoàn thành bài học" in before and "Đã xong 0/3 bài" in before
    lesson = lessons_of(course)[0]
    client.post(f"/hoc/bai/{lesson.pk}/hoan-thanh/")
    after = client.get("/khoa-hoc/chu-ky-so/bai-1/").content.decode()
    assert "Bạn đã hoàn thành bài học này." in after and "Đã xong 1/3 bài" in after
    assert "Đã xong 1/3" in client.get("/khoa-hoc/chu-ky-so/").content.decode()
