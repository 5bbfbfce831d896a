import json
import xml.etree.ElementTree as ET

import pytest

from tendik.analytics import maps
from tendik.territories.services import boundaries_import
from tendik.testing.factories import TerritoryFactory

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KG = {
    "KG07000000000": "Таласская область", "KG11000000000": "г. Бишкек",
    "KG08000000000": "Чуйская область", "KG02000000000": "Иссык-Кульская область",
    "KG03000000000": "Джалал-Абадская область", "KG04000000000": "Нарынская область",
    "KG05000000000": "Баткенская область", "KG21000000000": "г. Ош",
    "KG06000000000": "Ошская область",
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is well formed


def texts(svg: str) -> list[str]:
    return [t.text for t in parse(svg).iter(f"{SVG}text")]


def kg_map(**overrides):
    arguments = {"title": "Участники по областям", "description": "Больше всего в Бишкеке",
                 "country_code": "KG", "values": {"KG11000000000": 1200, "KG08000000000": 40.5},
                 "labels": KG, "unit": "чел."}
    return maps.territory_map(**(arguments | overrides))


def test_the_tile_grids_hold_every_region_of_kg_and_kz_once():
    assert len(maps.TILES["KG"]) == 9  # 7 regions, Bishkek and Osh
    assert len(maps.TILES["KZ"]) == 20  # 17 regions, Astana, Almaty and Shymkent
    for grid in maps.TILES.values():
        assert len(set(grid.values())) == len(grid)  # no two regions on one tile


@pytest.mark.django_db
def test_the_tile_map_shows_every_region_with_its_short_name_and_value():
    svg = kg_map()
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Участники по областям"
    assert root.find(f"{SVG}desc").text == "Больше всего в Бишкеке"
    shown = texts(svg)
    assert "1\u202f200\u00a0чел." in shown and "40,5\u00a0чел." in shown
    assert "Чуйская" in shown and "г. Бишкек" in shown  # "область" left out on a tile
    # Seven regions without a value are hatched and say so (the legend says it once more).
    assert shown.count("нет данных") == 7 + 1


@pytest.mark.django_db
def test_a_region_without_a_tile_goes_to_an_extra_row_and_is_not_dropped():
    svg = kg_map(values={"KG11000000000": 5, "KG99000000000": 7},
                 labels=KG | {"KG99000000000": "Новая область"})
    assert "Новая" in texts(svg) and "7\u00a0чел." in texts(svg)


@pytest.mark.django_db
def test_values_are_shaded_by_class_and_the_legend_names_the_classes():
    svg = kg_map(values={"KG11000000000": 0, "KG08000000000": 50, "KG02000000000": 100},
                 unit="%")
    shown = texts(svg)
    assert "0–20\u00a0%" in shown and "80–100\u00a0%" in shown
    fills = {style.split("fill: ")[1].split(";")[0] for style in
             (e.get("style") or "" for e in parse(svg).iter(f"{SVG}path")) if "fill: #" in style}
    assert {maps.SHADES[0], maps.SHADES[-1]} <= fills


def test_value_classes_are_round_and_cover_every_value():
    assert maps.value_classes([0, 87]) == [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100)]
    assert maps.value_classes([5, 5]) == [(5, 5)]
    # Float ticks a hair above the lowest share (1.8000000000000003) still start the classes.
    classes = maps.value_classes([1.8, 3.2])
    assert classes[0][0] <= 1.8 + 1e-9 and classes[-1][1] >= 3.2
    assert maps.value_classes([None]) == []
    classes = maps.value_classes([1234, 1530])
    assert classes[0][0] <= 1234 and classes[-1][1] >= 1530


@pytest.mark.django_db
def test_a_map_with_no_values_at_all_shows_every_region_as_without_data():
    shown = texts(kg_map(values={}))
    assert shown.count("нет данных") == 9 + 1


@pytest.mark.django_db
def test_a_country_without_a_grid_and_without_values_draws_the_callers_message():
    svg = maps.territory_map(title="UZ", description="Нет данных по регионам", country_code="UZ",
                             values={}, labels={})
    assert texts(svg) == ["Нет данных по регионам"]


@pytest.mark.django_db
def test_kazakhstan_tiles_and_png_from_the_same_function():
    values = dict.fromkeys(maps.TILES["KZ"], 3)
    svg = maps.territory_map(title="KZ", description="d", country_code="kz", values=values,
                             labels={"KZ710000000": "Астана"})
    assert texts(svg).count("3") == 20 and "Астана" in texts(svg)
    png = maps.territory_map(title="KZ", description="d", country_code="KZ", values=values,
                             labels={}, fmt="png")
    assert png.startswith(PNG_SIGNATURE)


@pytest.mark.django_db
def test_markup_in_labels_and_title_is_escaped():
    svg = kg_map(title="<b>&", labels={"KG11000000000": "<i>Бишкек</i>"})
    assert parse(svg).find(f"{SVG}title").text == "<b>&"
    assert "<i>Бишкек</i>" in texts(svg) and "<i>" not in svg


# ---------------------------------------------------------------- with imported outlines

CHUI, BISHKEK, TALAS = "KG08000000000", "KG11000000000", "KG07000000000"


def square(x, y, size, hole=False):
    rings = [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]
    if hole:
        inner = size / 4
        rings.append([[x + inner, y + inner], [x + inner, y + 2 * inner],
                      [x + 2 * inner, y + 2 * inner], [x + 2 * inner, y + inner],
                      [x + inner, y + inner]])
    return rings


def import_outlines(outlines: dict) -> None:
    features = [{"type": "Feature", "properties": {"code": code},
                 "geometry": {"type": "Polygon", "coordinates": rings}}
                for code, rings in outlines.items()]
    boundaries_import(actor=None, content=json.dumps(
        {"type": "FeatureCollection", "features": features}).encode())


@pytest.fixture
def outlined(db):
    for code in (CHUI, BISHKEK, TALAS):
        TerritoryFactory(code=code)
    import_outlines({CHUI: square(73.5, 42.0, 1.5, hole=True), BISHKEK: square(74.5, 42.8, 0.1),
                     TALAS: square(71.5, 42.0, 1.5)})


def test_imported_outlines_turn_the_map_into_a_choropleth(outlined):
    svg = kg_map(values={CHUI: 240, BISHKEK: 1200})
    shown = texts(svg)
    # Only outlined regions are drawn: no tile of the seven others.
    assert "Нарынская" not in shown and "Чуйская" in shown and "Таласская" in shown
    assert "1\u202f200\u00a0чел." in shown and "240\u00a0чел." in shown
    assert shown.count("нет данных") == 1 + 1  # Talas, and the legend
    root = parse(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Участники по областям"
    subpaths = [p.get("d").count("M") for p in root.iter(f"{SVG}path") if p.get("d")]
    assert 2 in subpaths  # Chui's outline with its hole, in one path
    png = kg_map(values={CHUI: 240, BISHKEK: 1200}, fmt="png")
    assert png.startswith(PNG_SIGNATURE)


def test_a_region_with_a_value_but_no_outline_keeps_the_tile_map(outlined):
    shown = texts(kg_map(values={CHUI: 240, "KG04000000000": 7}))
    assert "Нарынская" in shown and "7\u00a0чел." in shown
    assert "Ошская" in shown  # every tile of the country is back


def test_the_map_costs_one_query_and_a_new_import_is_drawn_at_once(outlined,
                                                                   django_assert_num_queries):
    values = {CHUI: 240, BISHKEK: 1200}
    first = kg_map(values=values)
    with django_assert_num_queries(1):  # has anything been imported since? no: cached
        assert kg_map(values=values) is first
    import_outlines({TALAS: square(70.5, 41.5, 2.5)})
    assert kg_map(values=values) != first
