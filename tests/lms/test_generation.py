"""What is kept between requests (lms.generation) is forgotten the moment pages, sites or view
restrictions change: the next request sees the change, whoever makes it."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from wagtail.models import PageViewRestriction, Site

from lms import generation
from lms.generation import Memo
from tests.factories import course_create, course_index_create, lesson_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    catalogue = course_index_create(home=home_page)
    return course_create(index=catalogue, title="Chữ ký số", slug="chu-ky-so", lessons=2)


def test_a_view_restriction_added_after_a_visit_applies_at_once(client, course):
    assert client.get("/khoa-hoc/chu-ky-so/bai-1/").status_code == 200
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    response = client.get("/khoa-hoc/chu-ky-so/bai-1/")
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_a_group_restriction_refuses_a_learner_outside_the_group(client, course, learner):
    client.force_login(learner)
    assert client.get("/khoa-hoc/chu-ky-so/bai-2/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=course, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Cán bộ xã"))
    response = client.get("/khoa-hoc/chu-ky-so/bai-2/")  # Wagtail asks for another login
    assert response.status_code == 302 and "bai-2" in response["Location"]


def test_a_new_view_restriction_empties_the_anonymous_page_cache(client, course, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/khoa-hoc/chu-ky-so/").status_code == 200  # now cached for visitors
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert client.get("/khoa-hoc/chu-ky-so/").status_code == 302


def test_a_lesson_published_later_is_in_the_outline_of_the_next_request(client, course):
    assert "Bài thứ ba" not in client.get("/khoa-hoc/chu-ky-so/").content.decode()
    lesson_create(course=course, title="Bài thứ ba", slug="bai-3")
    assert "Bài thứ ba" in client.get("/khoa-hoc/chu-ky-so/").content.decode()
    assert client.get("/khoa-hoc/chu-ky-so/bai-3/").status_code == 200


def test_an_unpublished_lesson_is_gone_from_the_next_request(client, course):
    assert client.get("/khoa-hoc/chu-ky-so/bai-2/").status_code == 200
    course.get_children().get(slug="bai-2").specific.unpublish()
    assert client.get("/khoa-hoc/chu-ky-so/bai-2/").status_code == 404
    assert "Bài 2" not in client.get("/khoa-hoc/chu-ky-so/").content.decode()


def test_a_warm_lesson_page_asks_the_site_the_home_page_and_the_catalogue_nothing(
    client, course, learner, django_assert_num_queries
):
    client.force_login(learner)
    client.get("/khoa-hoc/chu-ky-so/bai-1/")
    # The user, the enrolment (none here), the learner's statuses: the course and the lesson
    # are kept, like the site, the home page and the catalogue.
    with django_assert_num_queries(3) as context:
        assert client.get("/khoa-hoc/chu-ky-so/bai-1/").status_code == 200
    tables = " ".join(query["sql"] for query in context.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "courses_courseindexpage" not in tables
    assert "wagtailcore_pageviewrestriction" not in tables
    assert "courses_lessonpage" not in tables and "courses_coursepage" not in tables


def test_a_changed_site_is_seen_at_once(client, course):
    site = Site.objects.get(is_default_site=True)
    assert client.get("/khoa-hoc/chu-ky-so/").status_code == 200
    site.root_page = course
    site.save()
    # The site's root is now the course: its first lesson is at /bai-1/.
    assert client.get("/bai-1/").status_code == 200


def test_an_emptied_cache_never_brings_back_an_old_generation():
    before = generation.current()
    generation.bump()
    bumped = generation.current()
    cache.clear()
    after = generation.current()
    assert len({before, bumped, after}) == 3


def test_a_memo_forgets_on_a_new_generation_and_refuses_a_value_read_before_it():
    memo = Memo()
    assert memo.get_or_compute("k", lambda: 1) == 1
    assert memo.get_or_compute("k", lambda: 2) == 1
    token = generation.current()
    generation.bump()
    assert memo.peek("k") is None
    memo.keep("k", "stale", token)  # read under the old token: not kept
    assert memo.peek("k") is None
    memo.keep("k", "fresh", generation.current())
    assert memo.peek("k") == "fresh"


def test_a_memo_stays_small_and_forgets_its_oldest_values_first():
    memo = Memo(max_entries=3)
    for key in range(10):
        memo.get_or_compute(key, lambda: "value")
    assert len(memo._values) == 3
    assert memo.peek(9) == "value" and memo.peek(6) is None
    result = memo.get_many_or_compute(range(5), lambda missing: {key: key for key in missing})
    assert result == {key: key for key in range(5)}  # more than it holds: all of them anyway


def test_a_change_made_in_a_transaction_starts_another_generation_when_it_commits(
    django_capture_on_commit_callbacks,
):
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        generation.bump()
        during = generation.current()
    assert len(callbacks) == 1
    assert len({before, during, generation.current()}) == 3


def test_a_logged_in_request_reads_the_generation_and_its_session_in_one_round_trip(
    client, course, learner, monkeypatch
):
    from django.contrib.sessions.backends.cached_db import SessionStore

    client.force_login(learner)
    client.get("/khoa-hoc/chu-ky-so/bai-1/")
    loads, reads, depth = [], [], []
    monkeypatch.setattr(SessionStore, "load", lambda store: loads.append(1) or {})
    backend = caches["default"]

    def counted(name):
        original = getattr(backend, name)

        def call(*args, **kwargs):
            if not depth:  # LocMem's get_many calls its get: one round trip, counted once
                reads.append(name)
            depth.append(name)
            try:
                return original(*args, **kwargs)
            finally:
                depth.pop()

        return call

    for name in ("get", "get_many"):
        monkeypatch.setattr(backend, name, counted(name))
    response = client.get("/khoa-hoc/chu-ky-so/bai-1/")
    assert response.status_code == 200 and response.context["user"] == learner
    assert loads == [] and reads == ["get_many"]


def test_a_session_missing_from_the_cache_still_comes_from_the_database(client, course, learner):
    client.force_login(learner)
    cache.delete(f"django.contrib.sessions.cached_db{client.session.session_key}")
    response = client.get("/khoa-hoc/chu-ky-so/bai-1/")
    assert response.status_code == 200 and response.context["user"] == learner


def test_page_links_follow_a_changed_site_root_at_once(client, course):
    assert (
        'href="/khoa-hoc/chu-ky-so/bai-2/"'
        in client.get("/khoa-hoc/chu-ky-so/bai-1/").content.decode()
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = course
    site.save()
    assert 'rel="next" href="/bai-2/"' in client.get("/bai-1/").content.decode()
