"""manage.py export_opensdg --country XX OUTDIR: one Open SDG CSV per published indicator."""

import pytest
from django.core.management import CommandError, call_command

from .fixtures_public import public_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_writes_one_csv_per_published_indicator(tmp_path, public):
    call_command("export_opensdg", str(tmp_path / "out"), country="kg")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "indicator_П-1.csv", "indicator_ФН-1.csv"]
    assert (tmp_path / "out" / "indicator_П-1.csv").read_bytes() == (
        b"Year,Value\n2022,24.5\n2023,28\n")


def test_imported_indicators_are_written_in_open_sdg_form(tmp_path, kz_imported):
    call_command("export_opensdg", str(tmp_path), country="KZ", sdmx=True)
    assert (tmp_path / "indicator_5-5-2.csv").read_text().startswith("Year,")
    assert (tmp_path / "indicator_5-5-2.xml").exists() and (tmp_path / "structure.xml").exists()


@pytest.mark.parametrize(("country", "message"), [("XX", "ISO 3166"), ("K", "ISO 3166"),
                                                  ("UZ", "не найдена")])
def test_a_bad_or_unknown_country_is_a_command_error(tmp_path, world, country, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_opensdg", str(tmp_path), country=country)
    assert not any(tmp_path.iterdir())
