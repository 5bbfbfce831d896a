"""The ky, kk and en catalogues stay complete: no empty, fuzzy or placeholder-breaking entries."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.parametrize("language", ["ky", "kk", "en"])
def test_catalogue_is_complete(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 100
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(
                entry.msgid + entry.msgid_plural)), entry.msgid
