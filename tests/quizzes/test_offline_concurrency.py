"""The page and the service worker sending the same queued answer at the same instant: one
save, one answer for both (PostgreSQL only, like the other races)."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from lms.models import IdempotentRequest
from quizzes.models import Attempt, Response
from quizzes.services import attempt_start
from tests.quizzes.test_concurrency import in_parallel

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so requests never overlap",
    ),
]


def test_one_key_sent_four_times_at_once_saves_once_and_answers_alike(quiz, enrolled):
    attempt = attempt_start(user=enrolled, quiz=quiz)
    entry = next(e for e in attempt.layout if e["type"] == "single")
    key = str(uuid.uuid4())

    def send(client):
        client.force_login(enrolled)
        return client.post(
            reverse("quizzes:save", args=[attempt.pk]),
            {"question": entry["id"], "sequence": 0, f"q{entry['id']}": entry["choices"][1]},
            headers={"Idempotency-Key": key, "Accept": "application/json"},
        )

    responses = in_parallel(4, send)
    assert {(r.status_code, r.content) for r in responses} == {(200, responses[0].content)}, [
        r.content for r in responses
    ]
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1
    assert Response.objects.filter(attempt=attempt).count() == 1
    assert IdempotentRequest.objects.filter(user=enrolled).count() == 1
