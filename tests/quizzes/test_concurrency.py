"""Races with real parallel requests, each thread on its own database connection.

SQLite serialises writers, so these only prove something on PostgreSQL (`DATABASE_URL`).
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from quizzes.models import Attempt, AttemptState
from quizzes.services import attempt_start

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so requests never overlap",
    ),
]


def in_parallel(count: int, request) -> list:
    """Run `request(client)` in `count` threads released at the same instant."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int):
        client = Client()
        try:
            barrier.wait()
            results[index] = request(client)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_simultaneous_starts_make_one_attempt(quiz, enrolled):
    def start(client):
        client.force_login(enrolled)
        return client.post(reverse("quizzes:start", args=[quiz.pk]))

    responses = in_parallel(4, start)
    assert all(response.status_code == 302 for response in responses)
    attempts = Attempt.objects.filter(user=enrolled, quiz=quiz)
    assert attempts.count() == 1
    assert {response["Location"] for response in responses} == {
        reverse("quizzes:attempt", args=[attempts.get().pk])
    }


def test_simultaneous_finishes_grade_once(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)

    def finish(client):
        client.force_login(enrolled)
        return client.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True)

    responses = in_parallel(4, finish)
    pages = [response.content.decode() for response in responses]
    assert sum("Đã nộp bài." in page for page in pages) == 1
    assert sum("đã nộp bài này rồi" in page for page in pages) == 3
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert attempt.responses.count() == len(attempt.layout)
