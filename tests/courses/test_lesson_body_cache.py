"""A lesson's body is rendered once per revision, language and data-saver mode, never stale
after publishing and never cached in a preview."""

import pytest
from django.core.cache import cache

from courses.models import LessonPage
from tests.factories import course_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(catalogue):
    cache.clear()
    course = course_create(index=catalogue, title="Khóa", slug="khoa", lessons=1)
    yield LessonPage.objects.child_of(course).get()
    cache.clear()


def _set_body_without_publishing(lesson, text):
    LessonPage.objects.filter(pk=lesson.pk).update(body=[("rich_text", f"<p>{text}</p>")])


def test_the_body_is_rendered_once_and_publishing_shows_the_new_one(client, lesson):
    assert "Nội dung bài học" in client.get(lesson.url).content.decode()
    _set_body_without_publishing(lesson, "Chưa xuất bản nên chưa hiện")
    assert "Nội dung bài học" in client.get(lesson.url).content.decode()  # from the cache
    lesson.refresh_from_db()
    lesson.body = [("rich_text", "<p>Nội dung mới đã xuất bản</p>")]
    lesson.save_revision().publish()
    assert "Nội dung mới đã xuất bản" in client.get(lesson.url).content.decode()


def test_each_language_and_data_saver_mode_has_its_own_copy(client, lesson):
    client.get(lesson.url)
    _set_body_without_publishing(lesson, "Bản cho chế độ khác")
    client.cookies["data_saver"] = "on"
    assert "Bản cho chế độ khác" in client.get(lesson.url).content.decode()
    del client.cookies["data_saver"]
    client.cookies["lang"] = "en"
    assert "Bản cho chế độ khác" in client.get(lesson.url).content.decode()
