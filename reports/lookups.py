"""Rarely-changing lists every report request reads: the live courses, the live quizzes and
the primary framework's competences. They are kept in the cache and dropped whenever one of
them is saved, moved, unpublished or deleted (receivers wired in apps.py), so a filter's
dropdown costs no query on a warm cache.

Each is returned as an evaluated queryset: a queryset to whoever filters with it, a list to
whoever iterates it (`reports.filters.PreloadedChoiceField` keeps the rows it was given)."""

from django.core.cache import cache
from django.db.models import QuerySet, Subquery

from competencies.models import Competence, Framework
from competencies.selectors import primary_framework
from courses.models import CoursePage
from quizzes.models import QuizPage

COURSES_KEY = "reports:live-courses"
QUIZZES_KEY = "reports:live-quizzes"
COMPETENCES_KEY = "reports:primary-competences"
KEYS = (COURSES_KEY, QUIZZES_KEY, COMPETENCES_KEY)
TIMEOUT = 60 * 60  # a safety net: the receivers drop the lists on every change


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


def live_courses() -> QuerySet[CoursePage]:
    """Live courses by title (pk, title, slug, and their place in the page tree)."""
    queryset = (
        CoursePage.objects.live().order_by("title").only("pk", "title", "slug", "path", "depth")
    )
    return evaluated(queryset, _cached(COURSES_KEY, lambda: list(queryset.all())))


def live_quizzes() -> QuerySet[QuizPage]:
    """Live quizzes in the order of the page tree (pk, title, path, depth)."""
    queryset = QuizPage.objects.live().order_by("path").only("pk", "title", "path", "depth")
    return evaluated(queryset, _cached(QUIZZES_KEY, lambda: list(queryset.all())))


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
    """A course, quiz, framework, area or competence changed: read the lists again."""
    cache.delete_many(KEYS)
