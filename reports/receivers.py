"""Receivers that keep the report roll-ups current. Every event only names the learners it
touched; the refresh runs after the event's transaction commits (as a task), reads committed
rows, and is idempotent, so a duplicate, late or concurrent refresh cannot miscount. Learners'
own writes (a lesson marked done) pay nothing for the reports."""

from functools import partial

from django.db import transaction


def refresh_after_commit(user_ids) -> None:
    from .tasks import rollups_refresh

    ids = sorted({int(pk) for pk in user_ids if pk is not None})
    if ids:
        transaction.on_commit(partial(rollups_refresh.enqueue, ids))


def on_user_row(sender, instance, **kwargs):
    """An enrolment, certificate or membership was saved or deleted."""
    refresh_after_commit([instance.user_id])


def on_learning_changed(sender, *, user_ids, **kwargs):
    refresh_after_commit(user_ids)


def on_course_completed(sender, *, user, **kwargs):
    refresh_after_commit([user.pk])


def on_certificate_revoked(sender, *, certificate, **kwargs):
    refresh_after_commit([certificate.user_id])


def on_user_delete(sender, instance, **kwargs):
    """Before a user's rows cascade away, take their contribution off the counters."""
    from .rollups import learner_forget

    learner_forget(user_id=instance.pk)
