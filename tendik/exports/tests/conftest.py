"""A national report's world: the analytics tests' eight-measure KG plan over 2022 and 2023, with
accepted reports whose narratives are in Russian and only some in Kyrgyz or English, an indicator
with a baseline and targets, activities with participants by sex, and one returned report whose
words must never reach the report."""

import datetime
from decimal import Decimal

import pytest

from tendik.analytics.basis import ACCEPTED, Basis
from tendik.analytics.tests.factories import (
    add_activity,
    approved_plan,
    local,
    open_year,
    report_of,
    set_statuses,
)
from tendik.plans import services as plan_services
from tendik.plans.models import Indicator, IndicatorTarget, Plan
from tendik.reporting.models import MeasureProgress, Observation, Report, ReportingPeriod

RETURNED_WORDS = "ЧЕРНОВИК: не должно попасть в доклад"
# The last acceptance among the counted reports: the report's data snapshot.
LAST_ACCEPTED = local(2024, 2, 5, 10)


def say(report: Report, code: str, **narratives: str) -> None:
    """A narrative on one measure of a report: say(report, "1.1.1", ru="…", ky="…")."""
    updated = MeasureProgress.objects.filter(report=report, measure__code=code).update(
        **{f"narrative_{language}": text for language, text in narratives.items()})
    assert updated == 1, f"{code} is not in report {report.pk}"


def settle(report: Report, state: str, *, submitted: datetime.datetime,
           accepted: datetime.datetime | None = None) -> None:
    """Put a report in its final state directly: the figures read rows, not the workflow."""
    Report.objects.filter(pk=report.pk).update(
        state=state, submitted_at=submitted, first_submitted_at=submitted, accepted_at=accepted,
        last_activity_at=accepted or submitted)


def observe(report: Report, indicator: Indicator, value: str) -> None:
    Observation.objects.create(report=report, indicator=indicator, value=Decimal(value))


def national_world(world, measures_per_objective: int = 2) -> dict:
    """Measures 1.1.1 … 2.2.2, all led by МТСОиМ (home) and co-executed by the other ministry.

    2022 (due 31.01.2023): home accepted, on time; other accepted, ten days late.
    2023 (due 31.01.2024): home accepted, on time, last of all (LAST_ACCEPTED); other returned.
    Counted activities: 3, women 45, men 15, sex not recorded 5, participants 65.
    Indicator И-1.1 (percent): baseline 20 (2021), targets 30 (2023) and 35 (2024); home
    reported 24 for 2022 and 28 for 2023; the returned report's 99 never counts.
    """
    plan = approved_plan(world, measures_per_objective=measures_per_objective)
    p22, p23 = open_year(world, plan, 2022), open_year(world, plan, 2023)
    h22, o22 = report_of(p22, world.home_org), report_of(p22, world.other_kg_org)
    h23, o23 = report_of(p23, world.home_org), report_of(p23, world.other_kg_org)
    set_statuses(h22, {"1.1.1": "in_progress", "1.2.1": "in_progress"})
    set_statuses(o22, {"1.1.1": "in_progress"})
    set_statuses(h23, {"1.1.1": "completed", "2.1.1": "in_progress"})
    set_statuses(o23, {"1.1.1": "completed"})
    say(h22, "1.1.1", ru="Обучено 40 сотрудников", ky="40 кызматкер окутулду")
    say(h22, "1.2.1", ru="Разработан проект положения")
    say(o22, "1.1.1", ru="Проведено 2 семинара", en="Two seminars held")
    say(h23, "1.1.1", ru="Обучено ещё 35 сотрудников", ky="Дагы 35 кызматкер окутулду")
    say(h23, "2.1.1", ru="Запущена информационная кампания")
    say(o23, "1.1.1", ru=RETURNED_WORDS)
    add_activity(h22, kind="training", women=12, men=8, total=20, start="2022-05-05")
    add_activity(h23, kind="training", women=30, men=5, total=40)
    add_activity(h23, kind="meeting", women=3, men=2, total=5, start="2023-09-01",
                 title="Встреча")
    add_activity(o23, kind="training", women=100, men=100, total=200, title="Черновик")
    indicator = Indicator.objects.get(country=world.kg, code="И-1.1")
    Indicator.objects.filter(pk=indicator.pk).update(baseline_value=Decimal(20),
                                                     baseline_year=2021)
    IndicatorTarget.objects.create(indicator=indicator, year=2024, value=Decimal(35))
    observe(h22, indicator, "24")
    observe(h23, indicator, "28")
    observe(o23, indicator, "99")
    settle(h22, "accepted", submitted=local(2023, 1, 20), accepted=local(2023, 2, 1))
    settle(o22, "accepted", submitted=local(2023, 2, 10), accepted=local(2023, 2, 15))
    settle(h23, "accepted", submitted=local(2024, 1, 25), accepted=LAST_ACCEPTED)
    settle(o23, "returned", submitted=local(2024, 2, 10))
    return {"plan": plan, "p22": p22, "p23": p23, "h22": h22, "o22": o22, "h23": h23,
            "o23": o23, "indicator": indicator}


def basis_of(world, national: dict, role: str = "coordinator", **dates) -> Basis:
    """What the report service builds from: the plan's accepted reports in a date range."""
    return Basis(user=world.users[role], plan=national["plan"], states=ACCEPTED, **dates)


@pytest.fixture
def national(world):
    return national_world(world)


@pytest.fixture
def other_plan(world, national) -> Plan:
    """A second KG plan, in draft, with one period of its own and no reports."""
    plan = plan_services.plan_create(
        actor=None, kind="nap", country=world.kg, strategy=national["plan"].strategy,
        title_ru="Другой план", period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2024, 12, 31))
    ReportingPeriod.objects.create(
        plan=plan, kind="year", start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31),
        due_date=datetime.date(2023, 1, 31))
    return plan


@pytest.fixture
def coordinator(world):
    return world.users["coordinator"]


@pytest.fixture
def admin(world):
    return world.users["admin"]


@pytest.fixture
def focal_point(world):
    return world.users["focal_point"]


@pytest.fixture
def coordinator_kz(world):
    return world.users["coordinator_kz"]
