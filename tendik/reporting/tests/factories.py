"""An open reporting period of a small plan with dimensions, built through the services."""

import datetime

from tendik.plans import services as plan_services
from tendik.plans.models import Dimension
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services
from tendik.testing.factories import user_with_role


def open_period(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    indicator = plan_services.indicator_create(
        actor=None, country=world.kg, code="И-2.1", name_ru="Обучено сотрудников",
        unit="number", aggregation="sum", dimensions=[Dimension.objects.get(code="sex")])
    for measure in plan.measures.all():
        measure.indicators.add(indicator)
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    period = services.period_create(actor=world.users["coordinator"], plan=plan, kind="year",
                                    start=datetime.date(2023, 1, 1),
                                    end=datetime.date(2023, 12, 31),
                                    due_date=datetime.date(2024, 1, 31))
    services.period_transition(actor=world.users["coordinator"], period=period, to="open")
    report = period.reports.get(organisation=world.home_org)
    other_focal = user_with_role("focal_point", username="focal-other",
                                 organisation=world.other_kg_org, email="other@example.org")
    return plan, period, report, indicator, other_focal


def fill_report(report, actor) -> None:
    """Every measure with a status and a narrative and every indicator with a total, so the
    report can be submitted and accepted without a note."""
    for progress in report.progress.all():
        services.progress_save(actor=actor, report=report, measure_id=progress.measure_id,
                               version=progress.version, data={
                                   "status": "completed", "narrative_ru": "Выполнено."})
    indicators = {i for p in report.progress.select_related("measure")
                  for i in p.measure.indicators.values_list("pk", flat=True)}
    report.refresh_from_db()
    services.observations_save(actor=actor, report=report, version=report.observations_version,
                               values=[{"indicator": pk, "value": "1"} for pk in indicators])
