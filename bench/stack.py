"""Prepares the production stack: databases, migrations, static files, a data tier, fixtures.
Runs inside Django with `lms.settings.production` (bench.config.django_env)."""

import logging
import os
import sys
import time

from . import config, services

TIERS = {
    "XS": "the demo seed (3 courses of 4 lessons and a quiz, demo accounts)",
    "L": "seed_province: 50,000 learners, 20 courses × 30 items, ~1,000,000 progress rows",
}


def setup_django() -> None:
    os.environ.update(config.django_env())
    sys.path.insert(0, str(config.ROOT))
    import django

    django.setup()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def prepare(tier: str, *, reuse: bool) -> None:
    """A fresh database for the tier (or the one a previous run left, with BENCH_REUSE_DB=1)."""
    services.check_postgres()
    services.check_redis()
    marker = config.OUT / f"seeded-{config.DB_NAME}-{tier}"
    if reuse and marker.exists() and services.database_exists(config.DB_NAME):
        log(f"reusing database {config.DB_NAME} (tier {tier})")
        setup_django()
        services.flush_redis(config.REDIS_DB)
        _migrate_reused()
        return
    for old in config.OUT.glob(f"seeded-{config.DB_NAME}-*"):
        old.unlink()  # the database is about to hold another tier (or a fresh one)
    log(f"creating database {config.DB_NAME} and flushing Redis db {config.REDIS_DB}")
    services.recreate_database(config.DB_NAME)
    services.flush_redis(config.REDIS_DB)
    setup_django()
    from django.core.management import call_command

    log("migrate, compile_translations, collectstatic")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("compile_translations", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    log(f"seeding tier {tier}: {TIERS[tier]}")
    # The demo certificate's e-mail cannot be sent (no SMTP server here): not an error of ours.
    logging.disable(logging.CRITICAL)
    try:
        call_command("seed_demo", verbosity=0)
    finally:
        logging.disable(logging.NOTSET)
    if tier == "L":
        from django.core.management import get_commands

        if "seed_province" not in get_commands():
            services.fail("tier L needs `manage.py seed_province` (not in this checkout yet)")
        call_command("seed_province", learners=50_000, courses=20, items=30)
    _analyze()
    marker.write_text(tier)


def _migrate_reused() -> None:
    """Migrations added since the seed are applied; the report roll-ups are rebuilt when one
    was (a migration may change or empty them)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("compile_translations", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    if plan:
        log(f"applying {len(plan)} new migrations, then rebuilding the report roll-ups")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("rebuild_report_rollups")


def _analyze() -> None:
    """Fresh planner statistics, as a production database has them after autovacuum: measured
    right after a bulk seed, PostgreSQL would plan for empty tables."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
