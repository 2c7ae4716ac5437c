"""Two tabs at once: real concurrent requests make one enrolment and one progress row.

Only PostgreSQL runs writers truly in parallel; SQLite serialises every write transaction,
so there the race this test provokes cannot happen and the test would prove nothing.
"""

import threading

import pytest
from django.db import connection, connections

from courses.models import Enrollment, Progress
from courses.services import enrollment_create, lesson_complete
from tests.factories import UserFactory, course_create, course_index_create

pytestmark = [
    # serialized_rollback: Wagtail's root page and default site come from migrations; keep them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: concurrent inserts need PostgreSQL to race",
    ),
]


def run_together(action, count=6):
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            action()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_concurrent_enrol_and_complete_make_one_row_each():
    from lms.demo import seed

    home = seed()
    course = course_create(index=course_index_create(home=home), slug="song-song", lessons=1)
    learner = UserFactory()
    lesson = course.get_children().first().specific

    run_together(lambda: enrollment_create(user=learner, course=course))
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1

    run_together(lambda: lesson_complete(user=learner, lesson=lesson))
    assert Progress.objects.filter(user=learner, page=lesson).count() == 1
    assert Enrollment.objects.get(user=learner, course=course).completed_at is not None
