"""`manage.py import_opensdg` (the interface acceptance checks use) and the remapping of a
source value by a coordinator."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.core.permissions import Role
from tendik.opendata.importing import opensdg_import, value_mapping_update
from tendik.opendata.models import StatValue, ValueMapping
from tendik.plans.models import DimensionValue
from tendik.territories.models import Territory
from tendik.testing.factories import user_with_role

from .conftest import KG, KZ, write_csv

pytestmark = pytest.mark.django_db
KEYS = {"indicators", "observations", "created", "updated", "unchanged", "errors", "warnings"}


def run(*args) -> tuple[dict | str, bool]:
    """The command's stdout (parsed when --json) and whether it exited non-zero."""
    out = io.StringIO()
    try:
        call_command("import_opensdg", *map(str, args), stdout=out)
    except CommandError:
        failed = True
    else:
        failed = False
    text = out.getvalue()
    return (json.loads(text) if "--json" in args else text), failed


def test_json_output_has_the_agreed_shape_and_errors_exit_non_zero(db):
    summary, failed = run(KZ, "--country", "KZ", "--json")
    assert failed and set(summary) == KEYS
    assert (summary["indicators"], summary["observations"], summary["created"]) == (10, 1833, 1833)
    assert all(set(error) == {"file", "row", "column", "message"} for error in summary["errors"])
    assert {error["file"] for error in summary["errors"]} == {"data/indicator_5-5-2.csv"}


def test_on_conflict_first_imports_everything_and_exits_zero(db):
    summary, failed = run(KZ, "--country", "KZ", "--json", "--on-conflict", "first")
    assert not failed and summary["errors"] == [] and summary["created"] == 4128


def test_the_kg_sdmx_folder_through_the_command(db):
    summary, failed = run(KG / "data", "--country", "KG", "--json")
    assert not failed and (summary["indicators"], summary["created"]) == (9, 723)
    again, _ = run(KG / "data", "--country", "KG", "--json")
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 723)


def test_a_missing_country_is_added_with_its_names(db, tmp_path):
    write_csv(tmp_path, "indicator_5-5-1.csv", "Year,Value\n2020,12\n")
    text, failed = run(tmp_path, "--country", "uz")
    assert not failed and "UZ" in text and "добавлено 1" in text
    uzbekistan = Territory.objects.get(code="UZ", level="country")
    assert "Узбекистан" in uzbekistan.name_ru and uzbekistan.name_en
    assert StatValue.objects.get().indicator.country == uzbekistan


def test_a_country_code_that_is_not_iso_3166_is_refused(db, tmp_path):
    write_csv(tmp_path, "indicator_5-5-1.csv", "Year,Value\n2020,12\n")
    with pytest.raises(CommandError):
        call_command("import_opensdg", str(tmp_path), "--country", "XX", stdout=io.StringIO())
    assert not Territory.objects.filter(code="XX").exists() and not StatValue.objects.exists()


def test_the_readable_summary_lists_errors_with_file_row_and_column(db, tmp_path):
    write_csv(tmp_path, "indicator_5-5-1.csv", "Year,Value\n2020,twelve\n")
    text, failed = run(tmp_path, "--country", "KZ")
    assert failed and "indicator_5-5-1.csv, 2, Value:" in text


# ------------------------------------------------------------------ remapping a source value


@pytest.fixture
def added(kz, tmp_path):
    """A label the import could not match, added to our sex code list."""
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,SEX,Value\n2020,Женщина,1\n")
    opensdg_import(actor=None, country=kz, path=tmp_path)
    return ValueMapping.objects.get(source_value="Женщина", created_by_import=True)


def test_a_coordinator_remaps_a_value_and_the_next_import_uses_it(added, kz, tmp_path):
    coordinator = user_with_role(Role.COORDINATOR, organisation__country=kz)
    women = DimensionValue.objects.get(dimension__code="sex", code="F")

    row = value_mapping_update(actor=coordinator, mapping_value_id=added.pk, value_id=women.pk)

    assert row.value == women and not row.created_by_import
    assert AuditEntry.objects.filter(object_id=str(added.pk), action="update").exists()
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,SEX,Value\n2021,Женщина,2\n")
    opensdg_import(actor=coordinator, country=kz, path=tmp_path)
    assert StatValue.objects.get(year=2021).disaggregation == "sex=F"


def test_a_value_of_another_dimension_is_a_400(added, kz):
    urban = DimensionValue.objects.get(dimension__code="urban_rural", code="U")
    with pytest.raises(DomainError) as raised:
        value_mapping_update(actor=None, mapping_value_id=added.pk, value_id=urban.pk)
    assert raised.value.code == "invalid" and raised.value.errors[0]["field"] == "value_id"


def test_unknown_ids_are_404(added):
    for mapping_id, value_id in ((added.pk + 999, added.value_id), (added.pk, 999999)):
        with pytest.raises(DomainError) as raised:
            value_mapping_update(actor=None, mapping_value_id=mapping_id, value_id=value_id)
        assert raised.value.code == "not_found"


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.OBSERVER, "other_country"])
def test_others_may_not_remap(added, role):
    if role == "other_country":
        actor = user_with_role(Role.COORDINATOR, organisation__country__code="KG")
    else:
        actor = user_with_role(role, organisation__country=added.mapping.country)
    with pytest.raises(DomainError) as raised:
        value_mapping_update(actor=actor, mapping_value_id=added.pk, value_id=added.value_id)
    assert raised.value.code == "forbidden"


def test_a_focal_point_may_not_import(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-5-1.csv", "Year,Value\n2020,12\n")
    with pytest.raises(DomainError) as raised:
        opensdg_import(actor=user_with_role(Role.FOCAL_POINT, organisation__country=kz), country=kz,
                       path=tmp_path)
    assert raised.value.code == "forbidden"
