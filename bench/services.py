"""Checks that PostgreSQL and Redis answer, and (re)creates the benchmark databases."""

import socket
import sys

import psycopg

from . import config


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)


def check_postgres() -> None:
    try:
        with psycopg.connect(config.PG_ADMIN_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as error:
        fail(
            f"PostgreSQL does not answer at {config.PG_ADMIN_URL} ({error}).\n"
            "  Start it (e.g. `service postgresql start`); the bench expects trust auth for the "
            "user postgres on 127.0.0.1:5432, or set BENCH_PG_ADMIN_URL."
        )


def check_redis() -> None:
    try:
        with socket.create_connection((config.REDIS_HOST, config.REDIS_PORT), timeout=3) as sock:
            sock.sendall(b"PING\r\n")
            answer = sock.recv(64)
    except OSError as error:
        answer = str(error).encode()
    if not answer.startswith(b"+PONG"):
        fail(
            f"Redis does not answer at {config.REDIS_HOST}:{config.REDIS_PORT} ({answer!r}).\n"
            "  Start it (e.g. `service redis-server start`)."
        )


def flush_redis(db: int) -> None:
    with socket.create_connection((config.REDIS_HOST, config.REDIS_PORT), timeout=3) as sock:
        sock.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        sock.recv(64)


def database_exists(name: str) -> bool:
    with psycopg.connect(config.PG_ADMIN_URL, autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def recreate_database(name: str) -> None:
    with psycopg.connect(config.PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def free_port(exclude: set[int] = frozenset()) -> int:
    for port in config.PORTS:
        if port in exclude:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    fail("no free port in 8100–8199")
    return 0
