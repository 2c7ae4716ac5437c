"""Reads of the certificates app: what a certificate shows, who may see it, which template."""

import dataclasses
import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from competencies.models import CompetenceLevel
from courses.models import CoursePage
from quizzes.models import Attempt, Question

from .models import Certificate, CertificateTemplate
from .placeholders import placeholders_fill


def template_for(course: CoursePage) -> CertificateTemplate | None:
    """The template chosen for `course`, else the default one."""
    return (
        CertificateTemplate.objects.filter(Q(courses=course) | Q(is_default=True))
        .order_by("is_default", "pk")
        .select_related("logo", "background", "signature")
        .first()
    )


def best_score_for(*, user, course: CoursePage) -> Decimal | None:
    """The best passed quiz score (%) of `user` in `course`, None without a quiz. Rounded to
    the hundredth again: SQLite's MAX gives a float, read back as Decimal('66.6700000000000'),
    which the certificate's five-digit score field refuses."""
    best = Attempt.objects.filter(
        user=user, quiz__path__startswith=course.path, passed=True
    ).aggregate(best=Max("score"))["best"]
    return None if best is None else best.quantize(Decimal("0.01"))


def attained_competences_for(*, user, course: CoursePage) -> list[dict]:
    """The competences the course's quizzes tested on which `user` has reached a level."""
    tested = Question.objects.filter(
        responses__attempt__user=user,
        responses__attempt__quiz__path__startswith=course.path,
        competence__isnull=False,
    ).values("competence")
    levels = (
        CompetenceLevel.objects.filter(user=user, level__gte=1, competence__in=tested)
        .select_related("competence")
        .order_by("competence__code")
    )
    return [
        {"code": row.competence.code, "name": row.competence.name, "level": row.level}
        for row in levels
    ]


def certificates_of(user):
    """The learner's certificates, newest first."""
    return Certificate.objects.filter(user=user).select_related("course")


NEW_FOR = datetime.timedelta(days=14)


def certificates_new_for(user, *, limit: int = 3) -> list[Certificate]:
    """The learner's valid certificates issued in the last two weeks, newest first. One query."""
    if not user.is_authenticated:
        return []
    since = timezone.now() - NEW_FOR
    return list(
        Certificate.objects.valid()
        .filter(user=user, issued_at__gte=since)
        .only("code", "course_title", "issued_at")
        .order_by("-issued_at")[:limit]
    )


def certificate_of_owner(*, user, code: str) -> Certificate | None:
    """The certificate with `code` if `user` holds it (None for anyone else)."""
    if not user.is_authenticated:
        return None
    return (
        Certificate.objects.filter(user=user, code=code)
        .select_related("template__logo", "template__background", "template__signature")
        .first()
    )


def certificate_public(code: str | None) -> Certificate | None:
    if not code:
        return None
    return (
        Certificate.objects.filter(code=code)
        .select_related("template__logo", "template__background", "template__signature")
        .first()
    )


def verify_url(code: str) -> str:
    """The absolute public verification URL (the QR code's target)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("certificates_verify:detail", kwargs={"code": code})


@dataclasses.dataclass
class CertificateView:
    """Everything the HTML page and the PDF show, from one place."""

    heading: str
    holder_name: str
    course_title: str
    body: str
    organisation: str
    signatory_name: str
    signatory_title: str
    code: str
    issued_on: datetime.date
    verify_url: str
    template: CertificateTemplate | None
    revoked: bool = False
    revoked_at: datetime.datetime | None = None
    revoke_reason: str = ""


def _score_text(score) -> str:
    if score is None:
        return _("đạt")
    return f"{formats.number_format(score, 0)}%"


def _view(template, *, holder_name, course_title, issued_at, score, competences, code, cert=None):
    issued_on = timezone.localtime(issued_at).date()
    values = {
        "ho_ten": holder_name,
        "khoa_hoc": course_title,
        "ngay": formats.date_format(issued_on, "d/m/Y"),
        "diem": _score_text(score),
        "nang_luc": "; ".join(f"{c['code']} {c['name']}" for c in competences) or _("(không có)"),
        "ma": code,
    }
    return CertificateView(
        heading=template.heading if template else _("Chứng nhận hoàn thành khóa học"),
        holder_name=values["ho_ten"],
        course_title=course_title,
        body=placeholders_fill(template.body if template else "{khoa_hoc}", values),
        organisation=template.organisation if template else "",
        signatory_name=template.signatory_name if template else "",
        signatory_title=template.signatory_title if template else "",
        code=code,
        issued_on=issued_on,
        verify_url=verify_url(code),
        template=template,
        revoked=bool(cert and cert.revoked_at),
        revoked_at=cert.revoked_at if cert else None,
        revoke_reason=cert.revoke_reason if cert else "",
    )


def certificate_view_for(cert: Certificate) -> CertificateView:
    return _view(
        cert.template,
        holder_name=cert.holder_name,
        course_title=cert.course_title,
        issued_at=cert.issued_at,
        score=cert.score,
        competences=cert.competences,
        code=cert.code,
        cert=cert,
    )


def sample_view_for(template: CertificateTemplate) -> CertificateView:
    """A made-up certificate for the admin's live preview."""
    return _view(
        template,
        holder_name="Nguyễn Thị Ánh Tuyết",
        course_title=_("Chữ ký số chuyên dùng cho cán bộ"),
        issued_at=timezone.now(),
        score=Decimal("92"),
        competences=[{"code": "4.2", "name": _("Bảo vệ dữ liệu cá nhân"), "level": 3}],
        code="ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
    )
