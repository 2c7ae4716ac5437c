"""Quiz answers queued offline: one effect per idempotency key, the original answer on a
repeat, late answers refused by the server's clock, and one query more at most."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import IdempotentRequest
from quizzes.models import Attempt, Response
from quizzes.services import attempt_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(quiz, enrolled):
    return attempt_start(user=enrolled, quiz=quiz)


def choice_of(attempt, index=0):
    entry = next(e for e in attempt.layout if e["type"] == "single")
    return entry["id"], entry["choices"][index]


def save(client, attempt, question_id, sequence, key, **fields):
    return client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {"question": question_id, "sequence": sequence, **fields},
        headers={"Idempotency-Key": str(key), "Accept": "application/json"},
    )


def test_an_answer_sent_twice_with_one_key_is_saved_once_with_the_same_answer(client, attempt):
    client.force_login(attempt.user)
    question, choice = choice_of(attempt)
    key = uuid.uuid4()
    first = save(client, attempt, question, 0, key, **{f"q{question}": choice})
    assert first.json() == {"ok": True, "sequence": 1, "message": "Đã lưu"}
    again = save(client, attempt, question, 0, key, **{f"q{question}": choice})
    assert (again.status_code, again.json()) == (200, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1
    assert Response.objects.filter(attempt=attempt).count() == 1


def test_a_repeat_never_overwrites_a_later_answer(client, attempt):
    # Queue: answer A (key 1), then B (key 2). Key 1 arrives again after B: B stays.
    client.force_login(attempt.user)
    question, first_choice = choice_of(attempt, 0)
    _, second_choice = choice_of(attempt, 1)
    key = uuid.uuid4()
    save(client, attempt, question, 0, key, **{f"q{question}": first_choice})
    save(client, attempt, question, 1, uuid.uuid4(), **{f"q{question}": second_choice})
    replay = save(client, attempt, question, 0, key, **{f"q{question}": first_choice})
    assert replay.json()["sequence"] == 1
    assert Response.objects.get(attempt=attempt).answer == second_choice
    assert Attempt.objects.get(pk=attempt.pk).sequence == 2


def test_an_answer_arriving_after_the_deadline_is_refused_and_stays_refused(client, attempt):
    client.force_login(attempt.user)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    question, choice = choice_of(attempt)
    key = uuid.uuid4()
    late = save(client, attempt, question, 0, key, **{f"q{question}": choice})
    assert late.status_code == 409
    assert late.json()["code"] == "late"
    assert "hết giờ" in late.json()["error"]
    again = save(client, attempt, question, 0, key, **{f"q{question}": choice})
    assert (again.status_code, again.json()) == (409, late.json())
    assert not Response.objects.filter(attempt=attempt).exists()


def test_another_learners_attempt_is_404_even_with_a_key(client, attempt):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    question, choice = choice_of(attempt)
    response = save(client, attempt, question, 0, uuid.uuid4(), **{f"q{question}": choice})
    assert response.status_code == 404
    assert not IdempotentRequest.objects.exists()
    assert not Response.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_key_costs_one_query_more_than_a_plain_save(client, attempt):
    # Outside a test transaction, so that both count their real BEGIN and COMMIT.
    client.force_login(attempt.user)
    question, choice = choice_of(attempt, 0)
    _, other = choice_of(attempt, 1)
    url = reverse("quizzes:save", args=[attempt.pk])
    client.post(url, {"question": question, "sequence": 0, f"q{question}": choice})
    with CaptureQueriesContext(connection) as plain:
        client.post(url, {"question": question, "sequence": 1, f"q{question}": other})
    with CaptureQueriesContext(connection) as keyed:
        response = save(client, attempt, question, 2, uuid.uuid4(), **{f"q{question}": choice})
    assert response.json() == {"ok": True, "sequence": 3, "message": "Đã lưu"}
    assert len(keyed) <= len(plain) + 1, [q["sql"][:80] for q in keyed.captured_queries]


def test_a_timed_quiz_says_it_needs_a_connection_to_start(client, quiz, enrolled):
    client.force_login(enrolled)
    html = client.get(quiz.url).content.decode()
    assert "cần kết nối mạng để bắt đầu" not in html
    type(quiz).objects.filter(pk=quiz.pk).update(time_limit_minutes=10)
    html = client.get(quiz.url).content.decode()
    assert "Bài kiểm tra có giới hạn thời gian cần kết nối mạng để bắt đầu" in html
    assert "data-needs-network" in html
