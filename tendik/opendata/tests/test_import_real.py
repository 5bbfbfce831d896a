"""The real files: Kazakhstan's Open SDG CSV (codes, duplicates, conflicts) and Kyrgyzstan's
SDMX-ML with its structure definition."""

from decimal import Decimal

import pytest

from tendik.core.models import AuditAction, AuditEntry
from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import DimensionMapping, SourceFile, StatValue, ValueMapping
from tendik.plans.models import DimensionValue, Indicator

from .conftest import KG, KZ

pytestmark = pytest.mark.django_db

# Files with values: the other five KZ files hold only their header.
KZ_INDICATORS = {"5.2.1.1", "5.2.1.2", "5.2.1", "5.2.2", "5.3.1", "5.4.1", "5.5.1", "5.5.2",
                 "5.6.2", "5.a.1", "5.b.1"}


def test_the_kz_folder_imports_except_5_5_2_whose_conflicting_rows_are_named(kz):
    result = opensdg_import(actor=None, country=kz, path=KZ)

    assert result.errors
    assert {error["file"] for error in result.errors} == {"data/indicator_5-5-2.csv"}
    total_2020 = next(e for e in result.errors if "2020, PT, итого" in e["message"])
    assert total_2020["row"] == 1621 and total_2020["column"] == "Value"
    assert "40.0" in total_2020["message"] and "41.5" in total_2020["message"]
    assert not StatValue.objects.filter(indicator__code="5.5.2").exists()
    assert not SourceFile.objects.filter(name__endswith="5-5-2.csv").exists()
    assert result.indicators == set(Indicator.objects.filter(country=kz).values_list("pk", flat=True))
    assert set(Indicator.objects.filter(country=kz).values_list("code", flat=True)) == \
        KZ_INDICATORS - {"5.5.2"}
    assert result.created == StatValue.objects.count() == 1833


def test_the_kz_folder_with_on_conflict_first_takes_the_first_value_and_records_it(kz_imported, kz):
    assert kz_imported.errors == []
    assert kz_imported.as_dict()["indicators"] == 11
    assert kz_imported.observations == 4208
    assert kz_imported.created == StatValue.objects.count() == 4128
    total = StatValue.objects.get(indicator__code="5.5.2", year=2020, disaggregation="")
    assert (total.text, total.value, total.unit) == ("41.1", Decimal("41.1"), "PT")
    source = SourceFile.objects.get(name="data/indicator_5-5-2.csv")
    assert source.on_conflict == "first"
    assert any("взято" in w["message"] for w in source.warnings)
    assert any("Повтор строк" in w["message"] for w in kz_imported.warnings)


def test_kz_codes_land_on_our_dimensions_and_new_values_are_recorded(kz_imported, kz):
    women_rural = StatValue.objects.filter(indicator__code="5.b.1", disaggregation="sex=F|urban_rural=R")
    assert women_rural.exists()
    assert set(Indicator.objects.get(country=kz, code="5.b.1").dimensions
               .values_list("code", flat=True)) == {"sex", "urban_rural", "ref_area"}
    region = DimensionValue.objects.get(dimension__code="ref_area", code="KZAKM")
    assert region.label_ru == "Акмолинская"
    added = ValueMapping.objects.get(mapping__country=kz, mapping__source="REF_AREA",
                                     source_value="KZAKM")
    assert added.created_by_import and added.value == region
    assert not ValueMapping.objects.get(mapping__source="SEX", source_value="F").created_by_import
    assert DimensionMapping.objects.get(country=kz, source="URBANISATION").dimension.code == "urban_rural"


def test_a_created_indicator_takes_its_names_from_the_sites_translations(kz_imported, kz):
    indicator = Indicator.objects.get(country=kz, code="5.5.2")
    assert indicator.name_ru == "Доля женщин на руководящих должностях"
    assert indicator.name_en and indicator.sdg_code == "5.5.2" and indicator.unit == "percent"


def test_reimporting_the_same_files_changes_nothing(kz_imported, kz):
    files, audits = SourceFile.objects.count(), AuditEntry.objects.count()

    again = opensdg_import(actor=None, country=kz, path=KZ, on_conflict="first")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 4128)
    assert SourceFile.objects.count() == files and AuditEntry.objects.count() == audits


def test_one_audit_entry_per_imported_file(kz_imported):
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.count() == SourceFile.objects.count() == 11
    entry = entries.get(object_repr="data/indicator_5-5-2.csv")
    assert entry.changes["created"] == {"old": None, "new": 2295} and entry.country_code == "KZ"


def test_the_audit_trail_lists_an_import_like_any_change(kz_imported, kz, client):
    """The API and the page read every entry's changes as {field: {old, new}}."""
    from django.urls import reverse

    from tendik.testing.factories import user_with_role

    client.force_login(user_with_role("coordinator", username="c-kz", organisation__country=kz))
    body = client.get(reverse("audit-list"), {"text": ""}).json()
    imports = [e for e in body["results"] if e["action"] == AuditAction.IMPORT]
    assert imports and {"field": "created", "old": None, "new": 2295} in [
        c for e in imports for c in e["changes"]]
    assert client.get(reverse("audit")).status_code == 200


def test_the_kg_sdmx_folder_imports_with_its_structure(kg_imported, kg_country):
    assert kg_imported.errors == []
    assert kg_imported.as_dict()["indicators"] == 9
    assert kg_imported.observations == kg_imported.created == StatValue.objects.count() == 723
    value = StatValue.objects.get(indicator__code="5.5.2", year=2007)
    assert (value.text, value.series, value.unit, value.disaggregation) == ("31.5", "IC_GEN_MGTL", "PT", "")
    indicator = Indicator.objects.get(country=kg_country, code="5.5.2")
    assert indicator.name_ru == "Доля женщин на руководящих должностях"
    assert StatValue.objects.filter(indicator__code="5.2.1.1", year=2023,
                                    disaggregation="income_wealth_quantile=Q5|sex=F").exists()
    assert SourceFile.objects.filter(format="sdmx_ml").count() == 9
    # PD and PWD are the SDG code list's «Persons with/without disability»: our DIS and NODIS.
    keys = StatValue.objects.filter(disaggregation__contains="disability=").values_list(
        "disaggregation", flat=True)
    assert {part for key in keys for part in key.split("|") if part.startswith("disability=")} == {
        "disability=DIS", "disability=NODIS"}
    assert DimensionValue.objects.filter(dimension__code="disability").count() == 2


def test_reimporting_the_kg_folder_changes_nothing(kg_imported, kg_country):
    again = opensdg_import(actor=None, country=kg_country, path=KG / "data")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 723)


def test_a_single_file_imports_alone(kz):
    result = opensdg_import(actor=None, country=kz, path=KZ / "data" / "indicator_5-4-1.csv")
    assert result.errors == [] and result.as_dict()["indicators"] == 1
    assert result.created == StatValue.objects.count() == 10
    assert StatValue.objects.filter(disaggregation="urban_rural=U").exists()


def test_a_changed_file_updates_its_values_and_keeps_the_rest(kz, tmp_path):
    (tmp_path / "indicator_5-6-2.csv").write_text("Year,UNIT_MEASURE,Value\n2019,PT,0.63\n")
    opensdg_import(actor=None, country=kz, path=tmp_path)
    (tmp_path / "indicator_5-6-2.csv").write_text("Year,UNIT_MEASURE,Value\n2019,PT,0.64\n2020,PT,1\n")

    result = opensdg_import(actor=None, country=kz, path=tmp_path)

    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert StatValue.objects.get(year=2019).text == "0.64"
    assert SourceFile.objects.count() == 2


def test_an_existing_indicator_is_used_and_gets_no_new_dimensions(kz):
    from tendik.plans.services import indicator_create

    ours = indicator_create(actor=None, country=kz, code="НПД-7", name_ru="Доля женщин", sdg_code="5.4.1")
    result = opensdg_import(actor=None, country=kz, path=KZ / "data" / "indicator_5-4-1.csv")
    assert result.indicators == {ours.pk}
    assert not ours.dimensions.exists()
    assert "нет разрезов sex, urban_rural" in result.warnings[0]["message"]
    assert StatValue.objects.filter(indicator=ours).count() == 10
