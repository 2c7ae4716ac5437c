"""The demo courses: three real courses, guides with drawn screenshots, a learner with work."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from courses.models import CoursePage, Enrollment, LessonPage, Progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", verbosity=0)


def test_demo_courses_tell_the_story_and_seeding_twice_changes_nothing(seeded, client):
    check_three_courses_of_four_to_six_guided_lessons()
    check_learner_has_progress_and_an_overdue_assignment()
    check_home_features_the_courses_and_links_to_the_catalogue(client)
    counts = (Page.objects.count(), Enrollment.objects.count(), Progress.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Page.objects.count(), Enrollment.objects.count(), Progress.objects.count()) == counts


def check_three_courses_of_four_to_six_guided_lessons():
    titles = set(CoursePage.objects.live().values_list("title", flat=True))
    assert titles == {
        "Sử dụng chữ ký số chuyên dùng Chính phủ",
        "Dịch vụ công trực tuyến và ứng dụng VNeID",
        "An toàn thông tin cho mọi người",
    }
    for course in CoursePage.objects.all():
        lessons = LessonPage.objects.child_of(course).live()
        assert 4 <= lessons.count() <= 6
        for lesson in lessons:
            kinds = [block.block_type for block in lesson.body]
            assert "guide" in kinds and "callout" in kinds
            for step in next(b for b in lesson.body if b.block_type == "guide").value["steps"]:
                assert step["screenshot"] is not None and step["alt"]


def check_learner_has_progress_and_an_overdue_assignment():
    enrolments = Enrollment.objects.filter(user__email="hocvien@example.com")
    assert enrolments.count() == 3
    assert enrolments.overdue().count() == 1
    # lessons done in two courses; the quizzes and certificates seeders add their own rows
    done_lessons = Progress.objects.filter(
        user__email="hocvien@example.com", page__in=LessonPage.objects.all()
    )
    assert done_lessons.count() >= 2
    assert all(course.targeted_competences.exists() for course in CoursePage.objects.all())


def check_home_features_the_courses_and_links_to_the_catalogue(client):
    html = client.get("/").content.decode()
    assert "An toàn thông tin cho mọi người" in html
    assert 'href="/khoa-hoc/"' in html
