"""The e-mail a learner gets when a certificate is issued."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Certificate
from .selectors import certificates_new_for, verify_url


def certificate_notices_for(user) -> list[dict]:
    """ "Khóa học của tôi" tells the learner about newly issued certificates (one query)."""
    return [
        {
            "text": _("Bạn đã nhận chứng chỉ “%(course)s”.") % {"course": certificate.course_title},
            "url": reverse("certificates:detail", kwargs={"code": certificate.code}),
            "link_text": _("Xem và in chứng chỉ"),
        }
        for certificate in certificates_new_for(user)
    ]


def certificate_issued_email(certificate_id: int) -> bool:
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    if not certificate.user.email:
        return False
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    body = render_to_string(
        "certificates/email_issued.txt",
        {
            "certificate": certificate,
            "page_url": base + reverse("certificates:detail", kwargs={"code": certificate.code}),
            "verify_url": verify_url(certificate.code),
        },
    )
    send_mail(
        _("Bạn đã nhận chứng chỉ “%(course)s”") % {"course": certificate.course_title},
        body,
        None,
        [certificate.user.email],
    )
    return True
