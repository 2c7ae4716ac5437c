"""Where things are and how the production stack is configured for a benchmark run."""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
LUA = ROOT / "bench" / "lua"
VENV_PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DB", "lms_bench")
WLMS_DB_NAME = f"{DB_NAME}_wagtail_lms"


def use_tier(tier: str) -> None:
    """Each tier has its own database (lms_bench_xs, lms_bench_l), so a run of one does not
    throw away the other's seed (tier L seeds for minutes). BENCH_DB names one instead."""
    global DB_NAME
    if "BENCH_DB" not in os.environ:
        DB_NAME = f"lms_bench_{tier.lower()}"


REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "3"))
REDIS_DB_WLMS = REDIS_DB + 1
PORTS = range(8100, 8200)


def db_url(name: str | None = None) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + (name or DB_NAME)


def redis_url(db: int = REDIS_DB) -> str:
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{db}"


def _secret_key() -> str:
    """One random key per checkout, kept in bench/out (git-ignored), so sessions made by the
    fixtures stay valid for the server started afterwards."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


def django_env() -> dict[str, str]:
    """The environment of `lms.settings.production` on loopback HTTP."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY=_secret_key(),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=db_url(),
        REDIS_URL=redis_url(),
        CERTIFICATE_ISSUER_PASSPHRASE=os.environ.get(
            "CERTIFICATE_ISSUER_PASSPHRASE", "demo-issuer"
        ),
        INSECURE_LOCAL_HTTP="1",
        SERVE_MEDIA="1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env
