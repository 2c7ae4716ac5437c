"""Demo data for certificates: the issuer's keys (self-signed, git-ignored), a default template,
and one certificate for the demo learner, earned the real way (the course's lessons completed
through the courses services) and issued through the same service with its documented code, so
that the e-mail it sends carries that code. Idempotent."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from courses.models import CoursePage, Enrollment, LessonPage
from courses.services import lesson_complete
from people.demo import editors_group_grant
from people.models import User

from .issuer import issuer_create, issuer_exists
from .models import Certificate, CertificateTemplate
from .services import certificate_award

LEARNER_EMAIL = "hocvien@example.com"
DEMO_COURSE_SLUG = "an-toan-thong-tin"
# The demo certificate's code is printed in the README so that anyone can try the public check;
# it is deliberately not secret. Real certificates get 160 random bits (codes.py).
DEMO_CODE = "HOCK-YNAN-GSO2-DONG-NAI2-CHUN-GCHI-DEMO"


def _issuer() -> None:
    if not issuer_exists():
        issuer_create(
            p12_path=Path(settings.CERTIFICATE_ISSUER_P12),
            ed25519_path=Path(settings.CERTIFICATE_ISSUER_ED25519_KEY),
            passphrase=settings.CERTIFICATE_ISSUER_PASSPHRASE,
        )


def _template() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate(
            title="Chứng chỉ hoàn thành khóa học (mặc định)",
            heading="Chứng nhận hoàn thành khóa học",
            organisation="Sở Khoa học và Công nghệ tỉnh Đồng Nai",
            signatory_name="Phạm Minh Đức",
            signatory_title="Giám đốc Trung tâm Chuyển đổi số",
            is_default=True,
        )
        template.full_clean()
        template.save()
    return template


def _learner_certificate() -> None:
    learner = User.objects.filter(email__iexact=LEARNER_EMAIL).first()
    course = CoursePage.objects.live().filter(slug=DEMO_COURSE_SLUG).first()
    if learner is None or course is None:
        return
    if Certificate.objects.filter(user=learner, course=course).exists():
        return
    code = None if Certificate.objects.filter(code=DEMO_CODE).exists() else DEMO_CODE
    with transaction.atomic():
        for lesson in LessonPage.objects.child_of(course).live().order_by("path"):
            lesson_complete(user=learner, lesson=lesson)
        # Issued here with its documented code, before `course_completed` runs on commit (which
        # then finds it): the one e-mail the learner gets carries the code that stays.
        if Enrollment.objects.filter(
            user=learner, course=course, completed_at__isnull=False
        ).exists():
            certificate_award(user=learner, course=course, code=code)


def seed() -> Certificate | None:
    _issuer()
    _template()
    _learner_certificate()
    # The README's editor edits certificate templates (with their live preview).
    editors_group_grant("certificates", {"certificatetemplate": ("add", "change", "view")})
    return Certificate.objects.filter(
        user__email__iexact=LEARNER_EMAIL, course__slug=DEMO_COURSE_SLUG
    ).first()
