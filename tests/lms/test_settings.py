"""Production settings read everything from the environment and refuse to start without it."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "SECRET_KEY": "t3st-" + "".join(chr(97 + (i * 7) % 26) for i in range(60)),
    "ALLOWED_HOSTS": "hockynangso.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lms",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CERTIFICATE_ISSUER_PASSPHRASE": "a-long-issuer-passphrase-from-the-vault",
}


def _check(env, *args):
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "check", "--settings=lms.settings.production", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _check(env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _check({**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean():
    result = _check(PRODUCTION_ENV, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_dev_uses_a_real_cache_not_a_dummy():
    from lms.settings import dev

    assert "Dummy" not in dev.CACHES["default"]["BACKEND"]


def test_production_connects_to_postgresql_without_jit():
    """The reports' larger queries crossed JIT's cost threshold and spent longer compiling
    than running: each connection turns it off."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run(  # noqa: S603 - our own interpreter with a fixed program
        [
            sys.executable,
            "-c",
            "from django.conf import settings; import django; django.setup();"
            "print(settings.DATABASES['default']['OPTIONS']['options'])",
        ],
        env={**env, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "lms.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c jit=off -c random_page_cost=1.1"


def test_production_queues_tasks_for_a_worker_only_when_told():
    queued = _check({**PRODUCTION_ENV, "TASKS_BACKEND": "database"}, "--deploy")
    assert queued.returncode == 0, queued.stderr
    wrong = _check({**PRODUCTION_ENV, "TASKS_BACKEND": "redis"})
    assert wrong.returncode != 0
    assert "TASKS_BACKEND" in wrong.stderr


def test_production_tasks_backend_follows_the_variable():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    program = "from lms.settings import production as p; print(p.TASKS['default']['BACKEND'])"
    for value, backend in (
        ("", "django_tasks.backends.immediate.ImmediateBackend"),
        ("database", "django_tasks_db.DatabaseBackend"),
    ):
        result = subprocess.run(  # noqa: S603 - our own interpreter with a fixed program
            [sys.executable, "-c", program],
            env={**env, **PRODUCTION_ENV, "TASKS_BACKEND": value},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip() == backend, result.stderr
