"""Demo reporting for the KG NAP 2022–2024 and the 2020 roadmap (ours, from the seeds' facts).

Two accepted annual periods, one open half-year with reports in every state, and the activities
of seed 004 and seed 001 as structured records. Everything goes through the services.
"""

import datetime
from decimal import Decimal

from tendik.plans.models import Measure, Plan

from . import services
from .models import ReportingPeriod

D = datetime.date
NAP_TITLE_START = "Национальный план действий по достижению гендерного равенства в Кыргызской " \
                  "Республике на 2022–2024"
# (title, kind, start, end, venue, women, men, total, audiences, measure title fragment)
SEED_004 = [
    ("Тренинги для более 70 ответственных по гендерным вопросам государственных органов и ОМСУ",
     "training", D(2022, 4, 4), D(2022, 4, 29), "Бишкек", 54, 17, 74,
     "civil_servants,lsg_staff", "Обучение ответственных по гендерным вопросам"),
    ("Общественные диалоги с представителями религиозных организаций во всех 7 регионах",
     "public_dialogue", D(2022, 5, 10), D(2022, 9, 30), "все 7 областей", 38, 136, 174,
     "religious_leaders", "Общественные диалоги с представителями религиозных"),
    ("Информационная кампания в 38 школах о профориентации и недопущении ранних браков",
     "campaign", D(2022, 9, 15), D(2022, 11, 30), "38 школ в регионах", 356, 251, 612,
     "pupils,teachers", "Информационная кампания в школах"),
    ("Тренинги по гендерно-чувствительной журналистике для журналистов и блогеров", "training",
     D(2022, 6, 20), D(2022, 6, 22), "Бишкек", 21, 9, 30, "journalists",
     "гендерно-чувствительной журналистики"),
    ("Создание 14 местных комитетов по охране и защите от семейного насилия", "body",
     D(2022, 3, 1), D(2022, 12, 20), "14 айыл окмоту во всех областях", 0, 0, 0, "lsg_staff",
     "Создание местных комитетов"),
]
SEED_001 = [
    ("Расширенное заседание Межведомственной рабочей группы по проектам НСГР-2030 и НПД",
     "meeting", D(2021, 10, 12), D(2021, 10, 13), "Бишкек, отель «Шератон»", 41, 19, 60,
     "civil_servants,cso_activists", ""),
    ("Национальные и региональные консультации по проектам Стратегии и Плана действий",
     "consultation", D(2021, 6, 1), D(2021, 9, 30), "все области", 210, 95, 305,
     "civil_servants,lsg_staff,cso_activists", ""),
]


def _measure(plan: Plan, fragment: str) -> list[int]:
    if not fragment:
        return []
    found = Measure.objects.filter(plan=plan, title_ru__icontains=fragment).first()
    return [found.pk] if found else []


def _activities(plan, report, rows) -> None:
    services.activities_save(actor=None, report=report, version=report.activities_version,
                             activities=[{
                                 "kind": kind, "title": title, "start": start, "end": end,
                                 "venue": venue, "participants_women": women,
                                 "participants_men": men, "participants_total": total,
                                 "audiences": audiences, "organisers": [report.organisation_id],
                                 "measures": _measure(plan, fragment)}
                                 for title, kind, start, end, venue, women, men, total, audiences,
                                 fragment in rows])


def _fill(report, status: str = "completed") -> None:
    for progress in report.progress.all():
        services.progress_save(actor=None, report=report, measure_id=progress.measure_id,
                               version=progress.version, data={
                                   "status": status,
                                   "narrative_ru": "Мероприятие выполнено в отчётном периоде.",
                                   "spent_amount": Decimal("0"), "spent_currency": "KGS"})


def _period(plan, kind, start, end, due) -> ReportingPeriod | None:
    if ReportingPeriod.objects.filter(plan=plan, start=start, end=end).exists():
        return None
    period = services.period_create(actor=None, plan=plan, kind=kind, start=start, end=end,
                                    due_date=due)
    services.period_transition(actor=None, period=period, to="open")
    return period


def _accept_all(period) -> None:
    for report in period.reports.all():
        _fill(report)
        services.report_act(actor=None, report=report, action="submit")
        services.report_act(actor=None, report=report, action="accept")
    services.period_transition(actor=None, period=period, to="closed")


def reporting_demo_load() -> dict:
    nap = Plan.objects.filter(title_ru__startswith=NAP_TITLE_START).first()
    roadmap = Plan.objects.filter(kind="roadmap", country__code="KG").first()
    loaded = 0
    if nap and (period := _period(nap, "year", D(2022, 1, 1), D(2022, 12, 31),
                                  D(2023, 1, 31))):
        _activities(nap, period.reports.get(organisation__acronym="МТСОиМ"), SEED_004)
        _accept_all(period)
        loaded += 1
    if nap and (period := _period(nap, "year", D(2023, 1, 1), D(2023, 12, 31),
                                  D(2024, 1, 31))):
        _accept_all(period)
        loaded += 1
    if nap and (period := _period(nap, "half_year", D(2024, 1, 1), D(2024, 6, 30),
                                  D(2024, 7, 20))):
        _spread_states(period)
        loaded += 1
    if roadmap and (period := _period(roadmap, "year", D(2021, 1, 1), D(2021, 12, 31),
                                      D(2022, 1, 31))):
        report = period.reports.filter(organisation__acronym="МТСОиМ").first() or \
            period.reports.first()
        _activities(roadmap, report, SEED_001)
        _accept_all(period)
        loaded += 1
    return {"periods": loaded}


def _spread_states(period) -> None:
    """The open period shows every state: draft, submitted, returned, resubmitted, accepted."""
    reports = list(period.reports.order_by("organisation__name_ru"))
    for index, report in enumerate(reports):
        step = index % 5
        if step == 0:
            continue
        _fill(report, "in_progress")
        services.report_act(actor=None, report=report, action="submit")
        if step >= 2:
            services.report_act(actor=None, report=report, action="return", comments=[
                {"text": "Укажите число участников с разбивкой по полу."}])
        if step >= 3:
            services.report_act(actor=None, report=report, action="resubmit")
        if step == 4:
            services.report_act(actor=None, report=report, action="accept")
