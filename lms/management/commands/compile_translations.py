"""Compiles our locale/*.po files to .mo with polib, so that `make run` needs no gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Biên dịch bản dịch (locale/*/LC_MESSAGES/*.po → .mo) không cần gettext."

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                po.save_as_mofile(str(mo_path))
                count += 1
                if options["verbosity"] > 0:
                    self.stdout.write(
                        f"{po_path.relative_to(settings.BASE_DIR)} → {mo_path.name} "
                        f"({po.percent_translated()} %)"
                    )
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Đã biên dịch {count} tệp bản dịch."))
