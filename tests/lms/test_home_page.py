"""The home page: editable, Vietnamese by default, cheap to render."""

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from lms.models import HomePage, HomePageFeaturedCourse

pytestmark = pytest.mark.django_db


def test_home_page_is_the_site_root_and_speaks_vietnamese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert home_page.hero_title in html
    assert "Bỏ qua, tới nội dung chính" in html
    assert Site.objects.get(is_default_site=True).root_page_id == home_page.pk


def test_home_page_shows_how_it_works_for_each_audience(client, home_page):
    html = client.get("/").content.decode()
    for audience in ("Cán bộ, công chức, viên chức", "Tổ công nghệ số cộng đồng", "Thanh niên"):
        assert audience in html


def test_home_page_shows_featured_courses_only_when_live(client, home_page):
    course = Page(title="Khóa học thử", slug="khoa-hoc-thu")
    home_page.add_child(instance=course)
    HomePageFeaturedCourse.objects.create(page=home_page, course=course)
    assert "Khóa học thử" in client.get("/").content.decode()
    course.unpublish()
    assert "Khóa học thử" not in client.get("/").content.decode()


def test_seeding_the_home_page_twice_changes_nothing(home_page):
    from lms.demo import seed

    count = Page.objects.count()
    assert seed().pk == home_page.pk
    assert Page.objects.count() == count


def test_home_page_query_budget(client, home_page, django_assert_max_num_queries):
    client.get("/")  # warm the site lookup, as every later request is
    with django_assert_max_num_queries(5):
        assert client.get("/").status_code == 200


def test_english_is_the_second_language(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html


class HomePageRulesTests(WagtailPageTestCase):
    def test_only_one_home_page_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertEqual(HomePage.max_count, 1)


def test_header_links_a_learner_to_their_learning_and_profile(client, home_page, learner):
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert 'href="/hoc/cua-toi/"' in html
    assert 'href="/nang-luc/ho-so/"' in html
    assert 'href="/chung-chi/"' in html
    assert 'href="/admin/"' not in html


def test_main_navigation_follows_publishing_despite_its_cache(client, home_page):
    page = Page(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True, live=False)
    home_page.add_child(instance=page)
    assert "Giới thiệu" not in client.get("/").content.decode()
    page.save_revision().publish()
    assert 'href="/gioi-thieu/"' in client.get("/").content.decode()
    page.refresh_from_db()
    page.unpublish()
    assert 'href="/gioi-thieu/"' not in client.get("/").content.decode()
