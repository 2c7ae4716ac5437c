"""Digital-competence frameworks as data, evidence of what learners showed, attained levels.

A framework (Vietnam's Circular 02/2025, EU DigComp 2.2 …) has areas, each area has
competences, and the framework has numbered proficiency levels. Questions and courses in
higher apps point at a Competence with `on_delete=PROTECT`; evidence from graded answers
accumulates here and `rules.attained_level` turns it into a `CompetenceLevel` per learner.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


def _localized(obj, field: str) -> str:
    """The English variant of a data field when the page is in English and one exists."""
    if (get_language() or "").startswith("en"):
        return getattr(obj, f"{field}_en", "") or getattr(obj, field)
    return getattr(obj, field)


class BilingualName:
    """Framework data carries `name` (Vietnamese) and `name_en`; show the one for the page."""

    @property
    def display_name(self) -> str:
        return _localized(self, "name")


class Framework(BilingualName, models.Model):
    """A published competence framework, e.g. Circular 02/2025/TT-BGDĐT or DigComp 2.2."""

    code = models.SlugField(
        _("mã khung"),
        max_length=40,
        unique=True,
        help_text=_("Mã ngắn, không dấu, ví dụ vn-tt02-2025 hoặc digcomp-2-2."),
    )
    name = models.CharField(_("tên khung"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True, default="")
    source = models.TextField(
        _("nguồn trích dẫn"), help_text=_("Văn bản ban hành khung: số hiệu, cơ quan, ngày.")
    )
    source_url = models.URLField(_("địa chỉ văn bản gốc"), blank=True, default="")
    version = models.CharField(_("phiên bản"), max_length=40, blank=True, default="")
    is_primary = models.BooleanField(
        _("khung chính"),
        default=False,
        help_text=_("Khung được dùng cho hồ sơ năng lực số của người học. Chỉ một khung chính."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("source"),
        FieldPanel("source_url"),
        FieldPanel("version"),
        FieldPanel("is_primary"),
    ]

    class Meta:
        verbose_name = _("khung năng lực số")
        verbose_name_plural = _("khung năng lực số")
        ordering = ["-is_primary", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_primary"],
                condition=Q(is_primary=True),
                name="competencies_framework_one_primary",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Area(BilingualName, models.Model):
    """A competence area (miền năng lực), e.g. "4. An toàn"."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("khung"), on_delete=models.PROTECT, related_name="areas"
    )
    code = models.CharField(_("mã miền"), max_length=10, help_text=_("Ví dụ: 1, 2, … 6."))
    name = models.CharField(_("tên miền năng lực"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True, default="")
    description = models.TextField(_("mô tả"), blank=True, default="")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("framework"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldPanel("order"),
    ]

    class Meta:
        verbose_name = _("miền năng lực")
        verbose_name_plural = _("miền năng lực")
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competencies_area_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class CompetenceQuerySet(models.QuerySet):
    def of_framework(self, framework: Framework):
        return self.filter(area__framework=framework)

    def ordered(self):
        return self.order_by("area__order", "area__code", "order", "code")


class Competence(BilingualName, models.Model):
    """A component competence (năng lực thành phần), e.g. "4.2 Bảo vệ dữ liệu cá nhân …".

    Questions and courses point here with `on_delete=PROTECT`, so a competence in use can
    never be deleted (the admin explains why and counts the uses).
    """

    area = models.ForeignKey(
        Area, verbose_name=_("miền năng lực"), on_delete=models.PROTECT, related_name="competences"
    )
    code = models.CharField(_("mã năng lực"), max_length=10, help_text=_("Ví dụ: 1.1, 4.2."))
    name = models.CharField(_("tên năng lực"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True, default="")
    description = models.TextField(_("mô tả"), blank=True, default="")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = CompetenceQuerySet.as_manager()

    panels = [
        FieldPanel("area"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldPanel("order"),
    ]

    class Meta:
        verbose_name = _("năng lực thành phần")
        verbose_name_plural = _("năng lực thành phần")
        ordering = ["area__framework", "area__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="competencies_competence_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self):
        super().clean()
        if self.area_id and self.code and not self.code.startswith(f"{self.area.code}."):
            raise ValidationError(
                {
                    "code": _("Mã năng lực phải bắt đầu bằng mã miền “%(area)s.”.")
                    % {"area": self.area.code}
                }
            )


class Level(BilingualName, models.Model):
    """A proficiency level (bậc) of a framework, numbered from 1, grouped in bands (trình độ)."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("khung"), on_delete=models.PROTECT, related_name="levels"
    )
    number = models.PositiveSmallIntegerField(_("bậc"))
    name = models.CharField(_("tên bậc"), max_length=100, help_text=_("Ví dụ: Cơ bản 1."))
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100, blank=True, default="")
    band = models.CharField(_("trình độ"), max_length=100, help_text=_("Ví dụ: Cơ bản."))
    band_en = models.CharField(_("trình độ (tiếng Anh)"), max_length=100, blank=True, default="")
    description = models.TextField(_("mô tả"), blank=True, default="")

    panels = [
        FieldPanel("framework"),
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("band"),
        FieldPanel("band_en"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("bậc năng lực")
        verbose_name_plural = _("bậc năng lực")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="competencies_level_no"),
            models.CheckConstraint(condition=Q(number__gte=1), name="competencies_level_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CompetenceMapping(models.Model):
    """Two competences of different frameworks that cover the same ground."""

    competence_a = models.ForeignKey(
        Competence,
        verbose_name=_("năng lực"),
        on_delete=models.CASCADE,
        related_name="mappings_from",
    )
    competence_b = models.ForeignKey(
        Competence,
        verbose_name=_("năng lực tương ứng"),
        on_delete=models.CASCADE,
        related_name="mappings_to",
    )
    note = models.TextField(_("ghi chú"), blank=True, default="")

    panels = [FieldPanel("competence_a"), FieldPanel("competence_b"), FieldPanel("note")]

    class Meta:
        verbose_name = _("đối chiếu năng lực")
        verbose_name_plural = _("đối chiếu năng lực")
        constraints = [
            models.UniqueConstraint(
                fields=["competence_a", "competence_b"], name="competencies_mapping_unique"
            ),
            models.CheckConstraint(
                condition=~Q(competence_a=F("competence_b")), name="competencies_mapping_distinct"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence_a} ↔ {self.competence_b}"

    def clean(self):
        super().clean()
        if (
            self.competence_a_id
            and self.competence_b_id
            and self.competence_a.area.framework_id == self.competence_b.area.framework_id
        ):
            raise ValidationError(
                _("Chỉ đối chiếu hai năng lực thuộc hai khung năng lực khác nhau.")
            )


class Evidence(models.Model):
    """One graded piece of work on a competence at a level, e.g. one quiz response.

    `item_key` names what was assessed (e.g. "question:42"): the level rule counts only the
    latest evidence per item. `source_type`/`source_id` name the record it came from (e.g.
    "quiz_response" + its id) without importing the app that owns it; recording evidence for
    the same source again replaces it (a regrade, finishing twice).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người học"),
        on_delete=models.CASCADE,
        related_name="competence_evidence",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("năng lực"), on_delete=models.PROTECT, related_name="evidence"
    )
    level = models.PositiveSmallIntegerField(_("bậc"))
    item_key = models.CharField(_("nội dung được đánh giá"), max_length=80)
    points = models.DecimalField(_("điểm đạt"), max_digits=7, decimal_places=2)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    source_type = models.CharField(_("loại nguồn"), max_length=40)
    source_id = models.CharField(_("mã nguồn"), max_length=64)

    class Meta:
        verbose_name = _("minh chứng năng lực")
        verbose_name_plural = _("minh chứng năng lực")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="competencies_evidence_source"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0)
                & Q(points__gte=0)
                & Q(points__lte=F("max_points"))
                & Q(level__gte=1),
                name="competencies_evidence_points_valid",
            ),
        ]
        indexes = [models.Index(fields=["user", "competence", "item_key", "at"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.competence.code} ({self.points}/{self.max_points})"

    @property
    def correct(self) -> bool:
        return self.points >= self.max_points


class CompetenceLevel(models.Model):
    """A learner's attained level on one competence (0 = not yet), kept by the services."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người học"),
        on_delete=models.CASCADE,
        related_name="competence_levels",
    )
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("năng lực"),
        on_delete=models.CASCADE,
        related_name="attained_levels",
    )
    level = models.PositiveSmallIntegerField(_("bậc đạt được"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mức năng lực đạt được")
        verbose_name_plural = _("mức năng lực đạt được")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competence"], name="competencies_level_per_user"
            )
        ]
        indexes = [models.Index(fields=["competence", "level"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.competence.code}: {self.level}"
