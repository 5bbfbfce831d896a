import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.territories.geometry import simplify
from tendik.territories.models import TerritoryBoundary
from tendik.territories.services import boundaries_import
from tendik.testing.factories import TerritoryFactory, user_with_role

pytestmark = pytest.mark.django_db

CHUI, BISHKEK = "KG08000000000", "KG11000000000"
# A square with a square hole, written clockwise (as many old files are) with extra points.
CHUI_POLYGON = [
    [[73.0, 42.0], [73.0, 43.0], [74.0, 43.0], [75.0, 43.0], [76.0, 43.0], [76.0, 42.0],
     [73.0, 42.0]],
    [[74.4, 42.4], [74.6, 42.4], [74.6, 42.6], [74.4, 42.6], [74.4, 42.4]],
]
BISHKEK_MULTI = [[[[74.5, 42.8], [74.7, 42.8], [74.7, 42.95], [74.5, 42.95], [74.5, 42.8]]],
                 [[[74.8, 42.8], [74.85, 42.8], [74.85, 42.85], [74.8, 42.8]]]]


def feature(code, geometry, **properties):
    return {"type": "Feature", "properties": {"code": code, **properties}, "geometry": geometry}


def collection(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def chui_and_bishkek() -> dict:
    return copy.deepcopy(collection(
        feature(CHUI, {"type": "Polygon", "coordinates": CHUI_POLYGON}),
        feature(BISHKEK, {"type": "MultiPolygon", "coordinates": BISHKEK_MULTI}),
    ))


def encoded(data) -> bytes:
    return json.dumps(data).encode()


@pytest.fixture
def regions():
    return {code: TerritoryFactory(code=code) for code in (CHUI, BISHKEK)}


def run(data, **kwargs):
    return boundaries_import(actor=None, content=encoded(data), source="kg.geojson", **kwargs)



def signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))


def test_boundaries_are_imported_as_simplified_multipolygons_in_rfc_order(regions):
    counts = run(chui_and_bishkek())
    assert counts == {"created": 2, "updated": 0, "unchanged": 0, "points": 5 + 5 + 5 + 4}
    chui = TerritoryBoundary.objects.get(territory__code=CHUI)
    assert chui.geometry["type"] == "MultiPolygon" and chui.source == "kg.geojson"
    outer, hole = chui.geometry["coordinates"][0]
    assert len(outer) == 5  # the collinear points on the northern edge are dropped
    assert signed_area(outer) > 0 > signed_area(hole)  # outer anticlockwise, hole clockwise
    bishkek = TerritoryBoundary.objects.get(territory__code=BISHKEK).geometry
    assert len(bishkek["coordinates"]) == 2
    assert AuditEntry.objects.filter(object_repr__startswith="Область",
                                     content_type__model="territoryboundary").count() == 2


def test_coordinates_are_rounded_to_about_a_hundred_metres():
    ring = [[74.123456, 42.0], [74.5, 42.987654], [75.0, 42.0], [74.123456, 42.0]]
    [[stored]] = simplify([[ring]])
    assert [74.123, 42.0] in stored and [74.5, 42.988] in stored


def test_reimporting_the_same_file_writes_nothing(regions):
    run(chui_and_bishkek())
    audit_rows = AuditEntry.objects.count()
    stamps = list(TerritoryBoundary.objects.values_list("updated_at", flat=True))
    assert run(chui_and_bishkek()) == {"created": 0, "updated": 0, "unchanged": 2,
                                       "points": 19}
    assert AuditEntry.objects.count() == audit_rows
    assert list(TerritoryBoundary.objects.values_list("updated_at", flat=True)) == stamps


def test_a_changed_outline_replaces_the_stored_one_and_is_audited(regions):
    actor = user_with_role("admin")
    run(chui_and_bishkek())
    changed = chui_and_bishkek()
    changed["features"][0]["geometry"]["coordinates"][0][0] = [72.0, 42.0]
    changed["features"][0]["geometry"]["coordinates"][0][-1] = [72.0, 42.0]
    counts = boundaries_import(actor=actor, content=encoded(changed), source="v2.geojson")
    assert (counts["updated"], counts["unchanged"]) == (1, 1)
    chui = TerritoryBoundary.objects.get(territory__code=CHUI)
    assert [72.0, 42.0] in chui.geometry["coordinates"][0][0] and chui.source == "v2.geojson"
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.actor == actor and set(entry.changes) >= {"geometry", "source"}


def test_another_code_property_can_be_named(regions):
    data = collection(feature("x", {"type": "Polygon", "coordinates": CHUI_POLYGON},
                              kato=CHUI))
    assert run(data, code_property="kato")["created"] == 1


def broken(change):
    """Chui stays valid; the second feature (index 1, Bishkek) gets the change."""
    data = chui_and_bishkek()
    change(data["features"][1])
    return data


def set_geometry(geometry):
    return lambda f: f.update(geometry=geometry)


POLYGON = {"type": "Polygon", "coordinates": [[[74.5, 42.8], [74.7, 42.8], [74.7, 42.9],
                                               [74.5, 42.8]]]}


def polygon_with(ring):
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.parametrize("change, column, words", [
    (lambda f: f.pop("geometry"), "geometry", "нет геометрии"),
    (set_geometry(None), "geometry", "нет геометрии"),
    (set_geometry({"type": "Point", "coordinates": [74.6, 42.9]}), "geometry.type", "Point"),
    (set_geometry(polygon_with([[74.5, 42.8], [74.7, 42.8], [74.5, 42.8]])),
     "geometry.coordinates[0]", "не меньше 4"),
    (set_geometry(polygon_with([[74.5, 42.8], [74.7, 42.8], [74.7, 42.9], [74.6, 42.9]])),
     "geometry.coordinates[0]", "не замкнуто"),
    (set_geometry(polygon_with([[74.5, 42.8], ["74.7", 42.8], [74.7, 42.9], [74.5, 42.8]])),
     "geometry.coordinates[0][1]", "числами"),
    (set_geometry(polygon_with([[74.5, 42.8], [274.7, 42.8], [74.7, 42.9], [74.5, 42.8]])),
     "geometry.coordinates[0][1]", "вне диапазона"),
    (set_geometry(polygon_with([[74.5, 42.8], [74.7, 95.0], [74.7, 42.9], [74.5, 42.8]])),
     "geometry.coordinates[0][1]", "вне диапазона"),
    (set_geometry({"type": "MultiPolygon", "coordinates": []}), "geometry.coordinates",
     "MultiPolygon"),
    (lambda f: f["properties"].pop("code"), "properties.code", "нет свойства «code»"),
    (lambda f: f["properties"].update(code=CHUI), "properties.code", "уже был в features[0]"),
    (lambda f: f["properties"].update(code="KG99000000000"), "properties.code",
     "неизвестный код территории KG99000000000"),
])
def test_each_problem_names_the_feature_and_nothing_is_imported(regions, change, column, words):
    with pytest.raises(DomainError) as error:
        run(broken(change))
    [problem] = error.value.errors
    assert problem["feature"] == 1 and problem["row"] == "features[1]"
    assert problem["column"] == column and words in problem["message"]
    assert problem["code"] == broken(change)["features"][1]["properties"].get("code", "")
    assert "ничего не сохранено" in str(error.value)
    assert not TerritoryBoundary.objects.exists() and not AuditEntry.objects.exists()


def test_every_problem_of_every_feature_is_listed_at_once(regions):
    data = collection(
        feature("KG99000000000", {"type": "Point", "coordinates": [1, 2]}),
        feature(CHUI, {"type": "Polygon", "coordinates": CHUI_POLYGON}),
        feature("", copy.deepcopy(POLYGON)),
    )
    with pytest.raises(DomainError) as error:
        run(data)
    assert [(e["feature"], e["column"]) for e in error.value.errors] == [
        (0, "geometry.type"), (0, "properties.code"), (2, "properties.code")]


def test_a_failure_keeps_the_boundaries_already_stored(regions):
    run(chui_and_bishkek())
    data = chui_and_bishkek()
    data["features"][0]["geometry"]["coordinates"][0][1] = [73.0, 99.0]
    with pytest.raises(DomainError):
        run(data)
    assert TerritoryBoundary.objects.count() == 2
    assert [73.0, 99.0] not in TerritoryBoundary.objects.get(
        territory__code=CHUI).geometry["coordinates"][0][0]


@pytest.mark.parametrize("content, words", [
    (b"{not json", "JSON"),
    (b"\xff\xfe", "JSON"),
    (b'{"type": "FeatureCollection", "features": [{"geometry": NaN}]}', "JSON"),
    (b"[" * 100_000, "JSON"),
    (b'{"type": "Feature", "geometry": null}', "FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": {}}', "FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": []}', "ни одного"),
])
def test_a_file_that_is_not_a_feature_collection_is_refused(regions, content, words):
    with pytest.raises(DomainError, match=words):
        boundaries_import(actor=None, content=content)
    assert not TerritoryBoundary.objects.exists()


def test_a_file_over_the_upload_limit_is_refused_before_reading(regions, settings):
    settings.TENDIK_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(DomainError) as error:
        run(chui_and_bishkek() | {"padding": "x" * 2000})
    assert error.value.code == "too_large"


def test_the_command_prints_a_summary(regions, tmp_path, capsys):
    path = tmp_path / "kg.geojson"
    path.write_bytes(encoded(chui_and_bishkek()))
    call_command("import_boundaries", str(path))
    assert "created 2, updated 0, unchanged 0" in capsys.readouterr().out


def test_the_command_lists_the_problems_and_fails(regions, tmp_path, capsys):
    path = tmp_path / "kg.geojson"
    path.write_bytes(encoded(broken(lambda f: f["properties"].update(code="KG99000000000"))))
    with pytest.raises(CommandError, match="ничего не сохранено"):
        call_command("import_boundaries", str(path))
    assert "features[1] (KG99000000000): properties.code" in capsys.readouterr().err
    with pytest.raises(CommandError, match="missing.geojson"):
        call_command("import_boundaries", str(tmp_path / "missing.geojson"))
