"""Faults: the database going away during a quiz finish, Redis down, the task worker down."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from quizzes.models import Attempt, AttemptState, Response
from quizzes.services import attempt_finish

from .conftest import client_for

# --- the database goes away in the middle of a quiz finish ----------------------------------


def _open_attempt(world):
    return Attempt.objects.get(pk=world.objects["open_attempt"].pk)


def test_a_database_error_inside_the_finish_rolls_everything_back(world):
    attempt = _open_attempt(world)
    with (
        mock.patch(
            "quizzes.services.item_result_record",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ),
        pytest.raises(OperationalError),
    ):
        attempt_finish(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS
    assert attempt.finished_at is None and attempt.score is None
    assert not Response.objects.filter(attempt=attempt, points__isnull=False).exists()


def test_after_the_database_comes_back_a_retry_grades_once(world):
    client = client_for(world, "learner_a", raise_request_exception=False)
    attempt = _open_attempt(world)
    url = f"/kiem-tra/lan/{attempt.pk}/nop-bai/"
    with mock.patch(
        "quizzes.services.item_result_record", side_effect=OperationalError("connection lost")
    ):
        assert client.post(url).status_code == 500
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS
    first = client.post(url)
    second = client.post(url)  # the learner presses again
    assert first.status_code == second.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED and attempt.score is not None
    assert Response.objects.filter(attempt=attempt).count() == len(attempt.question_ids)


# --- Redis is down: pages serve, logins fail closed -----------------------------------------

REDIS_DOWN = {
    "default": {
        "BACKEND": "lms.cache.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def redis_down(world, settings):
    settings.CACHES = REDIS_DOWN
    yield world
    cache.close()


def test_with_redis_down_pages_still_serve(redis_down):
    o = redis_down.objects
    anonymous = Client()
    assert anonymous.get("/").status_code == 200
    assert anonymous.get(o["course"].url).status_code == 200
    assert anonymous.get(f"/xac-minh/{o['certificate'].code}/").status_code == 200
    learner = client_for(redis_down, "learner_a")  # the session lives in the database too
    assert learner.get(o["lesson"].url).status_code == 200
    assert learner.get("/hoc/cua-toi/").status_code == 200
    assert learner.get(f"/kiem-tra/lan/{o['open_attempt'].pk}/").status_code == 200


def test_with_redis_down_the_health_check_says_so(redis_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


def test_with_redis_down_logins_fail_closed(redis_down):
    """Rate-limit counters cannot be read: no password is tried, the answer is 429."""
    from tests.factories import TEST_PASSWORD

    client = Client()
    assert client.get("/tai-khoan/login/").status_code == 200
    learner = redis_down.users["learner_a"]
    response = client.post("/tai-khoan/login/", {"login": learner.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# --- the task worker is down when a certificate's PDF is due ---------------------------------


@pytest.fixture
def worker_down(settings):
    """A queue whose worker is stopped: tasks are kept, not run (django-tasks' dummy backend)."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def test_while_the_worker_is_down_the_learner_sees_the_pdf_being_prepared(world, worker_down):
    from certificates.models import Certificate

    certificate = world.objects["certificate"]
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    client = client_for(world, "learner_a")
    url = f"/chung-chi/{certificate.code}/pdf/"
    for _ in range(2):  # the learner reloads
        response = client.get(url)
        assert response.status_code == 202
        assert "đang được tạo" in response.content.decode()
    assert len(worker_down.results) == 2

    # The worker returns and runs what was queued: one PDF, the second job finds it made.
    from certificates import services

    with mock.patch.object(
        services, "certificate_pdf_store", wraps=services.certificate_pdf_store
    ) as store:
        outcomes = [
            result.task.func(*result.args, **result.kwargs) for result in worker_down.results
        ]
    assert outcomes == [True, False]
    assert store.call_count == 1
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
