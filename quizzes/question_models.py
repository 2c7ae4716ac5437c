"""The question bank: categories (a tree), questions and their choices or regions.

Split from `models.py` (which re-exports every name) so that the bank and the quizzes that use
it are read apart. A question imported from a type we do not play yet (essay, description,
cloze) is kept as a draft: `status` says so, `draft_reason` says why, `source` keeps the item
as the file had it, and a quiz can never pick it.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from courses.sanitize import clean_html

from .forms import QuestionForm

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Một lựa chọn đúng")
    MULTIPLE = "multiple", _("Nhiều lựa chọn đúng")
    TRUE_FALSE = "true_false", _("Đúng / Sai")
    SHORT_TEXT = "short_text", _("Trả lời ngắn")
    NUMERIC = "numeric", _("Số")
    ORDERING = "ordering", _("Sắp xếp thứ tự")
    MATCHING = "matching", _("Ghép cặp")
    HOTSPOT = "hotspot", _("Chạm vào vùng trên ảnh")
    # Read from Moodle files and kept as drafts until they can be played (see DRAFT_ONLY_TYPES).
    ESSAY = "essay", _("Tự luận (chưa dùng được)")
    DESCRIPTION = "description", _("Đoạn mô tả (chưa dùng được)")
    CLOZE = "cloze", _("Điền khuyết nhiều chỗ (chưa dùng được)")


DRAFT_ONLY_TYPES = {QuestionType.ESSAY, QuestionType.DESCRIPTION, QuestionType.CLOZE}


class QuestionStatus(models.TextChoices):
    READY = "ready", _("Dùng được")
    DRAFT = "draft", _("Bản nháp — chưa dùng được trong bài kiểm tra")


DEFAULT_PENALTY = Decimal("0.3333333")  # Moodle's default penalty for a wrong try


CHOICE_TYPES = {
    QuestionType.SINGLE,
    QuestionType.MULTIPLE,
    QuestionType.TRUE_FALSE,
    QuestionType.ORDERING,
    QuestionType.MATCHING,
}


class QuestionCategory(models.Model):
    """A category of the bank; categories nest (Moodle's `$course$/top/A/B`) under `parent`."""

    name = models.CharField(_("tên nhóm câu hỏi"), max_length=150)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc nhóm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subcategories",
    )
    description = models.TextField(_("mô tả"), blank=True, default="")

    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("description")]

    class Meta:
        verbose_name = _("nhóm câu hỏi")
        verbose_name_plural = _("nhóm câu hỏi")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="quizzes_category_top_name_unique",
            ),
            models.UniqueConstraint(
                fields=["parent", "name"], name="quizzes_category_name_unique_in_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("Một nhóm không thể nằm trong chính nó.")})
            seen.add(node.pk)
            node = node.parent

    def with_descendants(self) -> list["QuestionCategory"]:
        """This category and every category below it, parents first (one query per level)."""
        found, level = [self], [self.pk]
        while level:
            children = list(QuestionCategory.objects.filter(parent_id__in=level).order_by("name"))
            found += children
            level = [child.pk for child in children]
        return found

    def path(self) -> list[str]:
        """The names from the top category down to this one."""
        names, node = [], self
        while node is not None:
            names.insert(0, node.name)
            node = node.parent
        return names


class Question(index.Indexed, ClusterableModel):
    """One question of the bank. Per-type data lives in choices, regions or numeric fields."""

    base_form_class = QuestionForm

    type = models.CharField(
        _("loại câu hỏi"), max_length=12, choices=QuestionType.choices, default="single"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=QuestionStatus.choices,
        default=QuestionStatus.READY,
        help_text=_("Một bài kiểm tra chỉ dùng câu hỏi ở trạng thái “Dùng được”."),
    )
    draft_reason = models.CharField(_("lý do là bản nháp"), max_length=300, blank=True, default="")
    source = models.TextField(
        _("nguyên văn trong tệp nhập"),
        blank=True,
        default="",
        help_text=_("Câu hỏi như tệp GIFT hoặc Moodle XML đã viết, giữ lại cho bản nháp."),
    )
    name = models.CharField(
        _("tên câu hỏi"),
        max_length=255,
        blank=True,
        default="",
        help_text=_("Tên ngắn để tìm trong ngân hàng; Moodle gọi là “question name”."),
    )
    idnumber = models.CharField(_("mã câu hỏi"), max_length=100, blank=True, default="")
    tags = models.JSONField(_("nhãn"), blank=True, default=list)
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("nhóm câu hỏi"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    text = RichTextField(_("nội dung câu hỏi"), features=RICH_TEXT_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bắt buộc với câu hỏi chạm vào vùng trên ảnh."),
    )
    image_alt = models.CharField(_("mô tả ảnh"), max_length=250, blank=True, default="")
    feedback = models.TextField(
        _("giải thích chung"),
        blank=True,
        default="",
        help_text=_("Hiện cho người học khi xem lại bài, nếu bài kiểm tra cho phép."),
    )
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, default=1)
    penalty = models.DecimalField(
        _("phần điểm trừ mỗi lần thử lại"),
        max_digits=8,
        decimal_places=7,
        default=DEFAULT_PENALTY,
        help_text=_("Từ 0 đến 1, như Moodle; giữ lại khi nhập và xuất."),
    )
    competence = models.ForeignKey(
        "competencies.Competence",
        verbose_name=_("năng lực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    level = models.PositiveSmallIntegerField(
        _("bậc năng lực"),
        null=True,
        blank=True,
        help_text=_("Bậc của khung năng lực mà câu hỏi đánh giá, ví dụ 2."),
    )
    numeric_answer = models.DecimalField(
        _("đáp số"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    numeric_tolerance = models.DecimalField(
        _("sai số cho phép"), max_digits=14, decimal_places=4, default=0
    )
    ignore_diacritics = models.BooleanField(
        _("không phân biệt dấu"),
        default=False,
        help_text=_("Trả lời ngắn: chấp nhận “chu ky so” cho “chữ ký số”."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("type"),
        index.FilterField("category"),
        index.FilterField("competence"),
    ]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("type"),
                FieldPanel("name"),
                FieldPanel("status"),
                FieldPanel("draft_reason", read_only=True),
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("points"), FieldPanel("penalty")]),
                FieldRowPanel([FieldPanel("idnumber"), FieldPanel("tags")]),
            ],
            heading=_("Loại và nhóm"),
        ),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Ảnh")),
        InlinePanel(
            "choices",
            heading=_("Phương án"),
            label=_("Phương án"),
            help_text=_(
                "Một hoặc nhiều lựa chọn và Đúng/Sai: đánh dấu phương án đúng. "
                "Nhiều lựa chọn đúng: điểm = (số phương án đúng đã chọn − số phương án sai "
                "đã chọn) ÷ số phương án đúng, không dưới 0. Trả lời ngắn: mỗi phương án là "
                "một câu trả lời được chấp nhận. Sắp xếp: nhập theo thứ tự đúng. Ghép cặp: "
                "nhập vế trái ở “phương án”, vế phải ở “ghép với”."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("numeric_answer"), FieldPanel("numeric_tolerance")]),
                FieldPanel("ignore_diacritics"),
            ],
            heading=_("Câu trả lời số và trả lời ngắn"),
        ),
        InlinePanel(
            "regions",
            heading=_("Vùng đúng trên ảnh"),
            label=_("Vùng"),
            help_text=_("Tọa độ tính bằng % chiều rộng và chiều cao của ảnh, từ góc trên trái."),
        ),
        FieldPanel("feedback"),
        MultiFieldPanel([FieldPanel("competence"), FieldPanel("level")], heading=_("Năng lực")),
    ]

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["category", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="quizzes_question_points"),
            models.CheckConstraint(
                condition=Q(numeric_tolerance__gte=0), name="quizzes_question_tolerance"
            ),
            models.CheckConstraint(
                condition=Q(penalty__gte=0, penalty__lte=1), name="quizzes_question_penalty"
            ),
            models.CheckConstraint(
                condition=~Q(type__in=sorted(DRAFT_ONLY_TYPES)) | Q(status="draft"),
                name="quizzes_question_unplayable_is_draft",
            ),
        ]

    def __str__(self) -> str:
        from django.utils.html import strip_tags

        text = strip_tags(self.text)
        return text if len(text) <= 80 else f"{text[:79]}…"

    def save(self, *args, **kwargs):
        self.text = clean_html(self.text)
        return super().save(*args, **kwargs)

    @property
    def status_label(self) -> str:
        """What the bank's list shows: a draft says that it is one, and why."""
        if self.status != QuestionStatus.DRAFT:
            return str(QuestionStatus.READY.label)
        label = str(QuestionStatus.DRAFT.label)
        return f"{label}: {self.draft_reason}" if self.draft_reason else label

    def clean(self):
        super().clean()
        if self.type in DRAFT_ONLY_TYPES and self.status != QuestionStatus.DRAFT:
            raise ValidationError(
                {
                    "status": _(
                        "Loại câu hỏi này chưa dùng được trong bài kiểm tra: chỉ là bản nháp."
                    )
                }
            )
        if self.competence_id and not self.level:
            raise ValidationError({"level": _("Hãy chọn bậc năng lực mà câu hỏi đánh giá.")})
        if self.type == QuestionType.NUMERIC and self.numeric_answer is None:
            raise ValidationError({"numeric_answer": _("Câu hỏi số cần có đáp số.")})
        if self.type == QuestionType.HOTSPOT:
            if not self.image_id:
                raise ValidationError({"image": _("Câu hỏi chạm vào ảnh cần có ảnh.")})
            if not self.image_alt.strip():
                raise ValidationError({"image_alt": _("Ảnh cần có mô tả.")})


class Choice(Orderable):
    """A choice, an accepted short answer, an item to order or the left side of a pair."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("phương án"), max_length=500)
    is_correct = models.BooleanField(_("đúng"), default=False)
    match = models.CharField(_("ghép với"), max_length=500, blank=True, default="")
    feedback = models.CharField(_("giải thích"), max_length=500, blank=True, default="")
    fraction = models.DecimalField(
        _("phần điểm"),
        max_digits=8,
        decimal_places=7,
        null=True,
        blank=True,
        help_text=_(
            "Để trống: theo đánh dấu “đúng”. Từ −1 đến 1 cho điểm từng phần, ví dụ 0,5 "
            "(Moodle viết 50%). Trả lời ngắn: 0 là câu trả lời sai có giải thích riêng."
        ),
    )
    tolerance = models.DecimalField(
        _("sai số"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("is_correct"), FieldPanel("match")]),
        FieldRowPanel([FieldPanel("fraction"), FieldPanel("tolerance")]),
        FieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__isnull=True) | Q(fraction__gte=-1, fraction__lte=1),
                name="quizzes_choice_fraction",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__isnull=True) | Q(tolerance__gte=0),
                name="quizzes_choice_tolerance",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class HotspotRegion(Orderable):
    """A correct rectangle on the question's image, in percent of its width and height."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="regions")
    label = models.CharField(_("tên vùng"), max_length=150, blank=True, default="")
    left = models.DecimalField(_("trái (%)"), max_digits=5, decimal_places=2)
    top = models.DecimalField(_("trên (%)"), max_digits=5, decimal_places=2)
    width = models.DecimalField(_("rộng (%)"), max_digits=5, decimal_places=2)
    height = models.DecimalField(_("cao (%)"), max_digits=5, decimal_places=2)

    panels = [
        FieldPanel("label"),
        FieldRowPanel(
            [FieldPanel("left"), FieldPanel("top"), FieldPanel("width"), FieldPanel("height")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vùng đúng")
        verbose_name_plural = _("vùng đúng")
        constraints = [
            models.CheckConstraint(
                condition=Q(left__gte=0, top__gte=0, width__gt=0, height__gt=0)
                & Q(left__lte=100 - F("width"))
                & Q(top__lte=100 - F("height")),
                name="quizzes_region_inside_image",
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.left}, {self.top}"
