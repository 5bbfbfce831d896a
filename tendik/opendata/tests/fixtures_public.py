"""A public world for the open-data tests: the analytics tests' KG plan (2022–2024) with two
indicators reported by the home ministry, and everything that must never reach a download.

- ФН-1 (family violence, under disclosure control, by sex, sum): 2022 total 12, women 9, men 3
  (3 is a small cell; 9 then goes too, or 12 − 9 would tell it); 2023 total 20, women 14, men 6.
- П-1 (percent): 24.5 for 2022, 28 for 2023.
- Never public: the other ministry's returned 2022 report (779), submitted 2023 report (778),
  draft 2024 report (777); the home ministry's accepted 2024 report (881) in the open,
  unpublished 2024 period; Н-1, reported only there.

Rows are written directly: the figures read rows, the workflow has its own tests."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from tendik.analytics.tests.factories import approved_plan, open_year, report_of
from tendik.plans import services as plan_services
from tendik.plans.models import Dimension, Indicator
from tendik.reporting.models import Observation, Report, ReportingPeriod

NEVER = ("777", "778", "779", "881")


@dataclass
class Public:
    plan: object
    periods: dict
    violence: Indicator
    share: Indicator
    hidden: Indicator


def observe(report: Report, indicator: Indicator, value: str, key: str = "") -> None:
    Observation.objects.create(report=report, indicator=indicator, value=Decimal(value),
                               disaggregation=key)


def settle(report: Report, state: str) -> None:
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(
        state=state, submitted_at=now, accepted_at=now if state == "accepted" else None,
        last_activity_at=now)


def publish(period: ReportingPeriod) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed",
                                                        published_at=timezone.now())


def public_world(world) -> Public:
    coordinator = world.users["coordinator"]
    plan = approved_plan(world)
    sex = Dimension.objects.get(code="sex")
    violence = plan_services.indicator_create(
        actor=coordinator, country=world.kg, code="ФН-1", name_ru="Обратившиеся за помощью",
        name_en="People who sought help", unit="number", disclosure_control=True,
        dimensions=[sex])
    share = plan_services.indicator_create(actor=coordinator, country=world.kg, code="П-1",
                                           name_ru="Доля женщин", unit="percent")
    hidden = plan_services.indicator_create(actor=coordinator, country=world.kg, code="Н-1",
                                            name_ru="Не опубликован", unit="number")
    periods = {year: open_year(world, plan, year) for year in (2022, 2023, 2024)}
    home = {year: report_of(p, world.home_org) for year, p in periods.items()}
    other = {year: report_of(p, world.other_kg_org) for year, p in periods.items()}
    for year, (total, women, men, percent) in {2022: ("12", "9", "3", "24.5"),
                                               2023: ("20", "14", "6", "28")}.items():
        observe(home[year], violence, total)
        observe(home[year], violence, women, "sex=F")
        observe(home[year], violence, men, "sex=M")
        observe(home[year], share, percent)
        settle(home[year], "accepted")
    observe(home[2024], share, "881")
    observe(home[2024], hidden, "881")
    settle(home[2024], "accepted")
    for year, value, state in ((2022, "779", "returned"), (2023, "778", "submitted"),
                               (2024, "777", "draft")):
        observe(other[year], share, value)
        observe(other[year], violence, value)
        settle(other[year], state)
    publish(periods[2022])
    publish(periods[2023])
    return Public(plan=plan, periods=periods, violence=violence, share=share, hidden=hidden)


@pytest.fixture(name="public")
def public_fixture(world) -> Public:
    return public_world(world)
