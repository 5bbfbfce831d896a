import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.territories.models import Territory
from tendik.territories.open_admin_data import TerritoryRecord, parse_bytes, parse_path
from tendik.territories.services import _find_cycles, territory_import

pytestmark = pytest.mark.django_db
# Shipped with the project (Open Admin Data, CC-BY-4.0): the tests need no ../shared.
KG_ADMIN = Path(__file__).resolve().parents[1] / "reference" / "kg-admin"


def record(code, level, parent=None, name="Имя", source="file.json: запись 1"):
    return TerritoryRecord(code, level, parent, (("ky", name), ("en", name)), source)


def test_real_kyrgyz_tree_imports_exactly_and_idempotently():
    counts = territory_import(records=parse_path(KG_ADMIN))
    assert Territory.objects.filter(country_code="KG", level="region").count() == 9
    assert Territory.objects.filter(country_code="KG", level="district").count() == 53
    assert Territory.objects.filter(country_code="KG", level="municipality").count() == 460
    assert counts["municipality"] == {"created": 460}
    chui = Territory.objects.get(code="KG08000000000")
    assert (chui.name_ky, chui.name_en, chui.parent.code) == ("Чүй", "Chui", "KG")
    audit_rows = AuditEntry.objects.count()
    again = territory_import(records=parse_path(KG_ADMIN))
    assert again["municipality"] == {"unchanged": 460}
    assert again["district"] == {"unchanged": 53}
    assert AuditEntry.objects.count() == audit_rows


def test_each_file_format_parses_the_same_regions():
    flat = parse_path(KG_ADMIN / "all-flat.csv")
    hierarchy = parse_path(KG_ADMIN / "hierarchy.json")
    regions = {r.code for r in flat if r.level == "region"}
    assert regions == {r.code for r in hierarchy if r.level == "region"}
    assert len([r for r in hierarchy if r.level == "municipality"]) == 460


def test_unknown_parent_code_imports_nothing():
    with pytest.raises(DomainError) as error:
        territory_import(records=[record("KG01000000000", "region"),
                                  record("KG01201000000", "district", "KG09999999999")])
    assert "KG09999999999" in error.value.errors[0]["message"]
    assert error.value.errors[0]["column"] == "parent.id"
    assert not Territory.objects.exists()


def test_duplicate_code_in_one_file_is_refused():
    with pytest.raises(DomainError) as error:
        territory_import(records=[record("KG01000000000", "region", source="a.json: запись 1"),
                                  record("KG01000000000", "region", source="a.json: запись 2")])
    assert "повторяется" in error.value.errors[0]["message"]
    assert error.value.errors[0]["row"] == "a.json: запись 2"
    assert not Territory.objects.exists()


def test_cycle_is_refused_with_its_path():
    with pytest.raises(DomainError) as error:
        territory_import(records=[record("KG01201000000", "district", "KG01202000000"),
                                  record("KG01202000000", "district", "KG01201000000")])
    assert "цикл" in error.value.errors[0]["message"]
    assert not Territory.objects.exists()


def test_level_must_fit_under_parent():
    with pytest.raises(DomainError) as error:
        territory_import(records=[record("KG01000000000", "region"),
                                  record("KG01000000001", "municipality", "KG01000000000")])
    assert error.value.errors[0]["column"] == "parent.id"


def test_unknown_country_is_refused():
    with pytest.raises(DomainError):
        territory_import(records=[record("XX01000000000", "region")])


def test_bad_files_get_clear_errors():
    with pytest.raises(DomainError, match="не JSON"):
        parse_bytes(b"{oops", "regions.json")
    with pytest.raises(DomainError, match="нет столбцов"):
        parse_bytes(b"id,name\nKG1,x\n", "flat.csv")
    with pytest.raises(DomainError, match="поддерживаются файлы"):
        parse_bytes(b"MZ\x90\x00", "tree.exe")
    with pytest.raises(DomainError, match="уровень"):
        parse_bytes(json.dumps([{"id": "KG1", "level": 7, "name": {}}]).encode(), "x.json")


def test_bom_and_comment_lines_are_tolerated():
    text = "\ufeff# comment\nid,level,name.local,name.en,parent.id\nKG01000000000,1,Аймак,Aimak,\n"
    records = parse_bytes(text.encode("utf-8"), "flat.csv")
    assert records[0].code == "KG01000000000"
    assert records[0].name_fields() == {"name_ky": "Аймак", "name_en": "Aimak"}


def test_import_is_limited_to_the_callers_country():
    with pytest.raises(DomainError) as error:
        territory_import(records=[record("KZ01000000000", "region")], allowed_countries={"KG"})
    assert "другой стране" in error.value.errors[0]["message"]


@given(st.dictionaries(st.integers(0, 12).map(str),
                       st.one_of(st.none(), st.integers(0, 12).map(str)), max_size=12))
def test_every_reported_cycle_is_real_and_acyclic_maps_report_none(parents):
    cycles = _find_cycles(parents)
    for cycle in cycles:
        assert cycle[0] == cycle[-1]
        assert all(parents[a] == b for a, b in zip(cycle, cycle[1:], strict=False))

    def reaches_cycle(code):
        seen = set()
        while code in parents and code not in seen:
            seen.add(code)
            code = parents[code]
        return code in seen

    assert bool(cycles) == any(reaches_cycle(code) for code in parents)
