"""A small plan with projects, budgets, disbursements and rates whose figures are worked out by
hand in the tests (build_plan's measures: the first of each objective has 1 500 000 KGS from the
republican budget and 25 000,50 USD from donors; the second needs no funding)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from tendik.partners.tests.factories import (
    BudgetLineFactory,
    DisbursementFactory,
    ExchangeRateFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from tendik.plans.models import BudgetLine
from tendik.plans.tests.factories import build_plan
from tendik.testing.factories import OrganisationFactory

VALUED_ON = datetime.date(2024, 6, 28)


@dataclass
class Scenario:
    plan: object
    measures: list
    donor: object  # the only donor of project A
    funder: object  # named on one of A's lines
    project_a: object
    project_b: object


def rates(day=VALUED_ON, **pairs) -> None:
    """rates(KGS_USD="88") is 88 KGS for one USD on `day`."""
    for pair, rate in pairs.items():
        base, currency = pair.split("_")
        ExchangeRateFactory(date=day, base=base, currency=currency, rate=Decimal(rate))


def build_funding(world) -> Scenario:
    plan, _strategy = build_plan(world)
    measures = list(plan.measures.order_by("objective__area__position", "objective__position",
                                           "position"))
    m1, m2, m3, _m4, m5, _m6, _m7, m8 = measures
    BudgetLine.objects.filter(measure=m8).delete()  # m8: no line at all, so unfunded
    rates(KGS_USD="88", KGS_EUR="95")
    rates(datetime.date(2023, 3, 14), KGS_USD="87", KGS_EUR="93")
    rates(datetime.date(2022, 5, 4), KGS_USD="80", KGS_EUR="84")
    donor = OrganisationFactory(country=world.kg, kind="international", name_ru="ООН-Женщины",
                                acronym="")
    funder = OrganisationFactory(country=world.kg, kind="international",
                                 name_ru="Европейский союз", acronym="")
    # A covers m1 and m3: their own donor lines are left out; its first line is for both.
    a = ProjectFactory(country=world.kg, title_ru="Проект А")
    a.measures.set([m1, m3])
    ProjectPartnerFactory(project=a, organisation=donor, role="donor")
    BudgetLineFactory(project=a, year=2023, amount=Decimal("10000"), currency="USD")
    BudgetLineFactory(project=a, year=2024, amount=Decimal("1000"), currency="EUR", measure=m3,
                      funder=funder)
    BudgetLineFactory(project=a, year=2025, amount=Decimal("99999"), currency="USD")  # after
    DisbursementFactory(project=a, date=datetime.date(2023, 3, 15), amount=Decimal("5000"))
    # B: local money for a measure that needs none of its own.
    b = ProjectFactory(country=world.kg, title_ru="Проект Б")
    b.measures.set([m2])
    BudgetLineFactory(project=b, year=2022, amount=Decimal("500000"), currency="KGS",
                      source="local")
    # C is cancelled: its budget is not counted (so m5 keeps its donor line), its payment is.
    c = ProjectFactory(country=world.kg, status="cancelled", title_ru="Проект В")
    c.measures.set([m5])
    BudgetLineFactory(project=c, year=2023, amount=Decimal("7000"))
    DisbursementFactory(project=c, date=datetime.date(2022, 5, 5), amount=Decimal("1000"))
    # D is Kazakhstan's: never counted in a Kyrgyz plan.
    d = ProjectFactory(country=world.kz)
    d.measures.set([m5])
    BudgetLineFactory(project=d, amount=Decimal("1000000"))
    return Scenario(plan, measures, donor, funder, a, b)


def add_projects(scenario: Scenario, count: int) -> None:
    """More projects like A, for query-count guards."""
    for _n in range(count):
        project = ProjectFactory(country=scenario.plan.country)
        project.measures.set(scenario.measures[:3])
        ProjectPartnerFactory(project=project, organisation=OrganisationFactory(
            country=scenario.plan.country, kind="international"), role="donor")
        BudgetLineFactory(project=project, year=2023, currency="EUR")
        BudgetLineFactory(project=project, year=2024, measure=scenario.measures[2],
                          funder=scenario.funder)
        DisbursementFactory(project=project, date=VALUED_ON)
