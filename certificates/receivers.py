"""Receivers of other apps' signals: a completed course issues a certificate."""

from .services import certificate_award


def on_course_completed(sender, *, user, course, **kwargs):
    certificate_award(user=user, course=course)
