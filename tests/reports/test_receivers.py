"""The roll-ups' receivers ask for one refresh per transaction, after it commits."""

import pytest
from django.db import transaction

from reports.receivers import refresh_after_commit

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    calls = []

    class Task:
        @staticmethod
        def enqueue(user_ids):
            calls.append(user_ids)

    monkeypatch.setattr("reports.tasks.rollups_refresh", Task)
    return calls


def test_one_transaction_asks_for_one_refresh_however_many_events(
    enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refresh_after_commit([3, 1])  # e.g. a quiz finished…
        refresh_after_commit([2, 1, None])  # … which started the course: learning_changed
    assert len(callbacks) == 2  # each event's own callback: the first runs the batch
    assert enqueued == [[1, 2, 3]]
    with django_capture_on_commit_callbacks(execute=True):
        refresh_after_commit([7])
    assert enqueued == [[1, 2, 3], [7]]  # a new transaction, a new batch


def test_a_rolled_back_transactions_learners_are_not_carried_into_the_next(
    enqueued, django_capture_on_commit_callbacks
):
    with pytest.raises(RuntimeError), transaction.atomic():
        refresh_after_commit([5])
        raise RuntimeError
    assert enqueued == []
    with django_capture_on_commit_callbacks(execute=True):
        refresh_after_commit([6])
    assert enqueued == [[6]]


def test_a_learner_named_in_a_savepoint_that_rolled_back_is_refreshed_with_the_rest(
    enqueued, django_capture_on_commit_callbacks
):
    """The batch's callback from before the savepoint stays: refreshing a learner too many is
    harmless (a refresh is idempotent)."""
    with django_capture_on_commit_callbacks(execute=True):
        refresh_after_commit([1])
        with pytest.raises(RuntimeError), transaction.atomic():
            refresh_after_commit([2])
            raise RuntimeError
    assert enqueued == [[1, 2]]


def test_no_learner_no_refresh(enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refresh_after_commit([None])
    assert callbacks == [] and enqueued == []
