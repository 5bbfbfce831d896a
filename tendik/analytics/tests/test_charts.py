import time
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tendik.analytics import charts

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QUARTERS = [f"{2020 + i // 4} К{i % 4 + 1}" for i in range(20)]


def line(**overrides):
    arguments = {
        "title": "Доля женщин", "description": "Рост с 10 до 34,7 %", "x_labels": QUARTERS,
        "series": [("Женщины", [10 + i * 1.3 for i in range(20)]),
                   ("Мужчины", [12 + i * 1.1 if i != 5 else None for i in range(20)])],
        "baseline": 10, "targets": [("2022 К4", 25), ("2030", 40)], "unit": "%",
    }
    return charts.line_chart(**(arguments | overrides))


def bars(**overrides):
    arguments = {
        "title": "Участники", "description": "По видам мероприятий",
        "categories": ["Обучение", "Семинар", "Круглый стол"],
        "series": [("Женщины", [120, 30, 8]), ("Мужчины", [80, 20, 4])],
    }
    return charts.bar_chart(**(arguments | overrides))


def multiples(**overrides):
    arguments = {
        "title": "По областям", "description": "Доля женщин по областям",
        "panels": [(f"Область {n}", QUARTERS[:8], [("Женщины", [n + j for j in range(8)])])
                   for n in range(4)],
        "unit": "%",
    }
    return charts.small_multiples(**(arguments | overrides))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is well formed


def ids(root: ET.Element) -> set[str]:
    return {element.get("id") for element in root.iter() if element.get("id")}


@pytest.mark.parametrize("render", [line, bars, multiples])
def test_the_svg_is_inline_ready_valid_xml_named_for_screen_readers(render):
    svg = render()
    assert svg.startswith("<svg ")  # no XML prolog, no DOCTYPE
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and len(root.get("viewBox").split()) == 4
    assert root.get("height") is None  # the height follows the width through the viewBox
    title, desc = list(root)[:2]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "<style" not in svg and "<metadata" not in svg and "<!--" not in svg


def test_text_stays_text_and_numbers_are_written_the_russian_way():
    svg = line()
    texts = [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert "Женщины" in texts and "Мужчины" in texts  # a legend for two series
    assert "34,7\u00a0%" in texts  # the last point, comma decimal
    assert "цель: 40\u00a0%" in texts and "базовое значение: 10\u00a0%" in texts
    assert "2030" in texts  # a target beyond the data extends the axis


def test_numbers_in_english_and_thousands_split_by_a_narrow_space():
    assert charts.format_number(12345.5) == "12\u202f345,5"
    assert charts.format_number(3.5, "%") == "3,5\u00a0%"
    assert charts.format_number(None) == "—"
    with translation.override("en"):
        assert charts.format_number(12345.5) == "12,345.5"


def test_a_single_series_has_no_legend():
    texts = [t.text for t in parse(line(series=[("Женщины", [1, 2, 3])],
                                        x_labels=["2021", "2022", "2023"])).iter(f"{SVG}text")]
    assert "Женщины" not in texts
    assert "3\u00a0%" in texts


@pytest.mark.parametrize("render", [line, bars, multiples])
def test_two_charts_on_one_page_never_share_an_id(render):
    first = ids(parse(render()))
    second = ids(parse(render(title="Другой заголовок")))
    assert first and second and not first & second


def test_every_reference_points_to_an_id_of_the_same_chart():
    svg = bars()
    known = ids(parse(svg))
    references = set(charts._REFERENCE.findall(svg))
    assert references and references <= known


def test_two_bar_series_differ_by_hatch_not_only_by_colour():
    svg = bars()
    patterns = list(parse(svg).iter(f"{SVG}pattern"))
    assert len(patterns) == 1  # the second series is hatched, the first is plain
    assert "url(#" in svg


def test_two_lines_differ_by_marker_and_line_style():
    root = parse(line(baseline=None, targets=()))
    markers = [e for e in root.iter(f"{SVG}path") if e.get("id", "").split("-")[-1][:1] == "m"]
    assert len({m.get("d") for m in markers}) >= 2  # a circle and a square
    dashed = [e for e in root.iter(f"{SVG}path") if "stroke-dasharray" in (e.get("style") or "")]
    assert dashed  # the second series' line is dashed


def test_png_comes_from_the_same_functions():
    for render in (line, bars, multiples):
        png = render(fmt="png")
        assert isinstance(png, bytes) and png.startswith(PNG_SIGNATURE)


def test_an_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError, match="fmt"):
        line(fmt="gif")


@pytest.mark.parametrize("render, empty", [
    (line, {"x_labels": [], "series": []}),
    (line, {"series": [("Женщины", [None] * 20)]}),
    (bars, {"categories": [], "series": []}),
    (bars, {"series": [("Женщины", [None, None, None])]}),
    (multiples, {"panels": []}),
    (multiples, {"panels": [("Чуй", ["2024"], [("Женщины", [None])])]}),
])
def test_no_data_draws_the_callers_message_instead_of_failing(render, empty):
    svg = render(description="Нет принятых отчётов за период", **empty)
    texts = [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert texts == ["Нет принятых отчётов за период"]
    assert render(description="Нет данных", fmt="png", **empty).startswith(PNG_SIGNATURE)


def test_an_empty_panel_among_others_says_so():
    panels = [("Чуй", ["2024", "2025"], [("Женщины", [3, 4])]),
              ("Талас", ["2024", "2025"], [("Женщины", [None, None])])]
    texts = [t.text for t in parse(multiples(panels=panels)).iter(f"{SVG}text")]
    assert "нет данных" in texts and "4\u00a0%" in texts


def test_markup_in_titles_and_labels_is_escaped():
    svg = bars(title="A <b> & \"C\"", description="x < y & z",
               categories=["<script>alert(1)</script>", "Б", "В"])
    root = parse(svg)
    assert root.find(f"{SVG}title").text == 'A <b> & "C"'
    assert root.find(f"{SVG}desc").text == "x < y & z"
    assert "<script>" not in svg and "<b>" not in svg
    assert "<script>alert(1)</script>" in [t.text for t in root.iter(f"{SVG}text")]


def test_stacked_bars_write_the_total_and_decimals_and_none_are_accepted():
    texts = [t.text for t in parse(bars(stacked=True, series=[
        ("Женщины", [120, 30.5, None]), ("Мужчины", [80, 20, 4])])).iter(f"{SVG}text")]
    assert "200" in texts and "50,5" in texts and "4" in texts


def test_vertical_bars_label_each_bar():
    texts = [t.text for t in parse(bars(horizontal=False)).iter(f"{SVG}text")]
    assert {"120", "80", "30", "20", "8", "4"} <= set(texts)


def test_the_same_arguments_give_the_same_cached_svg_and_lists_are_accepted():
    first = line()
    started = time.process_time()  # CPU time: a busy machine's scheduling does not count
    second = line(x_labels=list(QUARTERS))
    assert second is first
    assert time.process_time() - started < 0.005


def test_the_output_is_deterministic_and_small():
    svg = line()
    charts._line_chart.cache_clear()
    assert line() == svg
    assert len(svg.encode()) < 40_000
    assert len(bars().encode()) < 40_000
    every_hatch = [(f"Серия {n}", [n + 1, n + 2, n + 3]) for n in range(len(charts.HATCHES))]
    assert len(bars(series=every_hatch, stacked=True).encode()) < 40_000


def test_each_language_has_its_own_cached_chart():
    russian = line(series=[("Женщины", [1000.5, 2000.5])], x_labels=["2024", "2025"],
                   targets=())
    with translation.override("en"):
        english = line(series=[("Женщины", [1000.5, 2000.5])], x_labels=["2024", "2025"],
                       targets=())
    assert "2\u202f000,5" in russian and "2,000.5" in english


def test_a_yearly_target_sits_at_the_last_period_of_its_year():
    labels, placed = charts._targets_on_axis(
        ["2023 К4", "2024 К1", "2024 К4", "2025 К1"], [("2024", 30.0), ("2030", 50.0),
                                                      ("2025 К1", 40.0)])
    assert placed == [(2, 30.0), (3, 40.0), (4, 50.0)]
    assert labels[-1] == "2030"  # beyond the data: the axis grows
    assert charts._target_position(["12024"], "2024") is None  # a whole word, not a part


def test_a_legend_gets_fewer_columns_when_its_widest_label_would_run_off_a_phone():
    from tendik.analytics.charts import _legend_columns

    short, long = ["да", "нет"], ["выполнено частично", "не выполнено", "выполняется"]
    assert _legend_columns(short, 640) == 3 and _legend_columns(short, 360) == 2
    assert _legend_columns(long, 640) == 2 and _legend_columns(long, 360) == 1
