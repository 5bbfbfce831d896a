"""The public indicator page: the analytics figure over published periods, with small cells
hidden everywhere a number could show (tables, headline, chart heights and labels, the method
note, the gender gap)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tendik.analytics import charts
from tendik.analytics.basis import Basis
from tendik.analytics.indicator_views import figure_tables
from tendik.analytics.indicators import indicator_figure, series_chart_args
from tendik.core.i18n import localized, texts_of
from tendik.opendata.exporting import licence
from tendik.opendata.published import OFFICIAL, REPORTED, Row, indicator_rows
from tendik.plans.models import Indicator

from .pages import country_choice, downloads, number
from .selectors import PUBLIC
from .small_cells import drawable, is_small

# Columns shown as they are (labels, years), and numbers that are no count of persons (the
# number of reports, the plan's own targets): every other cell is a value under control.
AS_IS = {"targets": {0, 1}}
NOT_COUNTS = {"values": {2}, "targets": {2}}


def _cell(table: str, column: int, value, controlled: bool):
    if column == 0 or column in AS_IS.get(table, ()):
        return value
    return number(value, controlled and column not in NOT_COUNTS.get(table, ()))


def _display(tables: list[dict], controlled: bool) -> list[dict]:
    return [{**t, "display": [[_cell(t["id"], i, v, controlled) for i, v in enumerate(row)]
                              for row in t["rows"]]} for t in tables]


def _masked(figure: dict, controlled: bool) -> dict:
    """The figure as a chart may draw it: small cells are gaps."""
    if not controlled:
        return figure
    values = drawable([p["value"] for p in figure["series"]], controlled)
    return {**figure,
            "series": [{**p, "value": v} for p, v in zip(figure["series"], values, strict=True)]}


def _charts(figure: dict, breakdown: str) -> dict:
    """The series, the gender gap and one breakdown's panels: every breakdown at once would
    pass 200 KB at national scale (a region's panels alone are ≈70 KB)."""
    if not figure["series"]:
        return {}
    labels = [p["label"] for p in figure["series"]]
    drawn = {"line": charts.for_page(charts.line_chart, **series_chart_args(figure)),
             "breakdowns": [charts.small_multiples(
                 title=_("По разрезу «%(dimension)s»") % {
                     "dimension": b["label"]},
                 description=_("Отдельный график для каждого значения разреза в одном масштабе."),
                 panels=[(s["label"], labels, [(s["label"], s["values"])]) for s in b["series"]],
                 unit=figure["unit_label"]) for b in figure["breakdowns"]
                 if b["dimension"] == breakdown]}
    if figure["gender_gap"]:
        drawn["gap"] = charts.for_page(
            charts.line_chart, title=_("Гендерный разрыв: женщины − мужчины"),
            description=_("Выше нуля — у женщин больше, ниже нуля — у мужчин больше."),
            x_labels=labels, series=[(_("Разрыв"), [g["gap"] for g in figure["gender_gap"]])],
            unit=figure["unit_label"])
    return drawn


def _progress(figure: dict, controlled: bool) -> dict:
    """The status, and the method note unless its rates would tell a small cell's value."""
    progress = figure["progress"]
    if controlled and any(is_small(p["value"], True) for p in figure["series"]):
        return {**progress, "note": _("Оценка по методу Open SDG. Подробности расчёта не "
                                      "показываются: в ряду есть значения меньше 5.")}
    return progress


SOURCES = {OFFICIAL: gettext_lazy("официальная статистика"),
           REPORTED: gettext_lazy("опубликованные отчёты")}


def _yearly(indicator: Indicator, rows: list[Row]) -> list[dict]:
    """The open-data rows (official statistics and yearly reported values) as the downloads
    hold them, small cells already suppressed there, with a cell that would give one away."""
    labels = {(d.code, v.code): f"{localized(d, 'name').text}: {localized(v, 'label').text}"
              for d in indicator.dimensions.all() for v in d.values.all()}
    return [{"year": r.year, "breakdown": ", ".join(
        [labels.get((d, c), f"{d}={c}") for d, c in r.codes.items()]
        + [text for text in (r.series, r.unit) if text]) or _("всего"),
        "value": r.text if r.suppressed else number(float(r.value)),
        "source": str(SOURCES[r.source])} for r in rows]


def _secondary_suppressed(series: list[dict]) -> list[dict]:
    """Periods of one year add up to the yearly value the open-data rows show: when a year has
    exactly one small period, the next smallest of that year is hidden too (shown «—», never
    drawn), so the small one cannot be had by subtraction."""
    by_year: dict[int, list[int]] = {}
    for index, point in enumerate(series):
        if point["value"] is not None:
            by_year.setdefault(point["period_end"].year, []).append(index)
    hidden = set()
    for indices in by_year.values():
        small = [i for i in indices if is_small(series[i]["value"], True)]
        shown = sorted((i for i in indices if i not in small), key=lambda i: series[i]["value"])
        if len(small) == 1 and shown:
            hidden.add(shown[0])
    return [{**p, "value": None} if i in hidden else p for i, p in enumerate(series)]


def chosen_breakdown(indicator: Indicator, asked: str | None) -> str:
    """The breakdown whose chart the page draws: the one asked for, else the first."""
    codes = [d.code for d in indicator.dimensions.all()]
    return asked if asked in codes else (codes[0] if codes else "")


def indicator_page(indicator: Indicator, breakdown: str = "") -> dict:
    controlled = indicator.disclosure_control
    figure = indicator_figure(Basis(user=PUBLIC), indicator)
    if controlled:
        # Per-period breakdowns and the gender gap (women − men) could give a small cell away
        # from its neighbours: a controlled indicator shows its breakdowns only in the yearly
        # rows, where the open-data rows suppress those neighbours too.
        figure = {**figure, "gender_gap": [], "breakdowns": [],
                  "series": _secondary_suppressed(figure["series"])}
    latest = figure["series"][-1]["value"] if figure["series"] else None
    return {"id": indicator.pk, "code": indicator.code, "texts": texts_of(indicator, "name"),
            "country": country_choice(indicator.country), "controlled": controlled,
            "unit": figure["unit_label"], "direction": indicator.get_direction_display(),
            "data_source": indicator.data_source, "latest_text": number(latest, controlled),
            "progress": _progress(figure, controlled),
            "tables": _display(figure_tables(figure, None), controlled),
            "charts": _charts(_masked(figure, controlled), breakdown), "breakdown": breakdown,
            "breakdowns": [{"code": b["dimension"], "label": b["label"]}
                           for b in figure["breakdowns"]], "downloads": downloads(indicator),
            "yearly": _yearly(indicator, indicator_rows(indicator)),
            "licence": licence()}
