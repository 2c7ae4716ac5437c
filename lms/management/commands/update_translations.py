"""Regenerates locale/en from the source strings and fills it from locale/en/strings/*.json.

Vietnamese is the source language. Each app keeps its English strings in its own JSON file
(`{"Vietnamese msgid": "English"}`; a plural is `["one", "other"]`), so that two people adding
strings at once never edit the same file; the .po is a generated artefact. Needs gettext.
"""

import json
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Trích chuỗi cần dịch vào locale/en và điền bản dịch từ locale/en/strings/*.json."

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        call_command(
            "makemessages",
            locale=["en"],
            ignore_patterns=[
                ".venv/*",
                "static_collected/*",
                "media/*",
                "tests/*",
                "bench/out/*",
                "node_modules/*",
            ],
            no_obsolete=True,
            verbosity=0,
        )
        glossary: dict = {}
        for path in sorted((base / "locale/en/strings").glob("*.json")):
            glossary.update(json.loads(path.read_text(encoding="utf-8")))
        po_path = base / "locale/en/LC_MESSAGES/django.po"
        po = polib.pofile(str(po_path))
        po.metadata_is_fuzzy = False
        po.header = "English (second language) for Học kỹ năng số. Source strings are Vietnamese."
        po.metadata.update({"Language": "en", "Content-Type": "text/plain; charset=UTF-8"})
        po.metadata.pop("POT-Creation-Date", None)
        missing = []
        for entry in po:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            value = glossary.get(entry.msgid)
            if entry.msgid_plural:
                if isinstance(value, list) and len(value) == 2:
                    entry.msgstr_plural = {0: value[0], 1: value[1]}
                else:
                    missing.append(entry.msgid)
            elif isinstance(value, str) and value:
                entry.msgstr = value
            else:
                entry.msgstr = ""
                missing.append(entry.msgid)
        po.save()
        for msgid in missing:
            self.stdout.write(self.style.WARNING(f"chưa dịch / untranslated: {msgid!r}"))
        self.stdout.write(f"{len(po)} chuỗi, {len(missing)} chưa dịch.")
