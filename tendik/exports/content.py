"""The national report's content for a plan and a range, in one language: a `Document`.

Everything comes from accepted reports through the analytics figures, so the report says what
the pages say. The builder reports its progress section by section («раздел 3 из 5»).
"""

import datetime
import hashlib
from collections.abc import Callable

from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tendik.analytics import charts
from tendik.analytics.basis import Basis, based_on, counted_reports, periods_in_scope
from tendik.analytics.indicators import period_label
from tendik.analytics.progress import plan_progress, status_columns
from tendik.analytics.reach import activity_reach

from .document import Document, Figure, Paragraph, Section
from .figures import activity_blocks, discipline_blocks, indicator_blocks, reach_sentence
from .measures import measures_blocks
from .text import day, moment, number, plain, text_runs

Progress = Callable[[int, str, dict], None]


def snapshot(basis: Basis) -> dict:
    """What the report is built from: the counted reports and the latest acceptance among them."""
    counted = counted_reports(basis).order_by().aggregate(n=Count("pk"), last=Max("accepted_at"))
    return {"reports": counted["n"], "accepted_at": counted["last"]}


def range_label(basis: Basis) -> str:
    periods = list(periods_in_scope(basis).order_by("start", "pk"))
    if not periods:
        return f"{day(basis.date_from)} – {day(basis.date_to)}"
    first, last = periods[0], periods[-1]
    labels = [period_label(p.kind, p.start, p.end) for p in (first, last)]
    return labels[0] if first == last else f"{labels[0]} – {labels[1]}"


def _act(plan) -> str:
    if not (plan.act_type or plan.act_number):
        return "—"
    parts = [plan.act_type, f"№ {plan.act_number}" if plan.act_number else "",
             _("от %(date)s") % {"date": day(plan.act_date)} if plan.act_date else ""]
    return " ".join(p for p in parts if p)


def _facts(basis: Basis, language: str, data: dict, generated_at: datetime.datetime) -> list:
    plan = basis.plan
    counted = based_on(basis)
    return [
        (_("План"), plain(text_runs(plan, "title", language))),
        (_("Срок действия плана"), f"{plan.period_start.year}–{plan.period_end.year}"),
        (_("Утверждён"), _act(plan)),
        (_("Отчётный период"), range_label(basis)),
        (_("Учтены отчёты"), _("принятые: %(accepted)s из %(reports)s") % counted),
        (_("Данные на"), _("последний учтённый отчёт принят %(at)s") % {
            "at": moment(data["accepted_at"])} if data["accepted_at"] else _("принятых отчётов нет")),
        (_("Дата формирования"), moment(generated_at)),
    ]


def _summary(basis: Basis, progress: dict, reach: dict, indicators: list[dict]) -> list:
    totals = progress["totals"]
    counts = totals["by_status"]
    columns = status_columns()
    blocks: list = [Paragraph.of(_(
        "Мероприятий в плане: %(measures)s. По последним принятым отчётам выполнено: %(done)s, "
        "выполняется: %(ongoing)s, просрочено на конец периода: %(overdue)s.") % {
        "measures": number(totals["measures"]), "done": number(counts["completed"]),
        "ongoing": number(counts["in_progress"] + counts["partially_completed"]),
        "overdue": number(totals["overdue"])}),
        _bars(_("Мероприятия по статусу"), [label for _c, label in columns],
              [counts[code] for code, _l in columns], _("Мероприятия")),
        Paragraph.of(reach_sentence(reach["totals"]))]
    if reach["totals"]["total"]:
        blocks.append(_bars(_("Участники мероприятий по полу"),
                            [_("Женщины"), _("Мужчины"), _("Пол не указан")],
                            [reach["totals"][k] for k in ("women", "men", "not_recorded")],
                            _("Участники")))
    if indicators:
        by_status: dict[str, int] = {}
        for figure in indicators:
            label = figure["progress"]["label"]
            by_status[label] = by_status.get(label, 0) + 1
        blocks += [Paragraph.of(_("Индикаторов: %(n)s.") % {"n": len(indicators)}),
                   _bars(_("Индикаторы по оценке прогресса"), list(by_status),
                         list(by_status.values()), _("Индикаторы"))]
    return blocks


def _bars(title: str, categories: list[str], values: list[int], name: str) -> Figure:
    description = "; ".join(f"{c}: {number(v)}" for c, v in zip(categories, values, strict=True))
    return Figure(title, description, charts.bar_chart(
        title=title, description=description, categories=categories, series=[(name, values)],
        fmt="png"))


def _labels() -> dict[str, str]:
    return {"contents": _("Содержание"), "page": _("Страница"), "of": _("из"), "empty": "—"}


def build_document(*, basis: Basis, language: str, generated_at: datetime.datetime,
                   report: Progress | None = None) -> tuple[Document, dict]:
    """The report's content and its data snapshot. `basis.date_to` (or the plan's end) is the
    day the report speaks as of, so the same data always gives the same content."""
    report = report or (lambda *args: None)
    with translation.override(language):
        data = {**snapshot(basis), "period_label": range_label(basis)}
        as_of = basis.date_to or basis.plan.period_end
        sections = _sections(basis, language, data, as_of, report)
        title = _("Национальный доклад о ходе реализации плана")
        document = Document(
            language=language, title=title,
            title_lines=[plain(text_runs(basis.plan, "title", language)),
                         _("Отчётный период: %(period)s") % {"period": range_label(basis)}],
            facts=_facts(basis, language, data, generated_at), sections=sections,
            labels=_labels())
    return document, data


def _sections(basis: Basis, language: str, data: dict, as_of: datetime.date,
              report: Progress) -> list[Section]:
    steps = _steps(basis, language, as_of) if data["reports"] else _empty_steps(basis)
    sections = []
    for number_, (key, title, build) in enumerate(steps, start=1):
        report(5 + 80 * (number_ - 1) // len(steps), gettext_noop("Раздел %(n)s из %(total)s"),
               {"n": number_, "total": len(steps)})
        sections.append(Section(key, f"{number_}. {title}", build()))
    return sections


def _steps(basis: Basis, language: str, as_of: datetime.date) -> list:
    several = periods_in_scope(basis).count() > 1
    shared: dict = {}

    def summary():
        shared["indicators"] = indicator_blocks(basis, language)
        return _summary(basis, plan_progress(basis, today=as_of), activity_reach(basis),
                        shared["indicators"][1])

    return [
        ("summary", _("Основные итоги"), summary),
        ("measures", _("Выполнение мероприятий по приоритетным направлениям"),
         lambda: measures_blocks(basis, language, several)),
        ("indicators", _("Индикаторы"), lambda: shared["indicators"][0]),
        ("activities", _("Проведённые мероприятия и охват"), lambda: activity_blocks(basis)),
        ("discipline", _("Приложение. Отчётная дисциплина"), lambda: discipline_blocks(basis)),
    ]


def _empty_steps(basis: Basis) -> list:
    """No accepted report in the range: a short report that says so, and who has not reported."""
    def summary():
        return [Paragraph.of(_("За выбранный отчётный период нет принятых отчётов, поэтому "
                               "доклад не содержит сведений о выполнении мероприятий, "
                               "индикаторах и охвате. Сведения появятся после приёма отчётов."))]
    return [("summary", _("Основные итоги"), summary),
            ("discipline", _("Приложение. Отчётная дисциплина"), lambda: discipline_blocks(basis))]


def content_digest(document: Document) -> str:
    """A fingerprint of what the report says, without the moment it was generated: two reports
    from the same data share it."""
    with translation.override(document.language):
        generated = _("Дата формирования")
    facts = [fact for fact in document.facts if fact[0] != generated]
    digest = hashlib.sha256(repr((document.language, document.title, document.title_lines, facts,
                                  document.labels)).encode())
    for section in document.sections:
        digest.update(repr((section.key, section.title)).encode())
        for block in section.blocks:
            digest.update(block.png if isinstance(block, Figure) else repr(block).encode())
    return digest.hexdigest()
