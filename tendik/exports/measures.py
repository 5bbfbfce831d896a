"""Section «Выполнение мероприятий»: the measure table per priority area, in the government
format № | мероприятие | срок | исполнители | информация о выполнении | статус."""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from tendik.analytics.basis import Basis, counted_reports
from tendik.analytics.indicators import period_label
from tendik.analytics.progress import NO_REPORT, latest_statuses, scoped_measures, status_label
from tendik.core.i18n import per_language
from tendik.organisations.display import organisation_row, short_labels
from tendik.organisations.models import Organisation
from tendik.plans.models import Measure, PriorityArea
from tendik.reporting.models import MeasureProgress

from .document import Column, Heading, Paragraph, Run, Table
from .text import text_runs


def _columns() -> list[Column]:
    # «№» fits «10.2.3», «Срок» fits «31.12.2024», «Статус» fits «выполняется».
    return [Column(_("№"), width=0.9), Column(_("Мероприятие"), width=3),
            Column(_("Срок"), width=1.4), Column(_("Исполнители"), width=1.5),
            Column(_("Информация о выполнении"), width=5.2), Column(_("Статус"), width=1.5)]


def _measures(basis: Basis) -> list[Measure]:
    executors = Organisation.objects.select_related("territory")
    return list(scoped_measures(basis).select_related(
        "objective__area", "lead_executor__territory").prefetch_related(
        Prefetch("co_executors", queryset=executors)).order_by(
        "objective__area__position", "objective__position", "position"))


def _narratives(basis: Basis) -> dict[int, list[MeasureProgress]]:
    """Each executor's account of each measure: the latest accepted narrative of every year in
    the range, oldest year first, the lead executor first within a year.

    Quarterly reports of one year build on each other, so the year's last one is the year's
    account; a range of several years keeps one per year. (Every quarter's text would make the
    report of a 300-measure plan over 12 quarters 1,600 pages long.)"""
    rows = MeasureProgress.objects.filter(
        report__in=counted_reports(basis).values("pk"), measure__plan=basis.plan).exclude(
        **dict.fromkeys(per_language("narrative"), "")).select_related(
        "report__organisation__territory", "report__period", "measure").order_by(
        "report__period__end", "report__period_id")
    latest: dict[tuple, MeasureProgress] = {}
    for row in rows:  # oldest first: a later period of the same year replaces an earlier one
        latest[(row.measure_id, row.report.organisation_id, row.report.period.end.year)] = row
    by_measure: dict[int, list[MeasureProgress]] = defaultdict(list)
    for row in latest.values():
        by_measure[row.measure_id].append(row)
    for items in by_measure.values():
        items.sort(key=lambda r: (r.report.period.end.year, r.report.organisation_id
                                  != r.measure.lead_executor_id, r.report.organisation.name_ru))
    return by_measure


def _labels(measures: list[Measure], narratives: dict) -> dict[int, str]:
    orgs = {m.lead_executor_id: m.lead_executor for m in measures}
    orgs |= {o.pk: o for m in measures for o in m.co_executors.all()}
    orgs |= {r.report.organisation_id: r.report.organisation
             for rows in narratives.values() for r in rows}
    return short_labels([organisation_row(o) for o in orgs.values()])


def _information(rows: list[MeasureProgress], labels: dict[int, str], language: str,
                 several_periods: bool) -> list[Run]:
    """«МТСОМ (2023): …; МВД (2023): …» — who said it, and when when the range spans periods."""
    runs: list[Run] = []
    for row in rows:
        text = text_runs(row, "narrative", language)
        if not text[0].text:
            continue
        who = labels[row.report.organisation_id]
        if several_periods:
            period = row.report.period
            who = f"{who} ({period_label(period.kind, period.start, period.end)})"
        runs += [Run(f"{'; ' if runs else ''}{who}: ", bold=True), *text]
    return runs or [Run(_("Информация не представлена"))]


def _row(measure: Measure, statuses: dict, labels: dict, information: list[Run],
         language: str) -> list:
    executors = [labels[measure.lead_executor_id],
                 *(labels[o.pk] for o in measure.co_executors.all())]
    return [measure.code, text_runs(measure, "title", language), measure.deadline_label,
            ", ".join(executors), information, status_label(statuses.get(measure.pk, NO_REPORT))]


def measures_blocks(basis: Basis, language: str, several_periods: bool) -> list:
    measures = _measures(basis)
    narratives = _narratives(basis)
    labels = _labels(measures, narratives)
    statuses, _snapshots = latest_statuses(basis)
    by_area: dict[int, list[Measure]] = defaultdict(list)
    for measure in measures:
        by_area[measure.objective.area_id].append(measure)
    blocks: list = [Paragraph.of(_(
        "Статус — последний, указанный в принятых отчётах за выбранный период; при нескольких "
        "исполнителях — статус ответственного исполнителя. Информация о выполнении — дословно "
        "последняя принятая информация каждого исполнителя за каждый год периода, с указанием "
        "организации и отчётного периода."), "note")]
    for area in PriorityArea.objects.filter(plan=basis.plan).order_by("position"):
        rows = [_row(m, statuses, labels, _information(narratives.get(m.pk, []), labels, language,
                                                       several_periods), language)
                for m in by_area[area.pk]]
        blocks.append(Heading(f"{area.code}. {str(text_runs(area, 'title', language)[0].text)}", 2))
        if rows:
            blocks.append(Table(_columns(), rows))
        else:
            blocks.append(Paragraph.of(_("В этом направлении нет мероприятий.")))
    return blocks
