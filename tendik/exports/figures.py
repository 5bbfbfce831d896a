"""Sections built on the analytics figures: indicators, activities and reach, discipline."""

from django.utils.translation import gettext as _

from tendik.analytics import charts
from tendik.analytics.basis import Basis, periods_in_scope
from tendik.analytics.discipline import reporting_discipline
from tendik.analytics.indicators import indicator_figure, period_label, series_chart_args
from tendik.analytics.reach import activity_reach
from tendik.plans.selectors import indicators_visible_to

from .document import Column, Figure, Heading, Paragraph, Table
from .text import day, local_day, number, plain, share, text_runs

# ---------------------------------------------------------------- indicators


def plan_indicators(basis: Basis):
    return list(indicators_visible_to(basis.user).filter(measures__plan=basis.plan).distinct()
                .prefetch_related("targets").order_by("code"))


def _baseline(figure: dict) -> str:
    if figure["baseline"] is None:
        return "—"
    year = f" ({figure['baseline_year']})" if figure["baseline_year"] else ""
    return f"{number(figure['baseline'])}{year}"


def _target(figure: dict) -> str:
    progress = figure["progress"]
    if progress["target"] is None:
        return "—"
    return f"{number(progress['target'])} ({progress['target_year']})"


def _actual(figure: dict) -> str:
    points = [p for p in figure["series"] if p["value"] is not None]
    return f"{number(points[-1]['value'])} ({points[-1]['label']})" if points else "—"


def indicator_blocks(basis: Basis, language: str) -> tuple[list, list[dict]]:
    """The table of every indicator, then a chart and the method note for each with data."""
    figures = [(indicator, indicator_figure(basis, indicator, breakdowns=False))
               for indicator in plan_indicators(basis)]
    if not figures:
        return [Paragraph.of(_("У мероприятий плана нет индикаторов."))], []
    rows = [[f["code"], text_runs(i, "name", language), f["unit_label"], _baseline(f),
             _target(f), _actual(f), f["progress"]["label"]] for i, f in figures]
    blocks: list = [Table([Column(_("Код"), width=0.8), Column(_("Индикатор"), width=4),
                           Column(_("Единица"), width=1), Column(_("Базовое значение"), width=1.3),
                           Column(_("Цель"), width=1.3), Column(_("Факт"), width=1.3),
                           Column(_("Оценка прогресса"), width=1.5)], rows)]
    for indicator, figure in figures:
        if not any(p["value"] is not None for p in figure["series"]):
            continue
        args = series_chart_args(figure)
        args["title"] = f"{figure['code']} {plain(text_runs(indicator, 'name', language))}"
        # The figure's caption is its title: a heading beside it would say it twice.
        blocks += [Figure(args["title"], args["description"],
                          charts.line_chart(**args, fmt="png")),
                   Paragraph.of(f"{figure['progress']['label']}. {figure['progress']['note']}",
                                "note")]
    return blocks, [f for _i, f in figures]


# ---------------------------------------------------------------- activities and reach

def _reach_columns(first: str) -> list[Column]:
    # Number columns wide enough that «Мероприятий» never breaks inside the word.
    return [Column(first, width=2.6), Column(_("Мероприятий"), "number", width=1.4),
            Column(_("Женщин"), "number", width=1.2), Column(_("Мужчин"), "number", width=1.2),
            Column(_("Пол не указан"), "number", width=1.3),
            Column(_("Всего участников"), "number", width=1.3),
            Column(_("Доля женщин"), "percent", width=1.2)]


def _reach_row(label: str, counts: dict) -> list:
    return [label, counts["activities"], counts["women"], counts["men"], counts["not_recorded"],
            counts["total"], share(counts["women"], counts["women"] + counts["men"])]


def reach_sentence(totals: dict) -> str:
    """The sentence seed 004 writes by hand: how many were held and whom they reached."""
    if not totals["activities"]:
        return _("В принятых отчётах за период нет проведённых мероприятий.")
    return _("Проведено мероприятий: %(activities)s. Участников: %(total)s, из них женщин — "
             "%(women)s, мужчин — %(men)s, пол не указан — %(unknown)s.") % {
        "activities": number(totals["activities"]), "total": number(totals["total"]),
        "women": number(totals["women"]), "men": number(totals["men"]),
        "unknown": number(totals["not_recorded"])}


def reach_chart(groups: list[dict], title: str) -> Figure:
    description = _("Участники по полу: женщины, мужчины и те, чей пол не указан.")
    png = charts.bar_chart(
        title=title, description=description, categories=[g["label"] for g in groups],
        series=[(_("Женщины"), [g["women"] for g in groups]),
                (_("Мужчины"), [g["men"] for g in groups]),
                (_("Пол не указан"), [g["not_recorded"] for g in groups])],
        stacked=True, fmt="png")
    return Figure(title, description, png)


def activity_blocks(basis: Basis) -> list:
    groupings = [("kind", _("По видам мероприятий"), _("Вид")),
                 ("audience", _("По целевым группам"), _("Целевая группа")),
                 ("territory", _("По территориям"), _("Территория")),
                 ("measure", _("По мероприятиям плана"), _("Мероприятие плана"))]
    blocks: list = []
    for key, title, first in groupings:
        reach = activity_reach(basis, group_by=key)
        if not blocks:
            blocks.append(Paragraph.of(reach_sentence(reach["totals"])))
            if not reach["totals"]["activities"]:
                return blocks
            blocks.append(reach_chart(reach["groups"], _("Охват по видам мероприятий")))
        rows = [_reach_row(g["label"], g) for g in reach["groups"]]
        if key in ("audience", "measure"):
            note = _("Мероприятие с несколькими целевыми группами или мероприятиями плана "
                     "учтено в каждой из них, поэтому сумма строк может превышать итог.")
        else:
            note = ""
        blocks += [Heading(title, 2),
                   Table(_reach_columns(first), [*rows, _reach_row(_("Итого"), reach["totals"])],
                         total_row=True)]
        if note:
            blocks.append(Paragraph.of(note, "note"))
    return blocks


# ---------------------------------------------------------------- discipline

def _timeliness(row: dict) -> str:
    if row["submitted_at"] is None:
        return _("не представлен")
    if row["on_time"]:
        return _("в срок")
    return _("с опозданием на %(days)s дн.") % {"days": row["days_late"]}


def discipline_blocks(basis: Basis) -> list:
    """Who reported, on time or late, and what is missing, per period of the range. A report
    not submitted is «не представлен», without a day count: the annex says the same tomorrow."""
    blocks: list = []
    for period in periods_in_scope(basis).order_by("start", "pk"):
        figure = reporting_discipline(basis.user, period, today=period.due_date)
        totals = figure["totals"]
        missing = totals["reports"] - totals["submitted"]
        label = period_label(period.kind, period.start, period.end)
        blocks += [Heading(f"{label} ({_('срок сдачи')} {day(period.due_date)})", 2),
                   Paragraph.of(_("Отчётов: %(reports)s; представлено: %(submitted)s; принято: "
                                  "%(accepted)s; не представлено: %(missing)s.") % {
                       **totals, "missing": missing})]
        if figure["organisations"]:
            blocks.append(Table(
                [Column(_("Организация"), width=3), Column(_("Состояние отчёта"), width=1.5),
                 Column(_("Представлен"), width=1.2), Column(_("Срок"), width=1.5),
                 Column(_("Заполненность"), "percent", width=1)],
                [[r["name"], r["state_label"], local_day(r["submitted_at"]),
                  _timeliness(r), r["completeness"]] for r in figure["organisations"]]))
    return blocks or [Paragraph.of(_("В выбранном диапазоне нет отчётных периодов."))]
