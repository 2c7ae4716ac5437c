"""Roll-up refreshes from many workers at once, on the same counter rows: nothing is lost and
nothing deadlocks. Only PostgreSQL runs writers truly in parallel; SQLite serialises every
write transaction, so there this race cannot happen and the test would prove nothing."""

import threading

import pytest
from django.db import connection, connections

from courses.services import enrollment_create, lesson_complete
from people.models import Membership
from reports.models import UnitCourseDay, UnitCourseStat, UnitLearnerStat
from reports.rollups import learners_refresh, rollups_rebuild
from tests.reports.conftest import member_create
from tests.reports.test_rollups import counters, lessons_of

pytestmark = [
    # serialized_rollback: Wagtail's root page and default site come from migrations; keep them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: concurrent refreshes need PostgreSQL to race",
    ),
]

WORKERS = 6
PER_WORKER = 3


def test_concurrent_events_in_one_unit_lose_no_update_and_do_not_deadlock(tree, course):
    learners = [member_create(tree["team_1"]) for _ in range(WORKERS * PER_WORKER)]
    rollups_rebuild()
    lessons = lessons_of(course)
    everyone = [learner.pk for learner in learners]
    barrier = threading.Barrier(WORKERS)
    errors = []

    def worker(number):
        mine = learners[number * PER_WORKER : (number + 1) * PER_WORKER]
        try:
            barrier.wait(timeout=30)
            for index, learner in enumerate(mine):
                # Each event refreshes the learner after its commit (immediate task backend).
                enrollment_create(user=learner, course=course, source="assigned")
                lesson_complete(user=learner, lesson=lessons[0])
                if index != 1:
                    lesson_complete(user=learner, lesson=lessons[1])  # completed, certified
                if index == 2:
                    Membership.objects.create(user=learner, unit=tree["team_2"])
                # And a large refresh over every learner, in another order, meanwhile.
                learners_refresh(user_ids=everyone[::-1] if number % 2 else everyone)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker is stuck"
    assert not errors, errors

    team_1 = UnitCourseStat.objects.get(unit=tree["team_1"], course=course)
    team_2 = UnitCourseStat.objects.get(unit=tree["team_2"], course=course)
    # Per worker: three enrolled and started; the first and third completed and certified;
    # the third moved to team A2.
    assert (team_1.enrolled, team_2.enrolled) == (12, 6)
    assert (team_1.started, team_1.completed, team_1.certified) == (12, 6, 6)
    assert (team_2.started, team_2.completed, team_2.certified) == (6, 6, 6)
    assert UnitLearnerStat.objects.get(unit=tree["team_1"]).learners == 12
    assert sum(UnitCourseDay.objects.filter(course=course).values_list("enrolled", flat=True)) == 18
    incremental = counters()
    rollups_rebuild()
    assert counters() == incremental
