"""In-process timing of the bench's lesson page against `/ping`, through the whole WSGI stack
(no HTTP server, no load generator): a quick check of a change before `make bench`.

Run inside a seeded database with production settings, e.g.

    DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_x REDIS_URL=redis://127.0.0.1:6379/6 \\
    CERTIFICATE_ISSUER_PASSPHRASE=x INSECURE_LOCAL_HTTP=1 \\
      .venv/bin/python -m bench.inprocess --requests 500 --rounds 5

(after `migrate`, `compile_translations`, `collectstatic` and `seed_demo`). It adds the bench's
cohort of learners to the first course (bench.fixtures), then alternates rounds of GETs of
`/ping` and of the course's first lesson, each learner in turn with their own session. Per
request it prints wall and CPU time, and the lesson's throughput as a ratio to `/ping`'s (the
bench's "× T"); with --profile FILE, a cProfile (CPU time) of one round of lessons instead.

With --reports, each report page the bench measures (as the province's manager, with its
default filters) and two of Wagtail's own reports (as an administrator: what any Wagtail
report costs) are timed in the same rounds, and given as a ratio to the lesson page's time
(the reports' target, docs/benchmarks.md: at most 3 × beyond the page without figures);
--profile-path PATH profiles that page instead.
"""

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--profile", metavar="FILE")
    parser.add_argument("--reports", action="store_true", help="time the report pages too")
    parser.add_argument("--report-requests", type=int, default=20)
    parser.add_argument("--profile-path", metavar="PATH", help="profile this page (manager)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from courses.models import LessonPage

    from . import fixtures

    app = WSGIHandler()
    # Every tier's database shares one Redis db: the reports' cached lists of live courses and
    # quizzes may be another tier's (`make bench` flushes Redis when it prepares a database;
    # this tool runs on whatever database is there).
    from django.core.cache import cache

    from reports.lookups import KEYS

    cache.delete_many(KEYS)
    course = fixtures.bench_course()
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    logins = [fixtures.login(user) for user in fixtures.cohort(args.learners, course)]

    def get(path: str, cookie: str) -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8100",
            "HTTP_HOST": "127.0.0.1:8100",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_COOKIE": cookie,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        path, _, query = path.partition("?")
        environ["PATH_INFO"], environ["QUERY_STRING"] = path, query
        statuses = []
        body = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(body)
        body.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path}: {statuses[0]}")

    def timed(requests) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for path, cookie in requests:
            get(path, cookie)
        count = len(requests)
        return (time.perf_counter() - wall) / count, (time.process_time() - cpu) / count

    pings = [("/ping", "")] * args.requests
    lesson_url = lesson.get_url()
    lessons = [(lesson_url, logins[n % len(logins)].cookie) for n in range(args.requests)]
    timed(pings[:100])  # warm: templates, kept pages and fragments, connections
    timed(lessons[:100])
    reports = []
    if args.reports or args.profile_path:
        from .queries import report_pages

        pages = report_pages(fixtures.report_team().pk, fixtures.report_quiz().pk)
        manager = fixtures.login(fixtures.manager()).cookie
        reports = [(label, path, manager) for _key, label, path in pages]
    if args.reports:
        # Wagtail's own reports, as an administrator opens them: what any Wagtail report costs.
        from django.urls import reverse

        from .scenarios import WAGTAIL_REPORTS

        administrator = fixtures.login(fixtures.administrator()).cookie
        reports += [(label, reverse(name), administrator) for _key, label, name in WAGTAIL_REPORTS]
    if args.profile_path:
        reports = [("profiled", args.profile_path, fixtures.login(fixtures.manager()).cookie)]
    for _name, path, cookie in reports:
        timed([(path, cookie)] * 2)
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        if args.profile_path:
            profiler.runcall(timed, [reports[0][1:]] * args.report_requests)
        else:
            profiler.runcall(timed, lessons)
        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)
        return
    rounds = []
    report_rounds = {name: [] for name, _path, _cookie in reports}
    for _ in range(args.rounds):
        rounds.append((*timed(pings), *timed(lessons)))
        ping_wall, ping_cpu, lesson_wall, lesson_cpu = rounds[-1]
        print(
            f"/ping {ping_wall * 1e3:.3f} ms (CPU {ping_cpu * 1e3:.3f}), "
            f"lesson {lesson_wall * 1e3:.3f} ms (CPU {lesson_cpu * 1e3:.3f})"
        )
        for name, path, cookie in reports:
            report_rounds[name].append(timed([(path, cookie)] * args.report_requests))
    ping_wall, ping_cpu, lesson_wall, lesson_cpu = (
        statistics.median(row[column] for row in rounds) for column in range(4)
    )
    print(
        f"median of {args.rounds} rounds of {args.requests}: /ping {ping_wall * 1e3:.3f} ms "
        f"(CPU {ping_cpu * 1e3:.3f}), lesson {lesson_wall * 1e3:.3f} ms "
        f"(CPU {lesson_cpu * 1e3:.3f}); lesson ÷ T: {ping_wall / lesson_wall:.3f} (wall), "
        f"{ping_cpu / lesson_cpu:.3f} (CPU)"
    )
    for name, path, _cookie in reports:
        wall = statistics.median(row[0] for row in report_rounds[name])
        cpu = statistics.median(row[1] for row in report_rounds[name])
        print(
            f"{name:<52} {wall * 1e3:8.1f} ms  {wall / lesson_wall:5.2f} × lesson  "
            f"(CPU {cpu * 1e3:6.1f} ms, {cpu / lesson_cpu:5.2f} ×)  {path}"
        )


if __name__ == "__main__":
    main()
