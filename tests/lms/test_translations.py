"""Vietnamese is the source language; English is complete and never fuzzy."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_string_is_translated(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated in {path}: {missing[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_placeholders_survive_translation(path):
    import re

    pattern = re.compile(r"%\(\w+\)s|\{\w*\}")
    po = polib.pofile(str(path))
    for entry in po.translated_entries():
        expected = sorted(pattern.findall(entry.msgid_plural or entry.msgid))
        if entry.msgid_plural:
            # the singular form may spell the number out ("one course"); the others may not
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            assert set(pattern.findall(forms[0])) <= set(expected), entry.msgid
            translations = forms[1:]
        else:
            translations = [entry.msgstr]
        for translation in translations:
            assert sorted(pattern.findall(translation)) == expected, entry.msgid
