"""The page cache for anonymous visitors: served only to those it is right for, and forgotten
when a page changes."""

import pytest
from django.core.cache import cache

from lms.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _rename(home: HomePage, title: str, *, publish: bool) -> None:
    home.hero_title = title
    if publish:
        home.save_revision().publish()
    else:
        HomePage.objects.filter(pk=home.pk).update(hero_title=title)  # no signal: stays cached


def test_an_anonymous_visitor_gets_the_page_from_the_cache_without_a_query(
    client, home_page, page_cache, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def test_publishing_a_page_forgets_every_cached_page(client, home_page, page_cache):
    client.get("/")
    _rename(home_page, "Tiêu đề mới sau khi xuất bản", publish=True)
    assert "Tiêu đề mới sau khi xuất bản" in client.get("/").content.decode()


def test_a_logged_in_learner_never_gets_the_cached_page(client, home_page, learner, page_cache):
    client.get("/")
    _rename(home_page, "Chỉ người đăng nhập thấy ngay", publish=False)
    client.force_login(learner)
    assert "Chỉ người đăng nhập thấy ngay" in client.get("/").content.decode()


def test_a_pending_message_or_any_other_cookie_bypasses_the_cache(client, home_page, page_cache):
    client.get("/")
    _rename(home_page, "Trang mới cho người có cookie", publish=False)
    client.cookies["messages"] = "anything"
    assert "Trang mới cho người có cookie" in client.get("/").content.decode()


def test_each_language_and_text_size_has_its_own_entry(client, home_page, page_cache):
    assert '<html lang="vi"' in client.get("/").content.decode()
    client.cookies["lang"] = "en"
    assert '<html lang="en"' in client.get("/").content.decode()
    client.cookies["text_size"] = "large"
    large = client.get("/").content.decode()
    assert '<html lang="en"' in large
    assert 'class="text-large"' in large
    assert client.get("/").content.decode() == large


def test_only_wagtail_pages_are_stored(client, home_page, page_cache):
    client.get("/healthz")
    client.get("/ping")
    assert not [key for key in cache._cache if ":lms:page:" in key]  # locmem's own store
    client.get("/")
    assert [key for key in cache._cache if ":lms:page:" in key]


def test_off_by_default_outside_production(client, home_page):
    client.get("/")
    _rename(home_page, "Luôn mới khi tắt bộ nhớ đệm", publish=False)
    assert "Luôn mới khi tắt bộ nhớ đệm" in client.get("/").content.decode()


def test_high_contrast_and_data_saver_each_have_their_own_entry(
    client, home_page, page_cache, django_assert_num_queries
):
    plain = client.get("/").content.decode()
    client.cookies["contrast"] = "high"
    contrast = client.get("/").content.decode()
    assert contrast != plain and "contrast-high" in contrast
    client.cookies["data_saver"] = "on"
    both = client.get("/").content.decode()
    assert both != contrast
    with django_assert_num_queries(0):
        assert client.get("/").content.decode() == both
    del client.cookies["contrast"], client.cookies["data_saver"]
    assert client.get("/").content.decode() == plain
