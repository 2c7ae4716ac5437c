"""Background tasks of the quizzes app (django.tasks): evidence after grading, overdue attempts."""

from django_tasks import task


@task()
def attempt_evidence_record(attempt_id: int) -> int:
    """Competence evidence for a finished attempt's graded responses."""
    from .models import Attempt
    from .services import attempt_evidence_for

    attempt = Attempt.objects.select_related("user").get(pk=attempt_id)
    return attempt_evidence_for(attempt=attempt)


@task()
def close_overdue_attempts() -> int:
    """Close and grade attempts whose deadline has passed (run every few minutes)."""
    from .services import close_overdue

    return close_overdue()
