"""The ky, kk and en catalogues stay complete: no empty, fuzzy or placeholder-breaking entries,
and no string in the code that `makemessages` would add untranslated."""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

PLACEHOLDER = re.compile(r"%\(\w+\)s")
TRANSLATED = ["ky", "kk", "en"]
SOURCES = ("tendik", "config")


@pytest.mark.parametrize("language", TRANSLATED)
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


@pytest.fixture(scope="module")
def remade_catalogues(tmp_path_factory) -> Path:
    """`makemessages` run on a copy of the code and catalogues: the real .po files stay as they are."""
    root = tmp_path_factory.mktemp("makemessages")
    base = Path(settings.BASE_DIR)
    for name in SOURCES:
        shutil.copytree(base / name, root / "src" / name,
                        ignore=shutil.ignore_patterns("locale", "__pycache__", "*.json", "*.mo"))
    shutil.copytree(Path(settings.LOCALE_PATHS[0]), root / "locale",
                    ignore=shutil.ignore_patterns("*.mo"))
    cwd = os.getcwd()
    os.chdir(root / "src")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(settings, "LOCALE_PATHS", [str(root / "locale")])
            call_command("makemessages", locale=TRANSLATED, domain="django", verbosity=0)
    finally:
        os.chdir(cwd)
    return root / "locale"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_in_the_code_is_translated(remade_catalogues, language):
    catalogue = polib.pofile(str(remade_catalogues / language / "LC_MESSAGES" / "django.po"))
    missing = sorted({e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()})
    assert not missing, f"{len(missing)} strings without a {language} translation:\n" + "\n".join(
        missing)
