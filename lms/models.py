"""The home page: an editable hero, featured courses and 'how it works' per audience."""

import copy

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from .blocks import AudienceGuideBlock
from .generation import Memo

# (home page, slug) -> the catalogue under it, until pages change.
_catalogues = Memo()


class HomePage(Page):
    hero_title = models.CharField(_("tiêu đề chính"), max_length=120)
    hero_text = models.TextField(_("lời giới thiệu"), max_length=500)
    hero_cta_label = models.CharField(
        _("chữ trên nút chính"), max_length=40, default="Xem các khóa học"
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("nút chính dẫn tới"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how_it_works = StreamField(
        [("audience", AudienceGuideBlock())],
        verbose_name=_("cách học, theo từng đối tượng"),
        blank=True,
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_label"),
                PageChooserPanel("hero_cta_page"),
            ],
            heading=_("Phần mở đầu"),
        ),
        InlinePanel("featured_courses", label=_("Khóa học nổi bật"), max_num=6),
        FieldPanel("how_it_works"),
    ]

    class Meta:
        verbose_name = _("trang chủ")

    def route(self, request, path_components):
        if not path_components:
            # This object may be the one lms.sites keeps between requests: the home page
            # itself is served as it is in the database now.
            return super(HomePage, HomePage.objects.get(pk=self.pk)).route(request, [])
        # Most requests go to the catalogue and below: find it without a query (it is kept
        # until pages change), not with Wagtail's two.
        index = _catalogues.get_or_compute(
            (self.pk, path_components[0]), lambda: self._catalogue(path_components[0])
        )
        if index is not None:
            index = copy.copy(index)
            index._cached_parent_obj = self
            return index.route(request, path_components[1:])
        return super().route(request, path_components)

    def _catalogue(self, slug: str):
        from courses.models import CourseIndexPage

        return CourseIndexPage.objects.child_of(self).filter(slug=slug).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = [
            item.course.specific
            for item in self.featured_courses.select_related("course").all()
            if item.course.live
        ]
        return context


class HomePageFeaturedCourse(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("khóa học"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("khóa học nổi bật")


class IdempotentRequest(models.Model):
    """The outcome of one queued action (an offline progress mark, a quiz answer), kept under
    the client's idempotency key so that sending it again returns the same answer and changes
    nothing (see lms/idempotency.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.UUIDField(_("khóa chống gửi trùng"))
    path = models.CharField(_("đường dẫn"), max_length=255)
    status = models.PositiveSmallIntegerField(_("mã trả lời"))
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    body = models.TextField(_("nội dung trả lời"))
    created_at = models.DateTimeField(_("lúc nhận"), auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu đã nhận")
        verbose_name_plural = _("yêu cầu đã nhận")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="lms_idempotentrequest_unique")
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
