"""Writes of the certificates app: issuing once, revoking, caching the signed PDF."""

import secrets
import unicodedata
from functools import partial

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
from .status import status_slot_draw
from .tasks import certificate_issued_notify

ISSUE_ATTEMPTS = 5


def certificate_issue(
    *, user: User, course: CoursePage, code: str | None = None
) -> tuple[Certificate, bool]:
    """Issue `user`'s certificate for `course` once; return it and whether it is new.

    `code` is for the demo's documented code only; real certificates draw 160 random bits.

    A retry, a second completion or a concurrent worker gets the row that exists: the unique
    (user, course) constraint decides, not a check in Python. The certificate's status-list bit
    is drawn at random; when another issuer took the same bit at the same moment, draw again.
    """
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing, False
    certificate = Certificate(
        user=user,
        course=course,
        template=template_for(course),
        holder_name=unicodedata.normalize("NFC", user.full_name or user.get_username()),
        course_title=unicodedata.normalize("NFC", course.title),
        score=best_score_for(user=user, course=course),
        competences=attained_competences_for(user=user, course=course),
    )
    for _attempt in range(ISSUE_ATTEMPTS):
        certificate.code = code or code_generate()
        certificate.status_list, certificate.status_index = status_slot_draw()
        certificate.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
        except IntegrityError:
            winner = Certificate.objects.filter(user=user, course=course).first()
            if winner is not None:
                return winner, False
            certificate.pk = None  # the bit (or, at 2^-160, the code) was taken: draw again
            continue
        return certificate, True
    raise IntegrityError("certificate_issue: no free status-list slot after several draws")


def certificate_award(
    *, user: User, course: CoursePage, code: str | None = None
) -> tuple[Certificate, bool]:
    """Issue the certificate and, once the transaction commits, tell the learner by e-mail."""
    certificate, created = certificate_issue(user=user, course=course, code=code)
    if created:
        transaction.on_commit(partial(certificate_issued_notify.enqueue, certificate.pk))
    return certificate, created


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
    """Cache the signed PDF on the certificate, under a random name: the code is public (it is on
    the QR), so a media URL made from it would hand the PDF to anyone; only the owner's view
    serves it."""
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(f"{secrets.token_urlsafe(24)}.pdf", ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate
