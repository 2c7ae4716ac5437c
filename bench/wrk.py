"""Runs wrk with one of the Lua scenarios in bench/lua and reads the figures it prints."""
# ruff: noqa: S603, S607, S310 - a benchmark starts local tools and talks to its own loopback server

import json
import shutil
import subprocess
import sys

from . import config

CONNECTIONS = 4  # two gunicorn workers, each kept busy while the other's answer travels


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    print("bench: wrk is missing; installing Debian's package", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    path = shutil.which("wrk")
    if not path:
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        path = shutil.which("wrk")
    if not path:
        raise SystemExit(
            "bench: wrk is not installed and apt-get could not install it (apt-get install wrk)"
        )
    return path


def lua_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid Lua string for what we send
    if isinstance(value, (list, tuple)):
        return "{" + ",".join(lua_literal(v) for v in value) + "}"
    raise TypeError(value)


def script(name: str, kind: str, data: list) -> str:
    """A Lua file for wrk: the data, the scenario kind (get, save, finish), the common part."""
    path = config.OUT / "lua" / f"{name}.lua"
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = [
        "data = " + lua_literal(data),
        (config.LUA / f"{kind}.lua").read_text(),
        (config.LUA / "common.lua").read_text(),
    ]
    path.write_text("\n".join(parts))
    return str(path)


def run(base: str, lua: str, seconds: float) -> dict:
    command = [
        ensure_wrk(),
        "-t1",
        f"-c{CONNECTIONS}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        lua,
        base,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            figures = json.loads(line.removeprefix("BENCH_JSON "))
            seconds_run = figures["duration_us"] / 1e6
            figures["rps"] = figures["requests"] / seconds_run if seconds_run else 0.0
            return figures
    raise RuntimeError(f"wrk printed no figures:\n{result.stdout}\n{result.stderr}")
