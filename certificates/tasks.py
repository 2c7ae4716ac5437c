"""Background tasks of the certificates app (django.tasks): the signed PDF, the e-mail."""

from django_tasks import task


@task()
def certificate_pdf_generate(certificate_id: int) -> bool:
    """Render, sign and cache the PDF of a valid certificate; False if there is nothing to do."""
    from .models import Certificate
    from .pdf import certificate_pdf_render
    from .services import certificate_pdf_store
    from .signing import pdf_sign

    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    if certificate.is_revoked or certificate.pdf:
        return False
    signed = pdf_sign(certificate_pdf_render(certificate), reason="Chứng nhận hoàn thành khóa học")
    certificate_pdf_store(certificate=certificate, content=signed)
    return True


@task()
def certificate_issued_notify(certificate_id: int) -> bool:
    """Tell the learner by e-mail, when they have one, that a certificate was issued."""
    from .notifications import certificate_issued_email

    return certificate_issued_email(certificate_id)
