"""Starts gunicorn (2 sync workers) on a free loopback port and stops it again."""
# ruff: noqa: S603, S607, S310 - a benchmark starts local tools and talks to its own loopback server

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import config

RUNNING: list[subprocess.Popen] = []


class Server:
    def __init__(self, *, name: str, gunicorn: Path, app: str, cwd: Path, env: dict, port: int):
        self.name, self.port = name, port
        self.base = f"http://127.0.0.1:{port}"
        log = open(config.OUT / f"gunicorn-{name}.log", "w")  # noqa: SIM115 - lives as long as the server
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                app,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends the workers too
        )
        RUNNING.append(self.process)

    def wait_ready(self, path: str = "/ping", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"bench: gunicorn ({self.name}) exited; see bench/out/gunicorn-{self.name}.log"
                )
            try:
                with urllib.request.urlopen(self.base + path, timeout=2) as response:
                    if response.status == 200:
                        return
            except urllib.error.HTTPError:
                return  # it answers: a 404 or a redirect to a login page is ready too
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"bench: gunicorn ({self.name}) did not answer {path} in {timeout:.0f} s")

    def drain(self, timeout: float = 300) -> float:
        """Wait until both workers are free (a quick /ping twice in a row): requests that wrk
        gave up on are still queued in gunicorn and would slow the next scenario."""
        began = time.monotonic()
        quick = 0
        while quick < 2 and time.monotonic() - began < timeout:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + "/ping", timeout=timeout) as response:
                    response.read()
            except urllib.error.HTTPError:
                pass  # wagtail-lms has no /ping: its 404 answers just as well
            except OSError:
                time.sleep(1)
                continue
            quick = quick + 1 if time.monotonic() - start < 0.5 else 0
        return time.monotonic() - began

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            # gunicorn's quick shutdown: a request still running (a slow report) is not awaited
            os.killpg(process.pid, signal.SIGQUIT)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    if process in RUNNING:
        RUNNING.remove(process)


def stop_all() -> None:
    for process in list(RUNNING):
        stop_process(process)


class TaskWorker:
    """`manage.py db_worker` beside a server started with TASKS_BACKEND=database: it runs the
    tasks that server queues (the report roll-ups' refresh after a quiz finish)."""

    def __init__(self, *, env: dict):
        log = open(config.OUT / "db-worker.log", "w")  # noqa: SIM115 - lives as long as the worker
        self.process = subprocess.Popen(
            [
                str(config.VENV_PY),
                "manage.py",
                "db_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
            ],
            cwd=config.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        RUNNING.append(self.process)

    def drain(self, timeout: float = 600) -> float:
        """Wait until no queued task is left (ready or running), so that the worker's backlog
        does not slow the next scenario."""
        from django.db import connection
        from django_tasks_db.models import DBTaskResult

        began = time.monotonic()
        queued = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
        while time.monotonic() - began < timeout and queued.exists():
            if self.process.poll() is not None:
                raise SystemExit("bench: db_worker exited; see bench/out/db-worker.log")
            time.sleep(0.5)
        connection.close()
        return time.monotonic() - began
