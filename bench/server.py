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

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    if process in RUNNING:
        RUNNING.remove(process)


def stop_all() -> None:
    for process in list(RUNNING):
        stop_process(process)
