"""Quizzes: a question bank in categories, quiz pages inside courses, attempts and responses.

The correct answers live on `Choice.is_correct`, `Choice.match`, `Question.numeric_answer` and
`HotspotRegion`; none of them is ever rendered to a learner before the review policy allows it
(see `selectors.py`, which builds what a question screen may show).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from courses.models import CourseItem, RestrictionsInOneQueryMixin

from .question_models import (  # noqa: E402,F401  the bank's models, re-exported
    CHOICE_TYPES,
    DRAFT_ONLY_TYPES,
    RICH_TEXT_FEATURES,
    Choice,
    HotspotRegion,
    Question,
    QuestionCategory,
    QuestionStatus,
    QuestionType,
)


class Layout(models.TextChoices):
    ONE_PER_SCREEN = "one", _("Mỗi màn hình một câu")
    ALL_ON_ONE = "all", _("Tất cả trên một màn hình")


class ReviewPolicy(models.TextChoices):
    SCORE = "score", _("Chỉ điểm")
    WRONG = "wrong", _("Điểm và các câu sai")
    FULL = "full", _("Đầy đủ: đáp án đúng và giải thích")
    AFTER_CLOSE = "after_close", _("Đầy đủ, nhưng chỉ sau khi bài kiểm tra đóng")


class QuizPage(RestrictionsInOneQueryMixin, CourseItem, Page):
    """A quiz, an item of a course like a lesson: passing it counts for completion."""

    intro = models.TextField(_("lời dặn"), blank=True, default="", max_length=1000)
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"), default=70, help_text=_("Từ 1 đến 100.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giới hạn."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("số lần làm tối đa"), default=0, help_text=_("0 là không giới hạn.")
    )
    shuffle_questions = models.BooleanField(_("xáo trộn câu hỏi"), default=False)
    shuffle_choices = models.BooleanField(_("xáo trộn phương án"), default=True)
    random_category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("lấy ngẫu nhiên từ nhóm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    random_count = models.PositiveSmallIntegerField(
        _("số câu ngẫu nhiên"), default=0, help_text=_("Thêm vào sau các câu cố định.")
    )
    layout = models.CharField(
        _("cách trình bày"), max_length=3, choices=Layout.choices, default=Layout.ONE_PER_SCREEN
    )
    review_policy = models.CharField(
        _("xem lại sau khi nộp"),
        max_length=12,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.FULL,
    )
    opens_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    closes_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    item_kind = _("Bài kiểm tra")
    template = "quizzes/quiz_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("required"), FieldPanel("estimated_minutes")],
            heading=_("Trong khóa học"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("max_attempts"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Luật làm bài"),
        ),
        InlinePanel("fixed_questions", heading=_("Câu hỏi cố định"), label=_("Câu hỏi")),
        MultiFieldPanel(
            [FieldPanel("random_category"), FieldPanel("random_count")],
            heading=_("Câu hỏi ngẫu nhiên"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("layout"),
                FieldPanel("review_policy"),
            ],
            heading=_("Trình bày và xem lại"),
        ),
    ]

    class Meta:
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")

    def clean(self):
        super().clean()
        if not 1 <= (self.pass_mark or 0) <= 100:
            raise ValidationError({"pass_mark": _("Điểm đạt phải từ 1 đến 100.")})
        if self.random_count and not self.random_category_id:
            raise ValidationError({"random_category": _("Hãy chọn nhóm để lấy câu ngẫu nhiên.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Giờ đóng phải sau giờ mở.")})

    def get_context(self, request, *args, **kwargs):
        from .selectors import quiz_page_for

        context = super().get_context(request, *args, **kwargs)
        context.update(quiz_page_for(quiz=self, user=request.user))
        return context


class QuizQuestion(Orderable):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(
        Question,
        verbose_name=_("câu hỏi"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"status": QuestionStatus.READY},
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("câu hỏi cố định")
        verbose_name_plural = _("câu hỏi cố định")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quizzes_fixed_unique")
        ]


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang làm")
    FINISHED = "finished", _("Đã nộp")
    ABANDONED = "abandoned", _("Bỏ dở")


class AttemptQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(state=AttemptState.IN_PROGRESS)

    def finished(self):
        return self.filter(state=AttemptState.FINISHED)

    def overdue(self, now=None):
        return self.in_progress().filter(deadline__lt=now or timezone.now())


class Attempt(models.Model):
    """One attempt of a learner at a quiz. `layout` freezes the questions (and the order of
    their choices) chosen at start; `sequence` grows with every saved answer, so that a stale
    tab cannot overwrite newer answers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người học"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        QuizPage, verbose_name=_("bài kiểm tra"), on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("lần thứ"))
    max_number = models.PositiveSmallIntegerField(
        _("số lần tối đa khi bắt đầu"), default=0, editable=False
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=AttemptState.choices,
        default=AttemptState.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("bắt đầu lúc"), default=timezone.now)
    deadline = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    finished_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    points = models.DecimalField(
        _("điểm đạt được"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2, default=0)
    score = models.DecimalField(
        _("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("số lần lưu"), default=0)
    layout = models.JSONField(_("câu hỏi của lần làm"), default=list, editable=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần làm bài")
        verbose_name_plural = _("lần làm bài")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quizzes_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(state="in_progress"),
                name="quizzes_attempt_one_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & (Q(max_number=0) | Q(number__lte=F("max_number"))),
                name="quizzes_attempt_number_within_max",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.quiz_id} #{self.number}"

    @property
    def question_ids(self) -> list[int]:
        return [entry["id"] for entry in self.layout]

    def entry_for(self, question_id: int) -> dict | None:
        return next((entry for entry in self.layout if entry["id"] == question_id), None)

    def is_overdue(self, now=None) -> bool:
        return bool(self.deadline and (now or timezone.now()) > self.deadline)


class Response(models.Model):
    """A learner's answer to one question of an attempt; graded when the attempt finishes."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("lần làm bài"), on_delete=models.CASCADE, related_name="responses"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("câu hỏi"), on_delete=models.PROTECT, related_name="responses"
    )
    answer = models.JSONField(_("câu trả lời"), null=True, blank=True)
    saved_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    correct = models.BooleanField(_("đúng"), null=True, blank=True)
    points = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="quizzes_response_unique")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} / {self.question_id}"
