"""Background tasks of the reports app (django.tasks): keeping and rebuilding roll-ups."""

from django_tasks import task


@task()
def rollups_refresh(user_ids: list[int]) -> int:
    """Bring the roll-ups up to date for these learners (idempotent)."""
    from .rollups import learners_refresh

    return learners_refresh(user_ids=user_ids)


@task()
def rollups_rebuild() -> dict:
    """Recompute every roll-up from the source tables."""
    from .rollups import rollups_rebuild as rebuild

    return rebuild()


@task()
def rollups_advance() -> int:
    """Move the roll-ups to today's memberships."""
    from .rollups import rollups_advance as advance

    return advance()
