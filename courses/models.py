"""Courses: the catalogue, courses and their items (lessons; quizzes plug in), enrolment and
progress.

A course's items are its live child pages, in page-tree order. Any page model that inherits
`CourseItem` may be a child of a course: the quizzes app adds `QuizPage(CourseItem, Page)` and
it is allowed under `CoursePage` without this app knowing about it.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from lms.generation import Memo
from people.models import Audience

from .blocks import LessonBodyBlock
from .fields import ChoiceSetField
from .search import fold


class Topic(models.TextChoices):
    DIGITAL_SIGNATURE = "digital_signature", _("Chữ ký số")
    PUBLIC_SERVICES = "public_services", _("Dịch vụ công trực tuyến")
    INFORMATION_SAFETY = "information_safety", _("An toàn thông tin")
    BASIC_SKILLS = "basic_skills", _("Kỹ năng số cơ bản")


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Mở: ai cũng tự đăng ký được")
    ASSIGNED = "assigned", _("Chỉ người được giao")


class CompletionRule(models.TextChoices):
    REQUIRED_ITEMS = "required_items", _("Xong mọi bài bắt buộc và đạt mọi bài kiểm tra bắt buộc")
    ALL_ITEMS = "all_items", _("Xong mọi bài, kể cả bài không bắt buộc")


class ProgressStatus(models.TextChoices):
    STARTED = "started", _("Đang học")
    COMPLETED = "completed", _("Đã xong")
    PASSED = "passed", _("Đã đạt")
    FAILED = "failed", _("Chưa đạt")


# A lesson is done when completed; a quiz when passed (a quiz never writes COMPLETED).
DONE_STATUSES = (ProgressStatus.COMPLETED, ProgressStatus.PASSED)


# The paths of pages with a view restriction, and of their aliases, until pages or
# restrictions change (lms.generation): most pages have none, and then ask nothing.
_restricted_paths = Memo()


def restricted_paths() -> frozenset[str]:
    return _restricted_paths.get_or_compute(
        "paths",
        lambda: frozenset(
            PageViewRestriction.objects.values_list("page__path", flat=True).union(
                PageViewRestriction.objects.filter(page__aliases__isnull=False).values_list(
                    "page__aliases__path", flat=True
                )
            )
        ),
    )


# Pages as routing fetches them (a course by its URL path, a lesson by its id), the same for
# every visitor, until pages change (lms.generation). Each request gets its own copy: what a
# request sets on its page (the learner's outline and state) never reaches the kept one.
_routed_pages = Memo(max_entries=1000)


def routed_page(key, fetch):
    """A copy of the page kept under `key`, fetched once per generation (None if none)."""
    page = _routed_pages.get_or_compute(key, fetch)
    return None if page is None else copy.copy(page)


class RestrictionsInOneQueryMixin:
    """View restrictions of the page and its ancestors (or their alias sources): none without a
    query when no such page is restricted, else one query, instead of Wagtail's two. These pages
    are the busiest of the site."""

    def get_view_restrictions(self):
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        if restricted_paths().isdisjoint(paths):
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()


class CourseIndexPage(RestrictionsInOneQueryMixin, Page):
    """The catalogue: every live course as a card, with filters and diacritic-free search."""

    intro = models.TextField(_("lời giới thiệu"), max_length=500, blank=True)

    subpage_types = ["courses.CoursePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("danh mục khóa học")
        verbose_name_plural = _("danh mục khóa học")

    def route(self, request, path_components):
        # One query for the course (Wagtail's default costs two per level of the tree).
        if not path_components:
            return super().route(request, path_components)
        url_path = f"{self.url_path}{path_components[0]}/"
        # The learner's enrolment is read when the page needs it (courses.selectors.learner_state).
        course = routed_page(
            ("course", url_path), lambda: CoursePage.objects.filter(url_path=url_path).first()
        )
        if course is None:
            return super().route(request, path_components)
        course._cached_parent_obj = self
        course.routed = True  # a copy for this request: its items may use it as it is
        return course.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_for

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_for(index_page=self, user=request.user, params=request.GET))
        return context


class CoursePageQuerySet(PageQuerySet):
    def with_learner(self, user):
        """Annotate the user's enrolment and whether a prerequisite is unfinished (no query)."""
        if user is None or not user.is_authenticated:
            return self
        mine = Enrollment.objects.filter(user=user, course=OuterRef("pk"))
        finished = Enrollment.objects.filter(
            user=user, course=OuterRef("pk"), completed_at__isnull=False
        )
        unfinished_prerequisites = CoursePage.objects.filter(
            required_for=OuterRef("pk"), live=True
        ).exclude(Exists(finished))
        return self.annotate(
            learner_enrollment_id=Subquery(mine.values("pk")[:1]),
            learner_source=Subquery(mine.values("source")[:1]),
            learner_due_on=Subquery(mine.values("due_on")[:1]),
            learner_enrolled_at=Subquery(mine.values("enrolled_at")[:1]),
            learner_completed_at=Subquery(mine.values("completed_at")[:1]),
            learner_locked=Exists(unfinished_prerequisites),
            learner_id=Value(user.pk),
        )


class CoursePage(RestrictionsInOneQueryMixin, Page):
    summary = models.TextField(_("tóm tắt"), max_length=400)
    outcomes = models.TextField(
        _("học xong, bạn sẽ"),
        max_length=1500,
        blank=True,
        help_text=_("Mỗi dòng một điều người học làm được sau khóa học."),
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("mô tả ảnh bìa"), max_length=200, blank=True)
    topic = models.CharField(_("chủ đề"), max_length=30, choices=Topic.choices)
    audiences = ChoiceSetField(_("dành cho"), choices=Audience.choices)
    estimated_minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), default=30)
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("cần học xong trước"),
        symmetrical=False,
        blank=True,
        related_name="required_for",
    )
    enrolment_mode = models.CharField(
        _("cách đăng ký"), max_length=10, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    completion_rule = models.CharField(
        _("điều kiện hoàn thành"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.REQUIRED_ITEMS,
    )
    certificate_note = models.CharField(
        _("chứng chỉ"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ “Chứng chỉ hoàn thành, có mã QR để kiểm tra”."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = PageManager.from_queryset(CoursePageQuerySet)()

    parent_page_types = ["courses.CourseIndexPage"]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("outcomes"),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("Ảnh bìa")),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("audiences"),
                FieldPanel("estimated_minutes"),
                FieldPanel("certificate_note"),
            ],
            heading=_("Giới thiệu khóa học"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
                FieldPanel("completion_rule"),
            ],
            heading=_("Đăng ký và hoàn thành"),
        ),
        InlinePanel("targeted_competences", label=_("Năng lực số hướng tới"), max_num=8),
    ]

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    @classmethod
    def clean_subpage_models(cls):
        # The item protocol: every page model that is a CourseItem may live in a course.
        return [model for model in get_page_models() if issubclass(model, CourseItem)]

    def clean(self):
        super().clean()
        if self.cover_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Ảnh bìa cần có mô tả.")})

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join([self.title, self.summary, self.get_topic_display(), self.outcomes])
        )
        return super().save(*args, **kwargs)

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[value]) for value in self.audiences if value in labels]

    @property
    def outcome_lines(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]

    def route(self, request, path_components):
        if path_components:
            from .selectors import course_items

            if not self.live:
                raise Http404

            items = course_items(self, request.user)
            slug = path_components[0]
            item = next((item for item in items if item.slug == slug), None)
            if item is None or len(path_components) > 1:
                raise Http404
            model = ContentType.objects.get_for_id(item.content_type_id).model_class()
            if model is LessonPage:
                # Without its body: the template keeps the body rendered (page_fragments), and a
                # copy that needs it (a fragment to render) reads it then.
                specific = routed_page(
                    ("lesson", item.page_id),
                    lambda: model.objects.defer("body").get(pk=item.page_id),
                )
            else:
                # Other items (quizzes) are theirs to keep or not: fetched as they are now.
                specific = model.objects.get(pk=item.page_id)
            specific._cached_parent_obj = self
            return specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_page_for

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_for(course=self, user=request.user))
        context["targeted_competences"] = list(
            self.targeted_competences.select_related("competence")
        )
        return context


class CourseCompetence(Orderable):
    """A competence a course aims at, and the level (1–8) it aims for."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="targeted_competences")
    competence = models.ForeignKey(
        "competencies.Competence",
        verbose_name=_("năng lực"),
        on_delete=models.PROTECT,
        related_name="targeted_by_courses",
    )
    target_level = models.PositiveSmallIntegerField(
        _("mức hướng tới"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("Bậc 1–8 của khung năng lực số."),
    )

    panels = [FieldPanel("competence"), FieldPanel("target_level")]

    class Meta(Orderable.Meta):
        verbose_name = _("năng lực hướng tới")
        verbose_name_plural = _("năng lực hướng tới")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "competence"], name="courses_coursecompetence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competence} — {self.target_level}"


class CourseItem(models.Model):
    """What every item of a course has: it may be required, it takes some minutes.

    A page model that inherits this (before `Page`) is allowed under a course, shows in its
    outline and counts for completion through `Progress`: a lesson is done when COMPLETED,
    a quiz when PASSED.
    """

    required = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Phải xong bài này mới hoàn thành khóa học.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), default=5)

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    item_kind = _("Bài học")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, "title", ""))

    def get_course(self) -> "CoursePage":
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, CoursePage):
            return parent
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    def get_course_for(self, user) -> "CoursePage":
        """The course, as routing fetched it, or with the user's enrolment annotated."""
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, CoursePage) and (
            getattr(parent, "routed", False)
            or getattr(parent, "learner_id", None) == getattr(user, "pk", None)
        ):
            return parent
        return CoursePage.objects.with_learner(user).get(path=self.path[: -self.steplen])


class LessonPage(RestrictionsInOneQueryMixin, CourseItem, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("nội dung bài"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("required"), FieldPanel("estimated_minutes")],
            heading=_("Trong khóa học"),
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def get_context(self, request, *args, **kwargs):
        from .selectors import lesson_page_for

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_for(lesson=self, user=request.user))
        return context


class EnrollmentSource(models.TextChoices):
    SELF = "self", _("Tự đăng ký")
    ASSIGNED = "assigned", _("Được giao")
    BULK = "bulk", _("Giao theo đơn vị")


class EnrollmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(completed_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.active().filter(due_on__lt=on)


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người học"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="enrollments"
    )
    source = models.CharField(
        _("nguồn"), max_length=10, choices=EnrollmentSource.choices, default=EnrollmentSource.SELF
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("ngày đăng ký"), default=timezone.now)
    completed_at = models.DateTimeField(_("ngày hoàn thành"), null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký học")
        verbose_name_plural = _("đăng ký học")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_unique")
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.course}"

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_on and not self.completed_at and self.due_on < timezone.localdate())


class Progress(models.Model):
    """A learner's state on one item of a course. Unpublishing the item keeps it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người học"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("bài"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ProgressStatus.choices, default="started"
    )
    completed_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    score = models.DecimalField(
        _("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("bắt đầu lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("tiến độ")
        verbose_name_plural = _("tiến độ")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="courses_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.page_id}: {self.get_status_display()}"

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES
