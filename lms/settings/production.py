"""Production: everything comes from the environment; a missing secret stops the start.

Variables: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL (required);
CSRF_TRUSTED_ORIGINS, e-mail (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, DEFAULT_FROM_EMAIL), AWS_STORAGE_BUCKET_NAME (+ AWS_* for S3-compatible
media), WAGTAILADMIN_BASE_URL, BEHIND_TLS_PROXY (+ TRUSTED_PROXY_COUNT), SERVE_MEDIA,
INSECURE_LOCAL_HTTP, PAGE_CACHE_SECONDS, PG_RANDOM_PAGE_COST (PostgreSQL's planner; default 1.1, for SSD),
TASKS_BACKEND (immediate or database).
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value or ""


def env_flag(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", required=True).split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", required=True), conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT: it pays off for long analytic queries only. The reports' larger queries cross its
    # cost threshold and spent more time compiling than running (who-to-call for a province,
    # 50,000 learners: 2.4 s with JIT, 0.5 s without; docs/benchmarks.md).
    # A random read costs about what a sequential one does on SSD storage (PostgreSQL's
    # default of 4 is for spinning disks): with 4, a team's learner list scanned all 57,000
    # users to join 380 of them (25 ms; 7 ms by index). PG_RANDOM_PAGE_COST=4 on a hard disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c random_page_cost={float(env('PG_RANDOM_PAGE_COST', '1.1'))}"
    )

REDIS_URL = env("REDIS_URL", required=True)
CACHES = {
    "default": {
        # Pages go on without Redis; login rate limits fail closed (lms/cache.py).
        "BACKEND": "lms.cache.DegradingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "lms",
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# HTTPS everywhere. Behind a TLS-terminating proxy set BEHIND_TLS_PROXY=1.
# INSECURE_LOCAL_HTTP=1 is only for `make serve` and `make bench` on 127.0.0.1 over plain HTTP.
LOCAL_HTTP = env_flag("INSECURE_LOCAL_HTTP", False)
SECURE_SSL_REDIRECT = not LOCAL_HTTP
if env_flag("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Rate limits count per client address: behind the proxy REMOTE_ADDR is the proxy's, so
    # trust the entries our own proxies appended to X-Forwarded-For (one by default), and
    # nothing a client wrote before them.
    ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = not LOCAL_HTTP
CSRF_COOKIE_SECURE = not LOCAL_HTTP
LANGUAGE_COOKIE_SECURE = not LOCAL_HTTP
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-ancestors"] = ["'none'"]  # noqa: F405

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Học kỹ năng số <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "static_collected"))  # noqa: F405
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
WHITENOISE_MAX_AGE = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
SERVE_MEDIA = env_flag("SERVE_MEDIA", False)
# Anonymous visitors' pages from Redis for this long (0 turns the page cache off).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# The issuing organisation's keys (certificates/signing.py, badges.py): never the demo ones.
CERTIFICATE_ISSUER_P12 = env("CERTIFICATE_ISSUER_P12", CERTIFICATE_ISSUER_P12)  # noqa: F405
CERTIFICATE_ISSUER_PASSPHRASE = env("CERTIFICATE_ISSUER_PASSPHRASE", required=True)
CERTIFICATE_ISSUER_ED25519_KEY = env(
    "CERTIFICATE_ISSUER_ED25519_KEY",
    CERTIFICATE_ISSUER_ED25519_KEY,  # noqa: F405
)
# Background tasks (django.tasks): run inside the request that asks for them by default;
# TASKS_BACKEND=database queues them in the database for `manage.py db_worker` (docs/deploy.md),
# so a learner's quiz finish does not wait for the report roll-ups' refresh, nor a certificate
# download for its signed PDF.
TASKS_BACKEND = env("TASKS_BACKEND") or "immediate"
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND != "immediate":
    raise ImproperlyConfigured("TASKS_BACKEND is 'immediate' or 'database'.")
# The SMS gateway: a dotted path to a class with send(*, phone, message) (people/sms.py).
SMS_BACKEND = env("SMS_BACKEND", SMS_BACKEND)  # noqa: F405
