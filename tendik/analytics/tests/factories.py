"""Small worlds for the figures' tests: an approved plan, yearly periods opened through the
services (which create the reports and their measure sections), then states, statuses and
activities set directly, because a figure reads rows and does not care how they were written.
The one test that goes through the real review workflow is `test_api.py`'s live test."""

import datetime

from django.utils import timezone

from tendik.plans import services as plan_services
from tendik.plans.models import Measure
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services
from tendik.reporting.models import NEEDS_REASON, MeasureProgress, Report
from tendik.testing.factories import OrganisationFactory, TerritoryFactory, user_with_role

CHUI = "KG08000000000"


def approved_plan(world, measures_per_objective: int = 2):
    """build_plan's plan (measures 1.1.1 … 2.2.2), approved so periods may be opened."""
    plan, _strategy = build_plan(world, measures_per_objective=measures_per_objective)
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    return plan


def open_year(world, plan, year: int, *, due: datetime.date | None = None):
    period = services.period_create(actor=world.users["coordinator"], plan=plan, kind="year",
                                    start=datetime.date(year, 1, 1),
                                    end=datetime.date(year, 12, 31),
                                    due_date=due or datetime.date(year + 1, 1, 31))
    services.period_transition(actor=world.users["coordinator"], period=period, to="open")
    return period


def report_of(period, organisation) -> Report:
    return period.reports.get(organisation=organisation)


def measure(plan, code: str) -> Measure:
    return Measure.objects.get(plan=plan, code=code)


def set_statuses(report: Report, statuses: dict[str, str]) -> None:
    for code, status in statuses.items():
        updated = MeasureProgress.objects.filter(report=report, measure__code=code).update(
            status=status, reason="Причина" if status in NEEDS_REASON else "")
        assert updated == 1, f"{code} is not in report {report.pk}"


def set_state(report: Report, state: str, submitted_at: datetime.datetime | None = None) -> None:
    Report.objects.filter(pk=report.pk).update(state=state, submitted_at=submitted_at)


def local(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def third_organisation(world, role: str = "focal_point", name: str = "Агентство связи"):
    """An organisation outside build_plan's two, with one user of `role`."""
    organisation = OrganisationFactory(country=world.kg, name_ru=name, acronym="АС")
    user = user_with_role(role, username=f"{role}-third", organisation=organisation)
    return organisation, user


def add_activity(report: Report, *, kind: str = "training", women: int = 0, men: int = 0,
                 total: int = 0, territory=None, audiences: str = "", partners=(), measures=(),
                 start: str = "2023-04-04", title: str = "Тренинг") -> int:
    """An activity through the service (the report must still be a draft)."""
    document = services.activity_create(actor=None, report=report, data={
        "kind": kind, "title": title, "start": start, "end": start,
        "territory": territory.pk if territory else None, "audiences": audiences,
        "participants_women": women, "participants_men": men, "participants_total": total,
        "partners": [o.pk for o in partners], "measures": [m.pk for m in measures]})
    return document["id"]


def district_and_village(world):
    """Chui region (made by build_plan) → a district → a municipality; and Issyk-Kul region."""
    from tendik.territories.models import Territory

    chui = Territory.objects.get(code=CHUI)
    district = TerritoryFactory(parent=chui, level="district", code="KG08200000000",
                                name_ru="Аламудунский район")
    village = TerritoryFactory(parent=district, level="municipality", code="KG08200000010",
                               name_ru="Лебединовский айыльный аймак")
    issyk_kul = TerritoryFactory(parent=world.kg, code="KG02000000000",
                                 name_ru="Иссык-Кульская область")
    return chui, district, village, issyk_kul


def progress_world(world):
    """Two yearly periods of an eight-measure plan; home leads every measure, the other KG
    organisation co-executes every one. Latest statuses, as the module docstring of
    progress.py defines them:

    1.1.1 completed   (2022 lead: in progress; 2023 lead: completed, co: not completed)
    1.1.2 not_started (2022 lead)           1.2.1 in_progress (2022 lead)
    1.2.2 completed   (2022 co only)        2.1.1 no report (ongoing)
    2.1.2 partially_completed (2023 co)     2.2.1 cancelled (2023 lead)
    2.2.2 no report (deadline 31.12.2023)
    """
    plan = approved_plan(world)
    p22, p23 = open_year(world, plan, 2022), open_year(world, plan, 2023)
    h22, o22 = report_of(p22, world.home_org), report_of(p22, world.other_kg_org)
    h23, o23 = report_of(p23, world.home_org), report_of(p23, world.other_kg_org)
    set_statuses(h22, {"1.1.1": "in_progress", "1.1.2": "not_started", "1.2.1": "in_progress"})
    set_statuses(o22, {"1.2.2": "completed"})
    set_statuses(h23, {"1.1.1": "completed", "2.2.1": "cancelled"})
    set_statuses(o23, {"1.1.1": "not_completed", "2.1.2": "partially_completed"})
    for report in (h22, o22, h23, o23):
        set_state(report, "accepted", local(2024, 1, 10))
    return {"plan": plan, "p22": p22, "p23": p23, "h22": h22, "o22": o22, "h23": h23,
            "o23": o23}


def kz_plan_and_period(world):
    """An approved plan of Kazakhstan with an open 2023 period: out of every KG user's scope."""
    strategy = plan_services.strategy_create(
        actor=None, country=world.kz, title_ru="Стратегия КЗ", period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2030, 12, 31))
    plan = plan_services.plan_create(
        actor=None, kind="nap", country=world.kz, strategy=strategy, title_ru="НПД КЗ",
        period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2024, 12, 31))
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    period = services.period_create(actor=None, plan=plan, kind="year",
                                    start=datetime.date(2023, 1, 1),
                                    end=datetime.date(2023, 12, 31),
                                    due_date=datetime.date(2024, 1, 31))
    return plan, period


def reach_world(world):
    """Five activities of the home organisation's accepted 2023 report, one in the other
    organisation's draft; a third organisation is a partner of two."""
    plan = approved_plan(world, measures_per_objective=1)
    period = open_year(world, plan, 2023)
    home, other = report_of(period, world.home_org), report_of(period, world.other_kg_org)
    chui, district, village, issyk_kul = district_and_village(world)
    third, partner = third_organisation(world, role="partner")
    m111, m121 = measure(plan, "1.1.1"), measure(plan, "1.2.1")
    add_activity(home, kind="training", women=10, men=5, total=20, territory=village,
                 audiences="civil_servants,lsg_staff", measures=[m111, m121], partners=[third],
                 title="Тренинг в айыл аймаке")
    add_activity(home, kind="training", women=3, men=1, total=4, territory=district,
                 measures=[m111], title="Тренинг в районе")
    add_activity(home, kind="meeting", women=2, men=2, total=4, territory=issyk_kul,
                 audiences="pupils", partners=[third, world.other_kg_org], title="Встреча",
                 start="2023-09-01")
    add_activity(home, kind="conference", total=7, audiences="civil_servants",
                 title="Конференция")
    add_activity(home, kind="campaign", women=1, total=1, territory=world.kg, audiences="women",
                 title="Кампания", start="2023-10-10")
    add_activity(other, kind="training", women=100, men=100, total=200, territory=village,
                 partners=[third], title="Черновик")
    set_state(home, "accepted")
    return {"plan": plan, "period": period, "home": home, "other": other, "partner": partner,
            "third": third, "chui": chui, "issyk_kul": issyk_kul, "m111": m111, "m121": m121}
