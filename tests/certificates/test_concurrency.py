"""Two workers issuing at once: one certificate. Only PostgreSQL runs writers in parallel."""

import threading

import pytest
from django.db import connection, connections

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.factories import UserFactory, course_create, course_index_create

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: concurrent inserts need PostgreSQL to race",
    ),
]


def test_concurrent_issuing_makes_one_certificate(home_page):
    course = course_create(index=course_index_create(home=home_page), lessons=1)
    user = UserFactory()
    barrier = threading.Barrier(6)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(certificate_issue(user=user, course=course))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Certificate.objects.filter(user=user, course=course).count() == 1
    assert len({certificate.pk for certificate, _ in results}) == 1
    assert sum(created for _, created in results) == 1


def test_concurrent_issuers_drawing_the_same_status_bit_each_end_with_their_own(
    home_page, monkeypatch
):
    from certificates import services
    from certificates.status import status_slot_draw

    course = course_create(index=course_index_create(home=home_page), lessons=1)
    users = [UserFactory() for _ in range(6)]
    seen = threading.local()

    def same_bit_first():
        if not getattr(seen, "drawn", False):
            seen.drawn = True
            return 1, 5
        return status_slot_draw()

    monkeypatch.setattr(services, "status_slot_draw", same_bit_first)
    barrier = threading.Barrier(len(users))
    errors = []

    def worker(user):
        try:
            barrier.wait()
            certificate_issue(user=user, course=course)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    slots = list(Certificate.objects.values_list("status_list", "status_index"))
    assert len(slots) == len(users) == len(set(slots))
    assert (1, 5) in slots
