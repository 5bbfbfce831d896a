"""The public indicator page: the analytics figure over published periods, with small cells
hidden everywhere a number could show (tables, headline, chart heights and labels, the method
note, the gender gap)."""

from django.utils.translation import gettext as _

from tendik.analytics import charts
from tendik.analytics.basis import Basis
from tendik.analytics.indicator_views import figure_tables
from tendik.analytics.indicators import indicator_figure, series_chart_args
from tendik.core.i18n import texts_of
from tendik.plans.models import Indicator

from .pages import country_choice, downloads, licence, number
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
            "series": [{**p, "value": v} for p, v in zip(figure["series"], values, strict=True)],
            "breakdowns": [{**b, "series": [{**s, "values": drawable(s["values"], controlled)}
                                            for s in b["series"]]} for b in figure["breakdowns"]]}


def _charts(figure: dict) -> dict:
    if not figure["series"]:
        return {}
    labels = [p["label"] for p in figure["series"]]
    drawn = {"line": charts.for_page(charts.line_chart, **series_chart_args(figure)),
             "breakdowns": [charts.for_page(
                 charts.small_multiples, title=_("По разрезу «%(dimension)s»") % {
                     "dimension": b["label"]},
                 description=_("Отдельный график для каждого значения разреза в одном масштабе."),
                 panels=[(s["label"], labels, [(s["label"], s["values"])]) for s in b["series"]],
                 unit=figure["unit_label"]) for b in figure["breakdowns"]]}
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


def indicator_page(indicator: Indicator) -> dict:
    controlled = indicator.disclosure_control
    figure = indicator_figure(Basis(user=PUBLIC), indicator)
    if controlled:  # women − men would give a small cell away from the other: no gender gap
        figure = {**figure, "gender_gap": []}
    latest = figure["series"][-1]["value"] if figure["series"] else None
    return {"id": indicator.pk, "code": indicator.code, "texts": texts_of(indicator, "name"),
            "country": country_choice(indicator.country), "controlled": controlled,
            "unit": figure["unit_label"], "direction": indicator.get_direction_display(),
            "data_source": indicator.data_source, "latest_text": number(latest, controlled),
            "progress": _progress(figure, controlled),
            "tables": _display(figure_tables(figure, None), controlled),
            "charts": _charts(_masked(figure, controlled)), "downloads": downloads(indicator),
            "licence": licence()}
