"""A plan's indicator linked to an SDG code receives the statistics office's file of that code,
and is found and filed under it, as the national SDG platform names it."""

from django.core.management import call_command
from django.urls import reverse

from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import StatValue
from tendik.plans.services import indicator_create

from .conftest import write_csv


def _linked(kz, tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    nap = indicator_create(actor=None, country=kz, code="И-1.1", sdg_code="5.5.2",
                           name_ru="Доля женщин на руководящих должностях", unit="percent")
    write_csv(tmp_path, "indicator_5-5-2.csv", "Year,Value\n2020,41.5\n")
    assert opensdg_import(actor=None, country=kz, path=tmp_path).errors == []
    return nap


def test_the_sdg_file_lands_on_the_linked_plan_indicator(kz, tmp_path):
    nap = _linked(kz, tmp_path)
    assert list(StatValue.objects.values_list("indicator_id", "text")) == [(nap.pk, "41.5")]


def test_the_download_is_found_by_the_sdg_code_and_by_the_own_code(kz, tmp_path, client):
    _linked(kz, tmp_path)
    for code in ("5-5-2", "5.5.2", "И-1.1", "И-1-1"):
        url = reverse("opendata:indicator", kwargs={"name": f"{code}.csv"}) + "?country=KZ"
        response = client.get(url)
        assert response.status_code == 200, code
        assert response.content.decode().splitlines() == ["Year,Value", "2020,41.5"]


def test_export_files_it_under_the_sdg_code_and_it_imports_back_unchanged(kz, tmp_path):
    _linked(kz, tmp_path / "in")
    call_command("export_opensdg", "--country", "KZ", str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["indicator_5-5-2.csv"]
    again = opensdg_import(actor=None, country=kz, path=tmp_path / "out")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_two_indicators_sharing_an_sdg_code_keep_their_own_names(kz, tmp_path, client):
    for code in ("И-4.1", "И-4.2"):
        indicator_create(actor=None, country=kz, code=code, sdg_code="5.5.1", name_ru=code)
    (tmp_path / "in").mkdir()
    write_csv(tmp_path / "in", "indicator_И-4-1.csv", "Year,Value\n2020,20\n")
    assert opensdg_import(actor=None, country=kz, path=tmp_path / "in").errors == []
    url = reverse("opendata:indicator", kwargs={"name": "5-5-1.csv"}) + "?country=KZ"
    assert client.get(url).status_code == 404
    call_command("export_opensdg", "--country", "KZ", str(tmp_path / "out"))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["indicator_И-4-1.csv"]
