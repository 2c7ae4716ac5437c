"""Rarely-changing lists every report request reads: the live courses, the live quizzes and
the primary framework's competences. They are kept in the cache and dropped whenever one of
them is saved, moved, unpublished or deleted (receivers wired in apps.py), so a filter's
dropdown costs no query on a warm cache.

The courses and quizzes are pages, so each process also keeps them under the content
generation (lms.generation), which any page change renews and which the request has already
read with its session: a warm request neither asks Redis nor unpickles them, and it is given
the same list each time (reports.widgets keeps the rendered options of a list it has seen).

Each is returned as an evaluated queryset: a queryset to whoever filters with it, a list to
whoever iterates it (`reports.filters.PreloadedChoiceField` keeps the rows it was given)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet, Subquery

from competencies.models import Competence, Framework
from competencies.selectors import primary_framework
from courses.models import CoursePage
from lms.generation import Memo
from quizzes.models import QuizPage

COURSES_KEY = "reports:live-courses"
QUIZZES_KEY = "reports:live-quizzes"
COMPETENCES_KEY = "reports:primary-competences"
KEYS = (COURSES_KEY, QUIZZES_KEY, COMPETENCES_KEY)
TIMEOUT = 60 * 60  # a safety net: the receivers drop the lists on every change
_pages = Memo(max_entries=10)


def evaluated(queryset: QuerySet, rows: list) -> QuerySet:
    """`queryset` holding `rows` as its result, as if it had just been read."""
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset


def _cached(key: str, read):
    rows = cache.get(key)
    if rows is None:
        rows = read()
        cache.set(key, rows, TIMEOUT)
    return rows


def _live_pages(key: str, queryset) -> QuerySet:
    """`queryset()` evaluated, kept in this process under the content generation and in the
    shared cache under `key`."""
    rows = _pages.get_or_compute(key, lambda: _cached(key, lambda: list(queryset())))
    return evaluated(queryset(), rows)


def live_courses() -> QuerySet[CoursePage]:
    """Live courses by title (pk, title, slug, and their place in the page tree)."""
    return _live_pages(
        COURSES_KEY,
        lambda: (
            CoursePage.objects.live().order_by("title").only("pk", "title", "slug", "path", "depth")
        ),
    )


def live_quizzes() -> QuerySet[QuizPage]:
    """Live quizzes in the order of the page tree (pk, title, path, depth)."""
    return _live_pages(
        QUIZZES_KEY,
        lambda: QuizPage.objects.live().order_by("path").only("pk", "title", "path", "depth"),
    )


def primary_competences() -> tuple[Framework | None, list[Competence]]:
    """The primary framework (as `primary_framework` picks it) and its competences in order,
    with their areas: one query when the framework has competences."""

    def read():
        primary = Framework.objects.values("pk")[:1]  # Meta.ordering puts the primary first
        competences = list(
            Competence.objects.filter(area__framework=Subquery(primary))
            .select_related("area__framework")
            .ordered()
        )
        if competences:
            return competences[0].area.framework, competences
        return primary_framework(), []

    return _cached(COMPETENCES_KEY, read)


def lookups_changed(**kwargs) -> None:
    """A course, quiz, framework, area or competence changed: read the lists again. Once now,
    and once more when the change commits: a request that read the old rows in between (the
    change was not visible to it yet) may have kept them."""
    cache.delete_many(KEYS)
    transaction.on_commit(lambda: cache.delete_many(KEYS))  # at once when no transaction
