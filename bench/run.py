"""`make bench` / `make bench-smoke`: one run, end to end. See docs/benchmarks.md.

.venv/bin/python -m bench.run --tier XS            # the full measurement
.venv/bin/python -m bench.run --tier XS --smoke    # every scenario, briefly (CI)
"""

import argparse
import atexit
import json
import os
import signal
import statistics
import sys
import time

from . import config, report, server, services, stack, wrk
from .stack import log

SLOW_SECONDS = float(os.environ.get("BENCH_SLOW_SECONDS", "3"))


def _on_signal(signum, frame):
    server.stop_all()
    raise SystemExit(128 + signum)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tier", choices=sorted(stack.TIERS), default="XS")
    parser.add_argument("--smoke", action="store_true", help="short runs, no targets checked")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None, help="per scenario and round")
    parser.add_argument(
        "--only", default="", help="comma-separated parts: wrk,wagtail_lms,queries,weight,replay"
    )
    args = parser.parse_args()
    args.rounds = args.rounds or (2 if args.smoke else 3)
    args.seconds = args.seconds or (2 if args.smoke else 10)
    return args


def main() -> int:
    args = parse()
    config.use_tier(args.tier)
    parts = set(filter(None, args.only.split(","))) or {
        "wrk",
        "wagtail_lms",
        "queries",
        "weight",
        "replay",
    }
    config.OUT.mkdir(parents=True, exist_ok=True)
    atexit.register(server.stop_all)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    wrk.ensure_wrk()
    started = time.time()
    stack.prepare(args.tier, reuse=os.environ.get("BENCH_REUSE_DB") == "1")
    from courses.models import LessonPage

    from . import fixtures, scenarios

    sizes = {"pages": 200, "save": 600, "finish": 1500, "replay": 5000}
    if args.smoke:
        sizes = {"pages": 10, "save": 40, "finish": 100, "replay": 40}
    log("fixtures: bench quiz, learner cohort, sessions, attempts")
    course = fixtures.bench_course()
    quiz = fixtures.bench_quiz(course)
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    total = sizes["save"] + sizes["finish"] + sizes["replay"]
    users = fixtures.cohort(total, course)
    save_users = users[: sizes["save"]]
    finish_users = users[sizes["save"] : sizes["save"] + sizes["finish"]]
    replay_users = users[sizes["save"] + sizes["finish"] :]
    logins = {user.pk: fixtures.login(user) for user in save_users + finish_users}
    save_items = fixtures.start_attempts(save_users, quiz, answered=0)
    team, report_quiz = fixtures.report_team(), fixtures.report_quiz()
    pools = scenarios.Pools(
        course=course,
        lesson=lesson,
        quiz=quiz,
        pages=[logins[u.pk] for u in save_users[: sizes["pages"]]],
        save=[(logins[item["user"]], item) for item in save_items],
        finish_users=finish_users,
        finish_logins=logins,
        manager=fixtures.login(fixtures.manager()),
        administrator=fixtures.login(fixtures.administrator()),
        team_id=team.pk,
        quiz_report_id=report_quiz.pk,
    )
    results: dict = {
        "tier": args.tier,
        "smoke": args.smoke,
        "rounds": args.rounds,
        "seconds": args.seconds,
        "scenarios": {},
        "machine": report.machine(),
    }
    from django.db import connection

    connection.close()

    lms = server.Server(
        name="lms",
        gunicorn=config.GUNICORN,
        app="lms.wsgi",
        cwd=config.ROOT,
        env=config.django_env(),
        port=services.free_port(),
    )
    lms.wait_ready()
    servers = {"lms": lms}
    worker = None
    if "wrk" in parts:
        # The same site with its tasks queued (TASKS_BACKEND=database) and one worker running
        # them: the quiz finish measured as production runs it with `make worker`.
        queued_env = {**config.django_env(), "TASKS_BACKEND": "database"}
        servers["lms_queue"] = server.Server(
            name="lms-queue",
            gunicorn=config.GUNICORN,
            app="lms.wsgi",
            cwd=config.ROOT,
            env=queued_env,
            port=services.free_port({lms.port}),
        )
        servers["lms_queue"].wait_ready()
        worker = server.TaskWorker(env=queued_env)
    wlms_scenario = None
    if "wagtail_lms" in parts:
        from . import wagtail_lms

        wlms = wagtail_lms.start(exclude={target.port for target in servers.values()})
        servers["wagtail_lms"] = wlms.server
        wlms_scenario = scenarios.Scenario(
            "wagtail_lms",
            "wagtail-lms lesson page, learner (same course size)",
            "get",
            server="wagtail_lms",
            data=[[wlms.lesson_url, cookie] for cookie in wlms.cookies],
        )

    if "wrk" in parts:
        plan = scenarios.build(pools)
        if wlms_scenario:
            plan.insert(plan.index(next(s for s in plan if s.key == "lesson")) + 1, wlms_scenario)
        slow = _warm_up(plan, servers)
        for number in range(1, args.rounds + 1):
            # Interleaved: every scenario once per round, T first and last of each round.
            order = plan if number % 2 else [plan[0], *reversed(plan[1:])]
            for scenario in order:
                entry = results["scenarios"].setdefault(
                    scenario.key,
                    {"label": scenario.label, "target": scenario.target, "runs": []},
                )
                target = servers[scenario.server]
                if scenario.key in slow:
                    path, cookie = scenario.data[0]
                    figures = wrk.sequential(target.base, path, cookie, 1)
                    entry["label"] = f"{scenario.label} (one at a time: too slow for wrk)"
                else:
                    data = scenario.data
                    if scenario.kind == "save":
                        data = scenarios.save_data(pools)
                    elif scenario.kind == "finish":
                        data = scenarios.finish_data(pools)
                    connection.close()
                    lua = wrk.script(f"{scenario.key}-{number}", scenario.kind, data)
                    figures = wrk.run(target.base, lua, args.seconds)
                    if scenario.kind == "finish" and figures["wrapped"]:
                        log(f"  finish pool too small ({len(data)}): {figures['wrapped']} wrapped")
                    target.drain()
                    if scenario.server == "lms_queue":
                        log(f"  task queue drained in {worker.drain():.1f} s")
                entry["runs"].append(figures)
                log(
                    f"round {number} {scenario.key:18} {figures['rps']:8.1f} req/s  "
                    f"p50 {figures['p50_us'] / 1000:7.1f} ms  errors {figures['errors']}"
                )
        for entry in results["scenarios"].values():
            runs = entry["runs"]
            entry["rps"] = statistics.median(r["rps"] for r in runs)
            entry["p50_ms"] = statistics.median(r["p50_us"] for r in runs) / 1000
            entry["p95_ms"] = statistics.median(r["p95_us"] for r in runs) / 1000
            entry["errors"] = sum(r["errors"] for r in runs)
            entry["requests"] = sum(r["requests"] for r in runs)

    if "weight" in parts:
        from . import weight

        log("bytes over the wire (Playwright + chromium)")
        results["weight"] = weight.measure(lms.base, pools)
    if "replay" in parts:
        from . import replay

        log("training-round replay (Locust)")
        results["replay"] = replay.run(lms.base, quiz, replay_users, smoke=args.smoke)
    server.stop_all()
    if "queries" in parts:
        from . import queries

        log("query counts (Django test client)")
        results["queries"] = queries.measure(pools)

    results["elapsed_s"] = round(time.time() - started)
    name = "smoke" if args.smoke else f"bench-{args.tier}"
    (config.OUT / f"{name}.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False, default=str)
    )
    table = report.markdown(results)
    (config.OUT / f"{name}.md").write_text(table)
    print(table)
    problems = report.sanity(results, parts)
    if problems:
        print("bench: " + "\n  ".join(["not sane:", *problems]), file=sys.stderr)
        return 1
    log(f"done in {results['elapsed_s']} s: bench/out/{name}.md")
    return 0


def _warm_up(plan, servers) -> set[str]:
    """One request of each GET scenario, timed: one slower than SLOW_SECONDS is measured one
    request at a time (wrk would leave a queue of them behind); then a second of wrk for the
    others (templates compiled, connections open, caches filled)."""
    slow = set()
    for scenario in plan:
        if scenario.kind != "get":
            continue
        target = servers[scenario.server]
        path, cookie = scenario.data[0]
        if wrk.sequential(target.base, path, cookie, 1)["p50_us"] > SLOW_SECONDS * 1e6:
            slow.add(scenario.key)
            log(f"  {scenario.key}: slower than {SLOW_SECONDS} s, measured one request at a time")
            continue
        wrk.run(target.base, wrk.script(f"warm-{scenario.key}", "get", scenario.data), 1)
        target.drain()
    return slow


if __name__ == "__main__":
    sys.exit(main())
