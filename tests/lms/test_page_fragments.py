"""Parts of a page rendered once and kept in the worker (lms/templatetags/page_fragments.py):
a learner never sees what is another's, and a change to pages shows on the next request."""

import pytest
from django.core.cache import cache
from wagtail.templatetags.wagtail_cache import WagtailPageCacheNode

from courses.models import LessonPage
from courses.services import enrollment_create, lesson_complete
from lms.templatetags import page_fragments
from tests.factories import UserFactory, course_create, course_index_create, lesson_create

pytestmark = pytest.mark.django_db

LESSON = "/khoa-hoc/chu-ky-so/bai-1/"


@pytest.fixture
def course(home_page):
    cache.clear()
    catalogue = course_index_create(home=home_page)
    yield course_create(index=catalogue, title="Chữ ký số", slug="chu-ky-so", lessons=3)
    cache.clear()


def html_of(client, user, path=LESSON) -> str:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_learner_never_sees_the_name_progress_or_marks_of_the_learner_before(
    client, course, learner
):
    other = UserFactory(full_name="Trần Thị Bình")
    for user in (learner, other):
        enrollment_create(user=user, course=course)
    lesson_complete(user=learner, lesson=LessonPage.objects.get(slug="bai-1"))

    first = html_of(client, learner)
    assert "Xin chào, Nguyễn Văn An" in first
    assert "Bạn đã hoàn thành bài học này." in first and "Đã xong 1/3 bài" in first

    second = html_of(client, other)
    assert "Xin chào, Trần Thị Bình" in second and "Nguyễn Văn An" not in second
    assert "Bạn đã hoàn thành bài học này." not in second
    assert "Hoàn thành bài học" in second and "Đã xong 0/3 bài" in second

    assert "Xin chào, Nguyễn Văn An" in html_of(client, learner)  # and back again


def test_the_header_shows_each_kind_of_visitor_their_own_links(client, course, learner):
    staff = UserFactory(full_name="Biên Tập Viên", is_staff=True)
    assert 'href="/admin/"' in html_of(client, staff)
    assert 'href="/admin/"' not in html_of(client, learner)
    client.logout()
    anonymous = client.get(LESSON).content.decode()
    assert "Đăng xuất" not in anonymous and "Khóa học của tôi" not in anonymous
    assert "Đăng nhập" in anonymous


def test_the_current_page_and_the_way_back_are_those_of_the_request(client, course, learner):
    html_of(client, learner, "/hoc/cua-toi/")
    html = html_of(client, learner, LESSON + "?tu=trang-chu")
    assert 'href="/hoc/cua-toi/" aria-current="page"' not in html
    assert 'name="next" value="/khoa-hoc/chu-ky-so/bai-1/?tu=trang-chu"' in html
    assert 'href="/hoc/cua-toi/" aria-current="page"' in html_of(client, learner, "/hoc/cua-toi/")


def test_each_language_and_display_mode_has_its_own_copy(client, course, learner):
    html_of(client, learner)
    client.cookies["lang"] = "en"
    assert "Main navigation" in client.get(LESSON).content.decode()
    client.cookies["text_size"] = "large"
    html = client.get(LESSON).content.decode()
    assert 'aria-pressed="true">Large text' in html


def test_a_published_change_to_the_lesson_or_its_course_shows_at_once(client, course, learner):
    assert "Bài 1/3" in html_of(client, learner)
    lesson_create(course=course, title="Bài mới", slug="bai-moi")
    course.refresh_from_db()
    course.title = "Chữ ký số chuyên dùng"
    course.save_revision().publish()
    lesson = LessonPage.objects.get(slug="bai-1")
    lesson.title = "Bài một, viết lại"
    lesson.save_revision().publish()
    html = html_of(client, learner)
    assert "Bài 1/4" in html and "Bài một, viết lại" in html
    assert "Chữ ký số chuyên dùng" in html


def test_a_new_page_in_the_menu_is_in_the_header_at_once(client, course, learner, home_page):
    html_of(client, learner)
    page = course_index_create(home=home_page, title="Tin tức", slug="tin-tuc")
    page.show_in_menus = True
    page.save_revision().publish()
    assert 'href="/tin-tuc/"' in html_of(client, learner)


def test_a_preview_shows_the_draft_not_what_was_kept(client, course, learner):
    html_of(client, learner)  # the live heading and body are kept
    lesson = LessonPage.objects.get(slug="bai-1")
    lesson.title = "Tiêu đề nháp"
    lesson.body = [("rich_text", "<p>Nội dung nháp</p>")]
    lesson.save_revision()  # a draft: not published
    live = html_of(client, learner)
    assert "Tiêu đề nháp" not in live and "Nội dung nháp" not in live
    preview = lesson.get_latest_revision_as_object().make_preview_request().content.decode()
    assert "Tiêu đề nháp" in preview and "Nội dung nháp" in preview


def test_the_kept_body_is_read_again_from_the_shared_cache_once_it_expires(
    client, course, learner, monkeypatch
):
    reads = []
    original = WagtailPageCacheNode.render
    monkeypatch.setattr(
        WagtailPageCacheNode,
        "render",
        lambda node, context: reads.append(1) or original(node, context),
    )
    html_of(client, learner)
    html_of(client, learner)
    assert len(reads) == 1
    later = page_fragments.monotonic() + 3601
    monkeypatch.setattr(page_fragments, "monotonic", lambda: later)
    html_of(client, learner)
    assert len(reads) == 2


def test_each_lesson_shows_its_own_heading_and_way_on(client, course, learner):
    html_of(client, learner)
    html = html_of(client, learner, "/khoa-hoc/chu-ky-so/bai-3/")
    assert "Bài 3/3" in html and "<h1>Bài 3</h1>" in html
    assert 'rel="prev" href="/khoa-hoc/chu-ky-so/bai-2/"' in html and 'rel="next"' not in html
