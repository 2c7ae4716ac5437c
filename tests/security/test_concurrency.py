"""Races the app-level concurrency tests do not already cover, with real parallel requests.

Already covered elsewhere (PostgreSQL, threads, one connection each): double start and double
finish (tests/quizzes/test_concurrency.py), double enrol and double lesson completion
(tests/courses/test_concurrency.py), double certificate issue
(tests/certificates/test_concurrency.py). Here: two tabs saving the same answer at once."""

import pytest
from django.db import connection

from quizzes.models import Attempt, Response
from tests.quizzes.test_concurrency import in_parallel

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so requests never overlap",
    ),
]


def test_two_tabs_saving_with_the_same_sequence_keep_one_answer(world):
    learner = world.users["learner_a"]
    attempt = Attempt.objects.get(pk=world.objects["open_attempt"].pk)
    question = world.objects["question"]
    choices = list(question.choices.values_list("pk", flat=True))
    sequence = attempt.sequence

    def save(client):
        client.force_login(learner)
        index = save.counter.pop()
        return client.post(
            f"/kiem-tra/lan/{attempt.pk}/luu/",
            {
                "question": question.pk,
                f"q{question.pk}": choices[index % len(choices)],
                "sequence": sequence,
            },
        )

    # Three different answers (the same answer twice is a retry, and answered 200 on purpose).
    save.counter = [0, 1, 2]
    responses = in_parallel(3, save)
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409, 409], statuses
    attempt.refresh_from_db()
    assert attempt.sequence == sequence + 1
    assert Response.objects.filter(attempt=attempt, question=question).count() == 1
