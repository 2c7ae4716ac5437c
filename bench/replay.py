"""The training-round replay: Locust in stages of rising concurrency, then a database check
that every acknowledged answer is stored as sent and every attempt was graded once."""
# ruff: noqa: S603 - runs Locust from its throwaway virtualenv against the loopback server

import csv
import json
import subprocess
import time

from . import config, fixtures, venvs
from .stack import log

FULL = {"stages": [10, 20, 40, 70, 100, 140, 200, 280], "seconds": 90, "think": (2.0, 4.0)}
SMOKE = {"stages": [4], "seconds": 15, "think": (0.1, 0.3)}
P95_LIMIT_MS = 1000


def run(base: str, quiz, users: list, *, smoke: bool) -> dict:
    plan = SMOKE if smoke else FULL
    python = venvs.venv("locust", ["locust"])
    locust = python.parent / "locust"
    from django.urls import reverse

    quiz_url = quiz.get_url()
    start_url = reverse("quizzes:start", args=[quiz.pk])
    stages, best, logs = [], 0.0, []
    from django.utils import timezone

    since = timezone.now()
    remaining = list(users)
    for concurrency in plan["stages"]:
        # Enough fresh learners for the stage: each one takes the quiz once.
        need = concurrency * 5
        if len(remaining) < need:
            log(f"  replay: not enough learners left for {concurrency} concurrent")
            break
        batch, remaining = remaining[:need], remaining[need:]
        learners = []
        for user in batch:
            login = fixtures.login(user)
            learners.append(
                {
                    "user": user.pk,
                    "csrf": login.csrf,
                    "cookies": dict(part.split("=", 1) for part in login.cookie.split("; ")),
                }
            )
        from django.db import connection

        connection.close()
        name = f"replay-{concurrency}"
        learners_path = fixtures.write_json(f"{name}-learners.json", learners)
        sent_path = config.OUT / f"{name}-sent.jsonl"
        sent_path.unlink(missing_ok=True)
        logs.append(sent_path)
        env = {
            **config.django_env(),
            "BENCH_LEARNERS": learners_path,
            "BENCH_QUIZ_URL": quiz_url,
            "BENCH_START_URL": start_url,
            "BENCH_SENT_LOG": str(sent_path),
            "BENCH_THINK_MIN": str(plan["think"][0]),
            "BENCH_THINK_MAX": str(plan["think"][1]),
        }
        began = time.time()
        subprocess.run(
            [
                str(locust),
                "-f",
                str(config.ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--host",
                base,
                "-u",
                str(concurrency),
                "-r",
                str(max(1, concurrency // 4)),
                "-t",
                f"{plan['seconds']}s",
                "--stop-timeout",
                "120",
                "--csv",
                str(config.OUT / name),
                "--loglevel",
                "WARNING",
            ],
            env=env,
            check=False,
            stdout=open(config.OUT / f"{name}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            timeout=plan["seconds"] + 240,
        )
        stage = _stage(name, concurrency, began, plan["seconds"], sent_path)
        stages.append(stage)
        log(
            f"  replay {concurrency:4} concurrent: {stage['per_hour']:8,.0f} learners/h  "
            f"p95 {stage['p95_ms']:.0f} ms  errors {stage['errors']}"
        )
        if stage["ok"]:
            best = max(best, stage["per_hour"])
        else:
            break
    return {
        "questions": fixtures.QUESTIONS,
        "think": f"{plan['think'][0]:g}–{plan['think'][1]:g} s",
        "stage_seconds": plan["seconds"],
        "stages": stages,
        "best_per_hour": best,
        "integrity": check(logs, since),
    }


def _stage(name: str, concurrency: int, began: float, seconds: int, sent_path) -> dict:
    requests = errors = 0
    p95 = 0.0
    with open(config.OUT / f"{name}_stats.csv") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                requests = int(row["Request Count"])
                errors = int(row["Failure Count"])
                p95 = float(row["95%"] or 0)
    finishes = [
        entry["t"]
        for entry in map(
            json.loads, sent_path.read_text().splitlines() if sent_path.exists() else []
        )
        if "finished" in entry
    ]
    # The rate at steady state: finishes in the second half of the stage (the first learners
    # need a whole quiz before they finish).
    window_start = began + seconds / 2
    window = [t for t in finishes if window_start <= t <= began + seconds]
    per_hour = len(window) / (seconds / 2) * 3600
    return {
        "users": concurrency,
        "finished": len(finishes),
        "per_hour": per_hour,
        "requests": requests,
        "errors": errors,
        "p95_ms": p95,
        "ok": errors == 0 and p95 < P95_LIMIT_MS and requests > 0 and len(finishes) > 0,
    }


def check(logs: list, since) -> dict:
    """Compare what Locust was told was saved with what the database holds."""
    from django.db.models import Count, Q

    from quizzes.models import Attempt, AttemptState, Response

    last_sent: dict[tuple[int, int], int] = {}
    finished: set[int] = set()
    users: set[int] = set()
    for path in logs:
        if not path.exists():
            continue
        for entry in map(json.loads, path.read_text().splitlines()):
            users.add(entry["user"])
            if "finished" in entry:
                finished.add(entry["finished"])
            else:
                last_sent[(entry["attempt"], entry["question"])] = entry["choice"]
    stored = {
        (a, q): answer
        for a, q, answer in Response.objects.filter(
            attempt_id__in={a for a, _ in last_sent}
        ).values_list("attempt_id", "question_id", "answer")
    }
    missing = sum(1 for key in last_sent if key not in stored)
    wrong = sum(1 for key, choice in last_sent.items() if key in stored and stored[key] != choice)
    attempts = Attempt.objects.filter(pk__in=finished).annotate(
        n_responses=Count("responses"),
        n_graded=Count("responses", filter=Q(responses__points__isnull=False)),
    )
    graded_once = sum(
        1
        for a in attempts
        if a.state == AttemptState.FINISHED
        and a.score is not None
        and a.n_responses == fixtures.QUESTIONS
        and a.n_graded == fixtures.QUESTIONS
    )
    # One attempt per learner: a lost response that made the learner start again would show.
    extra = (
        Attempt.objects.filter(user_id__in=users, started_at__gte=since)
        .values("user_id")
        .annotate(n=Count("id", distinct=True))
        .filter(n__gt=1)
        .count()
    )
    return {
        "answers_sent": len(last_sent),
        "answers_stored": len(last_sent) - missing - wrong,
        "answers_missing": missing,
        "answers_wrong": wrong,
        "attempts": len(finished),
        "graded_once": graded_once,
        "learners_with_two_attempts": extra,
        "ok": bool(last_sent)
        and not missing
        and not wrong
        and graded_once == len(finished)
        and not extra,
    }
