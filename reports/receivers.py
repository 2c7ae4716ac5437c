"""Receivers that keep the report roll-ups current. Every event only names the learners it
touched; the refresh runs after the event's transaction commits (as a task), reads committed
rows, and is idempotent, so a duplicate, late or concurrent refresh cannot miscount. Learners'
own writes (a lesson marked done) pay nothing for the reports."""

from django.db import transaction


class _Batch:
    """The learners that a transaction's events named, refreshed once after it commits: each
    event registers its own callback, the first to run refreshes the whole batch and the others
    find it done (a quiz finish that also starts or completes a course is one refresh, not
    two). A batch whose callbacks a rollback dropped is not taken up again: its events never
    happened."""

    def __init__(self):
        self.user_ids: set[int] = set()
        self.done = False

    def run(self) -> None:
        from .tasks import rollups_refresh

        if not self.done:
            self.done = True
            rollups_refresh.enqueue(sorted(self.user_ids))


def refresh_after_commit(user_ids) -> None:
    ids = {int(pk) for pk in user_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    batch = getattr(connection, "_reports_refresh", None)
    pending = batch is not None and not batch.done
    if not (pending and any(callback == batch.run for _, callback, _ in connection.run_on_commit)):
        batch = connection._reports_refresh = _Batch()
    batch.user_ids |= ids
    transaction.on_commit(batch.run)


def on_user_row(sender, instance, **kwargs):
    """An enrolment, certificate or membership was saved or deleted."""
    refresh_after_commit([instance.user_id])


def on_learning_changed(sender, *, user_ids, **kwargs):
    refresh_after_commit(user_ids)


def on_course_completed(sender, *, user, **kwargs):
    refresh_after_commit([user.pk])


def on_certificate_revoked(sender, *, certificate, **kwargs):
    refresh_after_commit([certificate.user_id])


def on_attempt_finished(sender, *, attempt, **kwargs):
    refresh_after_commit([attempt.user_id])


def on_user_delete(sender, instance, **kwargs):
    """Before a user's rows cascade away, take their contribution off the counters."""
    from .rollups import learner_forget

    learner_forget(user_id=instance.pk)
