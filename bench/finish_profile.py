"""In-process measurement of the quiz finish (POST to `quizzes:finish`) with Django's test
client, without gunicorn or wrk: the SQL queries of one finish with the line of our code that
made each, then the median wall time and CPU time (of this process: the database's own CPU is
not in it) of the others, the CPU of the trivial view `/ping` for scale, and optionally a
cProfile. The bench's set-up: the bench quiz (ten single-choice questions, `fixtures.bench_quiz`)
in a new course with lessons, learners of the bench team enrolled in it (`fixtures.cohort`), the
report roll-ups built, attempts with ten saved answers (`fixtures.start_attempts`); whatever
runs after the finish's commit (tasks: the immediate backend) is counted, as in the bench.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_finish \\
        .venv/bin/python -m bench.finish_profile --finishes 50 [--repeat] [--profile]

Test settings, in a test database of its own (`test_<name>`, kept between runs: each run makes
its own course and learners). Without `--repeat` each measured finish is the learner's first in
the course (a first progress row: the roll-ups are refreshed after commit); with it, each
learner has finished once before (no report event), as in the bench's later rounds.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time
import traceback
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSACTION_STATEMENTS = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def _origin() -> str:
    """The innermost frame of our own code that led to a query."""
    for frame in reversed(traceback.extract_stack()[:-2]):
        path = Path(frame.filename)
        if ROOT in path.parents and ".venv" not in path.parts and path.name != "finish_profile.py":
            return f"{path.relative_to(ROOT)}:{frame.lineno} {frame.name}"
    return "?"


def _setup(count: int, *, repeat: bool):
    from django.db import connection
    from django.test import Client

    from bench import fixtures
    from lms.demo import seed
    from reports.rollups import rollups_rebuild
    from tests.factories import course_create, course_index_create

    home = seed()
    suffix = uuid.uuid4().hex[:8]
    index = course_index_create(home=home, title=f"Đo {suffix}", slug=f"do-{suffix}")
    course = course_create(index=index, title=f"Khóa đo {suffix}", slug=f"khoa-{suffix}", lessons=2)
    quiz = fixtures.bench_quiz(course)
    fixtures.COHORT_PREFIX = f"do{suffix}"  # learners of this run only, enrolled in one course
    users = fixtures.cohort(count, course)
    rollups_rebuild()
    if connection.vendor == "postgresql":
        # Fresh tables have no statistics: the planner's guesses would then turn on JIT
        # (100 ms and more for a query over three rows), which the bench's database never sees.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    if repeat:
        for url, user in _requests(users, quiz):
            client.force_login(user)
            assert client.post(url, {"cau": "10"}).status_code == 302
    return client, users, quiz


def _requests(users, quiz):
    """(url, user) of one fresh in-progress attempt with ten answers per user."""
    from django.urls import reverse

    from bench import fixtures

    items = fixtures.start_attempts(users, quiz, answered=fixtures.QUESTIONS)
    by_id = {user.pk: user for user in users}
    return [
        (reverse("quizzes:finish", args=[item["attempt"]]), by_id[item["user"]]) for item in items
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--finishes", type=int, default=50)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the finishes")
    parser.add_argument("--repeat", action="store_true", help="measure later attempts")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")

    client, users, quiz = _setup(args.finishes + 1, repeat=args.repeat)
    requests = _requests(users, quiz)

    # One finish with every query and where it came from.
    url, user = requests[0]
    client.force_login(user)
    origins = []

    def wrapper(execute, sql, params, many, context):
        origins.append(_origin())
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(wrapper):
        response = client.post(url, {"cau": "10"})
    assert response.status_code == 302, response.status_code
    print(f"\nqueries of one finish: {len(captured)}")
    origins.reverse()
    for number, query in enumerate(captured.captured_queries):
        # BEGIN, COMMIT and savepoints do not go through the cursor wrapper: no origin.
        plain = query["sql"].split()[0] not in TRANSACTION_STATEMENTS
        origin = origins.pop() if plain and origins else ""
        print(f"{number + 1:3d}. {origin}\n     {query['sql'][:200]}")

    # The rest timed one by one (the login is not part of the request's time).
    timings, cpu = [], []
    profiler = cProfile.Profile() if args.profile else None
    for url, user in requests[1:]:
        client.force_login(user)
        if profiler:
            profiler.enable()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, {"cau": "10"})
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        if profiler:
            profiler.disable()
        assert response.status_code == 302
    print(
        f"\n{len(timings)} finishes: median {statistics.median(timings) * 1000:.2f} ms, "
        f"min {min(timings) * 1000:.2f} ms, max {max(timings) * 1000:.2f} ms; "
        f"CPU of this process: median {statistics.median(cpu) * 1000:.2f} ms"
    )
    pings = []
    anonymous = Client()
    for _ in range(len(timings)):
        started = time.process_time()
        anonymous.get("/ping")
        pings.append(time.process_time() - started)
    ping = statistics.median(pings)
    print(
        f"trivial view (/ping, like the bench's T): CPU median {ping * 1000:.2f} ms; "
        f"a finish costs {statistics.median(cpu) / ping:.1f} of them"
    )
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
