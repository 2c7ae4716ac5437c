"""Finding 7 of issue 29: one request forced thousands of writes. A no-JavaScript screen post
repeating `question=<id>` 2,000 times saved 2,000 times, and a 5,000,000-byte multipart body
to the answer-save endpoint was accepted (Django's form memory limit leaves file parts out).

The class, enumerated: every `getlist(` in the apps' code is listed below with the test that
bounds it (a new one fails `test_every_getlist_is_bounded_by_a_test` until it is reviewed);
every view that loops over posted values de-duplicates and caps them; every URL pattern
refuses a body over its limit (413) and a body without a length (411) before reading it."""

import ast
import datetime
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from courses.models import Enrollment
from courses.services import enrollment_create
from people.models import Membership, UnitRole
from quizzes.models import Attempt, Layout, Response
from quizzes.services import attempt_start
from tests.factories import (
    QuestionCategoryFactory,
    UserFactory,
    course_create,
    course_index_create,
    quiz_create,
    unit_create,
)
from tests.quizzes.conftest import all_types

from .conftest import client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ("people", "competencies", "courses", "quizzes", "certificates", "reports", "lms")

# Every `getlist(` in the apps: (file, function) -> the test below that bounds it.
GETLISTS = {
    (
        "quizzes/views.py",
        "_posted_entries",
    ): "test_a_screen_post_repeating_one_question_writes_once",
    ("quizzes/answers.py", "raw_from_form"): "test_an_autosave_repeating_one_choice_writes_once",
    # A GET of a report: copies the query string to build links, writes nothing.
    ("reports/views/base.py", "_drill_down_query"): "read only (GET), no writes",
    # A GET of a report: a filter given twice is refused with 400 (finding 9), no writes.
    ("reports/views/base.py", "query_refusal"): "read only (GET), no writes",
}
# Views that loop over lines or values of one posted field, with the test that bounds them.
POSTED_LOOPS = {
    ("courses/forms.py", "clean_learners"): "test_an_assignment_repeating_one_learner_is_bounded",
}

# Views that take more than the admin's forms: uploads of images, documents, an avatar, and
# spreadsheet imports. Any other view raising its limit fails the class test.
UPLOAD_VIEWS = {
    "wagtailimages:add",
    "wagtailimages:edit",
    "wagtailimages:add_multiple",
    "wagtailimages_chooser:create",
    "wagtaildocs:add",
    "wagtaildocs:edit",
    "wagtaildocs:add_multiple",
    "wagtaildocs_chooser:create",
    "wagtailadmin_account",
    "people_import",
    "competencies_framework_import",
    "quizzes_admin:import",
    "wagtailredirects:start_import",
}
SITE_LIMIT = 1024 * 1024  # a form of the site
ADMIN_LIMIT = 6 * 1024 * 1024  # a page or snippet form of the admin (Django parses 5 MB)
UPLOAD_LIMIT = 25 * 1024 * 1024


def _calls_of(name: str, path: Path) -> set[str]:
    """The functions of `path` that call `.name(`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
            ):
                found.add(function.name)
    return found


def test_every_getlist_is_bounded_by_a_test():
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for function in _calls_of("getlist", path):
                found.add((path.relative_to(ROOT).as_posix(), function))
    assert found == set(GETLISTS), "a new getlist( needs de-duplication, a cap and a test here"
    for reason in [*GETLISTS.values(), *POSTED_LOOPS.values()]:
        assert reason.startswith("read only") or reason in globals()


# --- the quiz: a screen of every question type -----------------------------------------------
@pytest.fixture
def attempt(home_page, learner):
    course = course_create(index=course_index_create(home=home_page), slug="ky-so", lessons=1)
    questions = all_types(QuestionCategoryFactory(name="Ký số"))
    quiz = quiz_create(course=course, questions=questions, layout=Layout.ALL_ON_ONE)
    enrollment_create(user=learner, course=course)
    return attempt_start(user=learner, quiz=quiz)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def _single(attempt) -> tuple[int, str]:
    """The single-choice question of the attempt and the value its form gives its first
    choice (read from the page, as a browser would)."""
    entry = next(e for e in attempt.layout if e["type"] == "single")
    return entry["id"], entry


def _first_value(client, attempt, name: str) -> str:
    page = client.get(f"/kiem-tra/lan/{attempt.pk}/").content.decode()
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize("action", ["screen_save", "finish"])
def test_a_screen_post_repeating_one_question_writes_once(
    action, learner_client, attempt, django_assert_max_num_queries
):
    question_id, _entry = _single(attempt)
    value = _first_value(learner_client, attempt, f"q{question_id}")
    data = {"question": [str(question_id)] * 2000, "sequence": "0", f"q{question_id}": value}
    url = f"/kiem-tra/lan/{attempt.pk}/{'trang' if action == 'screen_save' else 'nop-bai'}/"
    with django_assert_max_num_queries(60):
        response = learner_client.post(url, data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.sequence == 1  # one write, not 2,000
    assert Response.objects.filter(attempt=attempt).exclude(answer=None).count() == 1


def test_a_screen_post_naming_more_questions_than_the_attempt_holds_is_refused(
    learner_client, attempt
):
    names = [str(n) for n in range(1, len(attempt.layout) + 30)]
    response = learner_client.post(
        f"/kiem-tra/lan/{attempt.pk}/trang/", {"question": names, "sequence": "0"}
    )
    assert response.status_code == 400
    assert "hãy tải lại trang" in response.content.decode()
    assert Attempt.objects.get(pk=attempt.pk).sequence == 0


def test_an_autosave_repeating_one_choice_writes_once(
    learner_client, attempt, django_assert_max_num_queries
):
    entry = next(e for e in attempt.layout if e["type"] == "multiple")
    value = _first_value(learner_client, attempt, f"q{entry['id']}")
    with django_assert_max_num_queries(15):
        response = learner_client.post(
            f"/kiem-tra/lan/{attempt.pk}/luu/",
            urlencode(
                {"question": entry["id"], "sequence": "0", f"q{entry['id']}": [value] * 2000},
                doseq=True,
            ),
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 200, response.content
    assert Response.objects.get(attempt=attempt).answer == [entry["choices"][0]]
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1


def test_a_5_mb_multipart_body_to_the_answer_save_endpoint_is_refused(learner_client, attempt):
    """The finding: 5,000,000 bytes in a file part, which Django's memory limit does not count."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    question_id, _entry = _single(attempt)
    response = learner_client.post(
        f"/kiem-tra/lan/{attempt.pk}/luu/",
        {
            "question": question_id,
            "sequence": "0",
            "junk": SimpleUploadedFile("x.bin", b"x" * 5_000_000),
        },
    )
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()
    assert not Response.objects.filter(attempt=attempt).exists()


# --- the manager's assignment: one query per line --------------------------------------------
def test_an_assignment_repeating_one_learner_is_bounded(
    client, home_page, django_assert_max_num_queries
):
    commune = unit_create(name="Xã Long Phước", code="T-LP")
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=commune, role="manager")
    person = UserFactory(username="hv-lap-lai", email="")
    Membership.objects.create(user=person, unit=commune, valid_from=datetime.date(2025, 7, 1))
    course = course_create(index=course_index_create(home=home_page), slug="ky-so", lessons=1)
    client.force_login(manager)
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    with django_assert_max_num_queries(40):
        response = client.post(
            "/hoc/giao-khoa-hoc/",
            {"course": course.pk, "learners": "hv-lap-lai\n" * 2000, "due_on": due},
        )
    assert response.status_code == 302
    assert Enrollment.objects.filter(user=person, course=course).count() == 1
    many = "\n".join(f"nguoi-{n}" for n in range(201))
    with django_assert_max_num_queries(40):
        response = client.post(
            "/hoc/giao-khoa-hoc/", {"course": course.pk, "learners": many, "due_on": due}
        )
    assert response.status_code == 200
    assert "tối đa 200 người" in response.content.decode()


# --- the body of every URL pattern -----------------------------------------------------------
_SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/y",
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def _route_sample(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _SAMPLES.get(m.group(1) or "str", "x"), route)


def _regex_sample(regex: str) -> str:
    if regex == r"^((?:[\w\-]+/)*)$":  # wagtail_serve: any page's path
        return "trang/"
    text = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\((?:\?P<\w+>)?[^()]*\\d[^()]*\)|\[0-9\]\+", "1", text)
    text = re.sub(r"\((?:\?P<\w+>)?[^()]*\)", "x", text)
    return text.replace("\\.", ".").replace("\\", "")


def _patterns(patterns=None, prefix: str = ""):
    """(path of a sample URL, pattern) for every URL pattern of the site."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        part = pattern.pattern
        route = not isinstance(part, RegexPattern)
        sample = _route_sample(str(part)) if route else _regex_sample(part._regex)
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + sample)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + sample, pattern


def _expected_limit(path: str, view_name: str) -> int:
    if view_name in UPLOAD_VIEWS:
        return UPLOAD_LIMIT
    return ADMIN_LIMIT if path.startswith("/admin/") else SITE_LIMIT


# Wagtail's own login and logout, taken over on purpose by lms/urls.py (allauth's instead).
SHADOWED = {"/admin/login/", "/admin/logout/", "/_util/login/"}


def test_the_walk_reaches_every_url_pattern():
    """Each sample URL resolves to its own pattern's view (the walks below miss none)."""
    walked = list(_patterns())
    missed = []
    for path, pattern in walked:
        try:
            match = resolve(path)
        except Resolver404:
            missed.append(path)
            continue
        if match.func != pattern.callback and path not in SHADOWED:
            missed.append(path)
    assert len(walked) > 300
    assert missed == []


def test_every_url_refuses_a_body_over_its_limit_before_reading_it():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    too_large = []
    for path, _pattern in _patterns():
        view_name = resolve(path).view_name
        limit = _expected_limit(path, view_name)
        response = client.generic(
            "POST",
            path,
            data=b"x" * 64,  # the declared length is what counts: nothing more is sent or read
            content_type="multipart/form-data; boundary=xyz",
            CONTENT_LENGTH=str(limit + 1),
        )
        if response.status_code != 413:
            too_large.append((path, view_name, response.status_code))
    assert too_large == []


def test_only_uploads_and_imports_take_more_than_a_form():
    larger = {name for name, limit in settings.REQUEST_BODY_LIMITS.items() if limit > ADMIN_LIMIT}
    assert larger <= UPLOAD_VIEWS
    assert settings.REQUEST_BODY_LIMIT <= SITE_LIMIT
    assert settings.REQUEST_BODY_LIMITS["quizzes:save"] <= 128 * 1024


def test_every_url_refuses_a_body_without_a_length():
    client = Client(raise_request_exception=False)
    answered = {}
    for path, _pattern in _patterns():
        response = client.generic(
            "POST", path, data=b"x" * 64, CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked"
        )
        answered[path] = response.status_code
    assert {path for path, status in answered.items() if status != 411} == set()


def test_a_document_within_the_upload_limit_is_still_uploaded(world):
    """7 MB: over the limit of a form of the admin, within that of an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    admin = client_for(world, "admin")
    count = get_document_model().objects.count()
    response = admin.post(
        "/admin/documents/add/",
        {
            "title": "Hướng dẫn dài",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("huong-dan.txt", b"a" * (7 * 1024 * 1024), "text/plain"),
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.count() == count + 1
