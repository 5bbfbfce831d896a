"""A small plan with every kind of content, built through the services."""

import datetime
from decimal import Decimal

from tendik.plans import services
from tendik.plans.models import Dimension, DimensionValue, FrameworkItem, Indicator, Strategy
from tendik.plans.reference_data import load_reference_data
from tendik.territories.models import Territory
from tendik.testing.factories import TerritoryFactory


def build_plan(world, measures_per_objective: int = 2):
    if not FrameworkItem.objects.exists():  # a transactional test before this one flushed it
        load_reference_data(FrameworkItem, Dimension, DimensionValue)
    actor = world.users["coordinator"]
    strategy = services.strategy_create(actor=actor, country=world.kg, title_ru="НСГР-2030",
                                        period_start=datetime.date(2021, 1, 1),
                                        period_end=datetime.date(2030, 12, 31))
    plan = services.plan_create(actor=actor, kind="nap", country=world.kg, strategy=strategy,
                                title_ru="НПД 2022–2024", title_en="NAP 2022–2024",
                                period_start=datetime.date(2022, 1, 1),
                                period_end=datetime.date(2024, 12, 31))
    region = (Territory.objects.filter(code="KG08000000000").first()
              or TerritoryFactory(parent=world.kg, code="KG08000000000", name_ru="Чуйская область"))
    indicator = Indicator.objects.filter(country=world.kg, code="И-1.1").first() or \
        services.indicator_create(actor=actor, country=world.kg, code="И-1.1",
                                  name_ru="Доля женщин в местных кенешах", unit="percent",
                                  targets={2023: "30"})
    sdg = FrameworkItem.objects.get(kind="sdg", code="5.5")
    deadlines = [
        {"deadline_kind": "ongoing"},
        {"deadline_kind": "years", "deadline_years": "2022,2023"},
        {"deadline_kind": "date", "deadline_date": datetime.date(2023, 12, 31)},
        {"deadline_kind": "period", "deadline_date": datetime.date(2022, 1, 1),
         "deadline_end": datetime.date(2023, 6, 30)},
    ]
    for a in range(1, 3):
        area = services.area_add(actor=actor, plan=plan, title_ru=f"Направление {a}")
        for o in range(1, 3):
            objective = services.objective_add(actor=actor, area=area, title_ru=f"Задача {a}.{o}")
            for m in range(1, measures_per_objective + 1):
                services.measure_create(
                    actor=actor, objective=objective, title_ru=f"Мероприятие {a}.{o}.{m}",
                    expected_result_ru="Обучено не менее 70 сотрудников",
                    lead_executor=world.home_org, co_executors=[world.other_kg_org],
                    partners=[world.other_kg_org] if m == 1 else [],
                    territories=[region] if m == 2 else [], indicators=[indicator],
                    frameworks=[sdg],
                    budget_lines=[{"amount": Decimal("1500000"), "currency": "KGS",
                                   "source": "republican"},
                                  {"amount": Decimal("25000.50"), "currency": "USD",
                                   "source": "donor"}] if m == 1 else
                    [{"amount": None, "currency": "", "source": "not_required"}],
                    **deadlines[(a + o + m) % 4])
    return plan, Strategy.objects.get(pk=strategy.pk)
