"""Writes of the certificates app: issuing once, revoking, caching the signed PDF."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage
from people.models import User

from .codes import code_generate
from .models import Certificate
from .selectors import attained_competences_for, best_score_for, template_for
from .signals import certificate_revoked


def certificate_issue(*, user: User, course: CoursePage) -> tuple[Certificate, bool]:
    """Issue `user`'s certificate for `course` once; return it and whether it is new.

    A retry, a second completion or a concurrent worker gets the row that exists: the unique
    (user, course) constraint decides, not a check in Python.
    """
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing, False
    certificate = Certificate(
        user=user,
        course=course,
        template=template_for(course),
        code=code_generate(),
        holder_name=unicodedata.normalize("NFC", user.full_name or user.get_username()),
        course_title=unicodedata.normalize("NFC", course.title),
        score=best_score_for(user=user, course=course),
        competences=attained_competences_for(user=user, course=course),
    )
    certificate.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        return Certificate.objects.get(user=user, course=course), False
    return certificate, True


def certificate_revoke(*, certificate: Certificate, reason: str, by: User) -> Certificate:
    """Revoke a certificate with a reason; the cached PDF is dropped (it claims validity)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi.")})
    if certificate.revoked_at:
        raise ValidationError(_("Chứng chỉ này đã bị thu hồi trước đó."))
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoke_reason=reason, revoked_by=by
        )
        if not updated:
            raise ValidationError(_("Chứng chỉ này đã bị thu hồi trước đó."))
        certificate.refresh_from_db()
        certificate_revoked.send(sender=Certificate, certificate=certificate)
        if certificate.pdf:
            certificate.pdf.delete(save=True)
    return certificate


def certificate_pdf_store(*, certificate: Certificate, content: bytes) -> Certificate:
    """Cache the signed PDF on the certificate."""
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate
