"""Certificate templates (snippets, chosen per course on this side) and issued certificates.

`courses` never imports this app: a template lists the courses it is awarded for, and one
template is the default for every other course.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from .placeholders import PLACEHOLDERS, placeholders_check

DEFAULT_BODY = (
    "Đã hoàn thành khóa học “{khoa_hoc}” với kết quả {diem}, "
    "đạt các năng lực số: {nang_luc}. Cấp ngày {ngay}."
)


def _image(verbose_name):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    title = models.CharField(_("tên mẫu"), max_length=120)
    heading = models.CharField(
        _("tiêu đề trên chứng chỉ"), max_length=120, default="Chứng nhận hoàn thành khóa học"
    )
    body = models.TextField(
        _("nội dung"),
        default=DEFAULT_BODY,
        help_text=_("Chỗ điền dùng được: %(names)s.")
        % {"names": ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)},
    )
    organisation = models.CharField(_("đơn vị cấp"), max_length=200)
    logo = _image(_("biểu trưng"))
    background = _image(_("ảnh nền"))
    signatory_name = models.CharField(_("người ký"), max_length=120)
    signatory_title = models.CharField(_("chức vụ người ký"), max_length=160)
    signature = _image(_("ảnh chữ ký"))
    courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("cấp cho các khóa học"),
        blank=True,
        related_name="+",
    )
    is_default = models.BooleanField(
        _("mẫu mặc định"),
        default=False,
        help_text=_("Dùng cho mọi khóa học không có mẫu riêng. Chỉ một mẫu mặc định."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("heading"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("logo"), FieldPanel("background")],
            heading=_("Đơn vị cấp"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature"),
            ],
            heading=_("Người ký"),
        ),
        FieldPanel("courses"),
        FieldPanel("is_default"),
    ]

    class Meta:
        verbose_name = _("mẫu chứng chỉ")
        verbose_name_plural = _("mẫu chứng chỉ")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificates_template_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        try:
            placeholders_check(self.body or "")
        except ValidationError as error:
            raise ValidationError({"body": error.messages}) from error
        if self.is_default:
            others = CertificateTemplate.objects.filter(is_default=True).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"is_default": _("Đã có một mẫu mặc định: “%s”.") % others.first().title}
                )

    def get_preview_template(self, request, mode_name):
        return "certificates/preview.html"

    def get_preview_context(self, request, mode_name):
        from people.qr import qr_svg

        from .selectors import sample_view_for

        cert = sample_view_for(self)
        return {"cert": cert, "qr": qr_svg(cert.verify_url, css_class="cert-qr-svg")}


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)


class Certificate(models.Model):
    """Proof that a learner completed a course; what it shows is frozen when it is issued."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người học"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("mẫu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    code = models.CharField(_("mã"), max_length=40, unique=True, editable=False)
    holder_name = models.CharField(_("tên người nhận"), max_length=200)
    course_title = models.CharField(_("tên khóa học"), max_length=255)
    issued_at = models.DateTimeField(_("ngày cấp"), default=timezone.now)
    score = models.DecimalField(
        _("điểm (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    competences = models.JSONField(
        _("năng lực đạt được"),
        default=list,
        blank=True,
        help_text=_("Ảnh chụp lúc cấp: mã, tên và bậc của từng năng lực."),
    )
    pdf = models.FileField(_("tệp PDF"), upload_to="chung-chi/", blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True, default="")
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Its bit in a W3C Bitstring Status List (status.py): chosen at random once, when issued.
    status_list = models.PositiveIntegerField(
        _("danh sách trạng thái"), null=True, blank=True, editable=False
    )
    status_index = models.PositiveIntegerField(
        _("vị trí trong danh sách trạng thái"), null=True, blank=True, editable=False
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("chứng chỉ")
        verbose_name_plural = _("chứng chỉ")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="certificates_one_per_course"),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="certificates_one_status_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} — {self.course_title} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def competence_names(self) -> list[str]:
        return [f"{item['code']} {item['name']}" for item in self.competences]
