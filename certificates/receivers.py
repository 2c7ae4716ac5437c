"""Receivers of other apps' signals: a completed course issues a certificate."""

from functools import partial

from django.db import transaction

from .services import certificate_issue
from .tasks import certificate_issued_notify


def on_course_completed(sender, *, user, course, **kwargs):
    certificate, created = certificate_issue(user=user, course=course)
    if created:
        transaction.on_commit(partial(certificate_issued_notify.enqueue, certificate.pk))
