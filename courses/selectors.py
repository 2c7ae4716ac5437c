"""Reads of the courses app. Each costs a fixed number of queries, whatever the number of
courses, items or enrolments."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Substr
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models

from competencies.models import Competence
from lms.generation import Memo
from people.models import Audience, OrgUnit, UnitRoleKind

from .models import (
    DONE_STATUSES,
    CompletionRule,
    CourseIndexPage,
    CourseItem,
    CoursePage,
    Enrollment,
    EnrolmentMode,
    Progress,
    ProgressStatus,
    Topic,
)
from .search import search_terms

_NOT_STARTED = _("Chưa học")
COVER_FILTER = "fill-640x360|format-webp|webpquality-70"


def course_item_models() -> list[type[Page]]:
    """Page models that may be items of a course (lessons, and quizzes once installed)."""
    return [model for model in get_page_models() if issubclass(model, CourseItem)]


def _item_field(name: str):
    refs = [F(f"{model._meta.model_name}__{name}") for model in course_item_models()]
    return refs[0] if len(refs) == 1 else Coalesce(*refs)


@dataclass
class OutlineItem:
    page_id: int
    course_id: int
    title: str
    slug: str
    content_type_id: int
    required: bool
    minutes: int
    status: str | None = None
    score: Decimal | None = None
    number: int = 0

    @property
    def kind(self) -> str:
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        return str(getattr(model, "item_kind", ""))

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def status_label(self) -> str:
        if self.status is None:
            return str(_NOT_STARTED)
        return str(ProgressStatus(self.status).label)


def items_for_courses(courses, user=None) -> dict[int, list[OutlineItem]]:
    """Live items of each course in tree order, with the user's status. The outlines come from
    the per-process memo (one query for the courses not in it); the learner's statuses are one
    plain query."""
    courses = list(courses)
    if not courses:
        return {}
    outlines = _outlines_of(courses)
    statuses = {}
    if user is not None and user.is_authenticated:
        page_ids = [row["pk"] for rows in outlines.values() for row in rows]
        statuses = _statuses(user, page_ids)
    return {
        course_id: _outline_items(course_id, rows, statuses) for course_id, rows in outlines.items()
    }


def _outlines_of(courses: list[CoursePage]) -> dict[int, list[dict]]:
    return _outlines.get_many_or_compute(
        [course.pk for course in courses], lambda missing: _outline_rows(courses, missing)
    )


def _statuses(user, page_ids: list[int]) -> dict[int, tuple]:
    """page id -> (status, score) of the learner: one plain query (none without pages)."""
    if not page_ids:
        return {}
    return {
        page_id: (status, score)
        for page_id, status, score in Progress.objects.filter(
            user=user, page_id__in=page_ids
        ).values_list("page_id", "status", "score")
    }


def _outline_items(course_id: int, rows: list[dict], statuses: dict) -> list[OutlineItem]:
    items: list[OutlineItem] = []
    for row in rows:
        status, score = statuses.get(row["pk"], (None, None))
        items.append(
            OutlineItem(
                page_id=row["pk"],
                course_id=course_id,
                title=row["title"],
                slug=row["slug"],
                content_type_id=row["content_type_id"],
                required=bool(row["item_required"]),
                minutes=row["item_minutes"] or 0,
                status=status,
                score=score,
                number=len(items) + 1,
            )
        )
    return items


# Each course's live items, the same for every learner, until pages change (lms.generation).
_outlines = Memo()


def _outline_rows(courses: list[CoursePage], course_ids: list[int]) -> dict[int, list[dict]]:
    """The live items of the given courses, in tree order: one query."""
    by_path = {course.path: course.pk for course in courses if course.pk in set(course_ids)}
    result: dict[int, list[dict]] = {pk: [] for pk in by_path.values()}
    lengths = sorted({len(path) for path in by_path})
    condition = Q(pk__in=[])
    for length in lengths:
        paths = [path for path in by_path if len(path) == length]
        condition |= Q(**{f"parent_{length}__in": paths}, depth=length // Page.steplen + 1)
    queryset = (
        Page.objects.live()
        .filter(content_type__in=_item_content_types())
        .annotate(
            **{f"parent_{length}": Substr("path", 1, length) for length in lengths},
            item_required=_item_field("required"),
            item_minutes=_item_field("estimated_minutes"),
        )
        .filter(condition)
        .order_by("path")
    )
    fields = ["pk", "title", "slug", "path", "content_type_id", "item_required", "item_minutes"]
    for row in queryset.values(*fields):
        result[by_path[row["path"][: -Page.steplen]]].append(row)
    return result


def _item_content_types() -> list[int]:
    return [ContentType.objects.get_for_model(model).pk for model in course_item_models()]


def course_items(course: CoursePage, user=None) -> list[OutlineItem]:
    """A course's outline for one learner, kept on the course object for the request. For a
    logged-in learner whose state on the course is not known yet, the query that reads their
    statuses also reads their enrolment, and keeps that state for `learner_state`."""
    user_key = getattr(user, "pk", None)
    cached = getattr(course, "_course_items", None)
    if cached is not None and cached[0] == user_key:
        return cached[1]
    if user is not None and user.is_authenticated and not _knows_learner_state(course, user):
        items = _items_and_state(course, user)
    else:
        items = items_for_courses([course], user)[course.pk]
    course._course_items = (user_key, items)
    return items


def _knows_learner_state(course: CoursePage, user) -> bool:
    cached = getattr(course, "_learner_state", None)
    return getattr(course, "learner_id", None) == user.pk or (
        cached is not None and cached[0] == user.pk
    )


def _items_and_state(course: CoursePage, user) -> list[OutlineItem]:
    """The learner's enrolment with their statuses in the course's items: one query when they
    are enrolled (each status joined to the enrolment row), a second for the statuses when
    they are not."""
    rows = _outlines_of([course])[course.pk]
    page_ids = [row["pk"] for row in rows]
    enrolment = Enrollment.objects.filter(user=user, course=course)
    if page_ids:
        in_course = Q(user__progress__page_id__in=page_ids)
        enrolment = enrolment.annotate(
            item=FilteredRelation("user__progress", condition=in_course),
            item_page_id=F("item__page_id"),
            item_status=F("item__status"),
            item_score=F("item__score"),
        )
    found = list(enrolment)
    if found:
        enrollment = found[0]
        enrollment.user, enrollment.course = user, course
        statuses = {
            row.item_page_id: (row.item_status, row.item_score)
            for row in found
            if getattr(row, "item_page_id", None) is not None
        }
    else:
        enrollment, statuses = None, _statuses(user, page_ids)
    course._learner_state = (user.pk, _state_for(course, user, enrollment))
    return _outline_items(course.pk, rows, statuses)


def counts_toward_completion(course: CoursePage, item: OutlineItem) -> bool:
    return item.required or course.completion_rule == CompletionRule.ALL_ITEMS


@dataclass
class LearnerState:
    """Where a learner stands on a course."""

    enrollment: Enrollment | None
    missing_prerequisites: list[CoursePage] = field(default_factory=list)

    @property
    def locked(self) -> bool:
        return bool(self.missing_prerequisites)


def learner_state(course: CoursePage, user, *, fresh: bool = False) -> LearnerState:
    """The learner's enrolment and unfinished prerequisites: free when the course was fetched
    with `CoursePage.objects.with_learner(user)`, or its outline read for the learner
    (`course_items`), or asked before in this request; else one plain query for the
    enrolment. One more only when the course has prerequisites."""
    if user is None or not user.is_authenticated:
        return LearnerState(enrollment=None, missing_prerequisites=[])
    cached = getattr(course, "_learner_state", None)
    if not fresh and cached is not None and cached[0] == user.pk:
        return cached[1]
    if fresh:
        course_row = CoursePage.objects.with_learner(user).get(pk=course.pk)
        state = _state_from_annotations(course, course_row, user)
    elif getattr(course, "learner_id", None) == user.pk:
        state = _state_from_annotations(course, course, user)
    else:
        state = _state_from_queries(course, user)
    course._learner_state = (user.pk, state)
    return state


def _state_from_annotations(course: CoursePage, row: CoursePage, user) -> LearnerState:
    enrollment = None
    if row.learner_enrollment_id:
        enrollment = Enrollment(
            pk=row.learner_enrollment_id,
            user=user,
            course=course,
            source=row.learner_source,
            due_on=row.learner_due_on,
            enrolled_at=row.learner_enrolled_at,
            completed_at=row.learner_completed_at,
        )
    missing = []
    if row.learner_locked:
        finished = Enrollment.objects.filter(
            user=user, course=OuterRef("pk"), completed_at__isnull=False
        )
        missing = list(
            CoursePage.objects.live()
            .filter(required_for=course)
            .exclude(Exists(finished))
            .order_by("path")
        )
    return LearnerState(enrollment=enrollment, missing_prerequisites=missing)


# Each course's live prerequisites (ids, in tree order), until pages change (lms.generation).
_prerequisites = Memo()


def _state_from_queries(course: CoursePage, user) -> LearnerState:
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is not None:
        enrollment.course = course
    return _state_for(course, user, enrollment)


def _state_for(course: CoursePage, user, enrollment: Enrollment | None) -> LearnerState:
    """The state given the enrolment: no query unless the course has prerequisites."""
    required = _prerequisites.get_or_compute(
        course.pk,
        lambda: list(
            CoursePage.objects.live()
            .filter(required_for=course)
            .order_by("path")
            .values_list("pk", flat=True)
        ),
    )
    missing = []
    if required:
        finished = set(
            Enrollment.objects.filter(
                user=user, course_id__in=required, completed_at__isnull=False
            ).values_list("course_id", flat=True)
        )
        if unfinished := [pk for pk in required if pk not in finished]:
            missing = list(CoursePage.objects.filter(pk__in=unfinished).order_by("path"))
    return LearnerState(enrollment=enrollment, missing_prerequisites=missing)


def _progress_summary(course: CoursePage, items: list[OutlineItem]) -> dict:
    counted = [item for item in items if counts_toward_completion(course, item)]
    done = sum(1 for item in counted if item.done)
    total = len(counted)
    next_item = next((item for item in items if not item.done), items[0] if items else None)
    return {
        "done_count": done,
        "total_count": total,
        "percent": round(100 * done / total) if total else 0,
        "next_item": next_item,
    }


def course_page_for(*, course: CoursePage, user) -> dict:
    """Everything the course page shows: outline with status, progress, enrolment, lock."""
    items = course_items(course, user)
    state = learner_state(course, user)
    return {
        "items": items,
        "state": state,
        "can_self_enrol": course.enrolment_mode == EnrolmentMode.OPEN,
        "can_download": can_download_for_offline(course, state),
        **_progress_summary(course, items),
    }


def can_download_for_offline(course: CoursePage, state: LearnerState) -> bool:
    """Anyone may keep an open course's lessons for offline reading; a course for assigned
    learners only its enrolled learners. (Wagtail's view restrictions are checked apart.)"""
    return course.enrolment_mode == EnrolmentMode.OPEN or state.enrollment is not None


def offline_pages_for(*, course: CoursePage, user) -> list[str]:
    """The course page and its lessons' URLs, in outline order: what "Tải về để học ngoại
    tuyến" stores. Quizzes are left out: they need the server. One query."""
    from .models import LessonPage

    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    course_url = course.get_url()
    return [course_url] + [
        f"{course_url}{item.slug}/"
        for item in course_items(course, user)
        if item.content_type_id == lesson_type
    ]


def lesson_page_for(*, lesson, user) -> dict:
    """The lesson's course, its place in the outline, previous and next items."""
    course = lesson.get_course_for(user)
    items = course_items(course, user)
    state = learner_state(course, user)
    index = next((i for i, item in enumerate(items) if item.page_id == lesson.pk), 0)
    return {
        "course": course,
        "items": items,
        "state": state,
        "current": items[index] if items else None,
        "position": index + 1,
        "previous_item": items[index - 1] if index > 0 else None,
        "next_item_in_order": items[index + 1] if index + 1 < len(items) else None,
        **_progress_summary(course, items),
    }


def _choice(value: str | None, choices) -> str:
    return value if value in {key for key, _label in choices} else ""


def catalogue_for(*, index_page: CourseIndexPage, user, params: QueryDict) -> dict:
    """Live courses of a catalogue, filtered by topic, audience, targeted competence and folded
    search words."""
    topic = _choice(params.get("chu-de"), Topic.choices)
    audience = _choice(params.get("doi-tuong"), Audience.choices)
    competences = _targeted_competence_choices(index_page)
    competence = _choice(params.get("nang-luc"), competences)
    query = (params.get("q") or "").strip()[:100]
    courses = (
        CoursePage.objects.child_of(index_page).live().select_related("cover").order_by("path")
    )
    if topic:
        courses = courses.filter(topic=topic)
    if audience:
        courses = courses.filter(audiences__contains=f",{audience},")
    if competence:
        courses = courses.filter(targeted_competences__competence_id=int(competence))
    for term in search_terms(query):
        courses = courses.filter(search_text__contains=term)
    courses = list(courses)
    _attach_covers(courses)
    items = items_for_courses(courses, user)
    enrolments = {}
    if user is not None and user.is_authenticated:
        enrolments = {
            e.course_id: e for e in Enrollment.objects.filter(user=user, course__in=courses)
        }
    cards = []
    for course in courses:
        summary = _progress_summary(course, items[course.pk])
        cards.append({"course": course, "enrollment": enrolments.get(course.pk), **summary})
    return {
        "cards": cards,
        "topic": topic,
        "audience": audience,
        "query": query,
        "topics": Topic.choices,
        "audiences": Audience.choices,
        "competence": competence,
        "competences": competences,
        "filtered": bool(topic or audience or competence or query),
    }


def _targeted_competence_choices(index_page: CourseIndexPage) -> list[tuple[str, str]]:
    """The competences that live courses of this catalogue aim at, as filter choices."""
    targeted = (
        Competence.objects.filter(
            targeted_by_courses__course__in=CoursePage.objects.child_of(index_page).live()
        )
        .select_related("area")
        .distinct()
        .order_by("area__order", "order")
    )
    return [(str(c.pk), f"{c.code} {c.name}") for c in targeted]


def _attach_covers(courses: list[CoursePage]) -> None:
    """Fetch every cover's WebP rendition in one query (Wagtail would do one per card)."""
    image_ids = [course.cover_id for course in courses if course.cover_id]
    if not image_ids:
        return
    images = {
        image.pk: image
        for image in get_image_model()
        .objects.filter(pk__in=image_ids)
        .prefetch_renditions(COVER_FILTER)
    }
    for course in courses:
        if course.cover_id in images:
            course.cover = images[course.cover_id]


def my_learning_for(user) -> dict:
    """The learner's dashboard: in progress, assigned (with due dates), completed. 2 queries."""
    enrolments = list(
        Enrollment.objects.filter(user=user)
        .select_related("course")
        .order_by(F("due_on").asc(nulls_last=True), "-enrolled_at")
    )
    courses = [e.course for e in enrolments]
    items = items_for_courses(courses, user)
    today = timezone.localdate()
    in_progress, assigned, completed = [], [], []
    for enrolment in enrolments:
        course = enrolment.course
        row = {
            "enrollment": enrolment,
            "course": course,
            "overdue": bool(
                enrolment.due_on and not enrolment.completed_at and enrolment.due_on < today
            ),
            **_progress_summary(course, items[course.pk]),
        }
        if enrolment.completed_at:
            completed.append(row)
        elif enrolment.due_on or enrolment.source != "self":
            assigned.append(row)
        else:
            in_progress.append(row)
    return {"in_progress": in_progress, "assigned": assigned, "completed": completed}


def manager_units_for(user) -> QuerySet[OrgUnit]:
    """Units a manager may assign courses to: theirs and every unit below them."""
    from people.selectors import units_for

    return units_for(user, roles=(UnitRoleKind.MANAGER,)).active().order_by("path")


def assignable_courses() -> QuerySet[CoursePage]:
    return CoursePage.objects.live().order_by("title")


def courses_for_competences(user, competences, limit: int = 3) -> list[dict]:
    """Live courses that target any of these competences and the learner has not completed,
    most targeted first: the "học tiếp" suggestions of the competence profile. One query."""
    done = Enrollment.objects.filter(user=user, course=OuterRef("pk"), completed_at__isnull=False)
    courses = (
        CoursePage.objects.live()
        .filter(targeted_competences__competence__in=competences)
        .exclude(Exists(done))
        .annotate(matches=Count("targeted_competences"))
        .order_by("-matches", "title")
        .distinct()[:limit]
    )
    return [{"title": course.title, "url": course.url} for course in courses]
