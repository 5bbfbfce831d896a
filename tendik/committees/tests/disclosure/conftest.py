"""A small KG scenario for the figures: two regions, four districts, committees in
municipalities and districts, accepted forms beside drafts and forms under review that must
never count (they carry SECRET, a number no sum of the accepted ones can reach)."""

import datetime
from dataclasses import dataclass

import pytest

from tendik.committees.counts import COUNT_KEYS
from tendik.committees.tests.factories import CommitteeFactory, MonthlyStatisticsFactory
from tendik.testing.factories import TerritoryFactory

SECRET = 98765
JAN, FEB = datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)


def counts(n: int) -> dict[str, int]:
    """A consistent form with `n` everywhere it can be (all physical, women, 18–29, police)."""
    row = dict.fromkeys(COUNT_KEYS, 0)
    for key in ("appeals_total", "appeals_physical", "persons_total", "persons_women",
                "persons_age_18_29", "referrals_total", "referrals_police",
                "protection_orders_total", "correctional_programmes_total"):
        row[key] = n
    return row


@dataclass
class Scenario:
    kg: object
    r1: object
    r2: object
    d1: object
    d2: object
    d3: object
    e1: object
    m1: object


def form(territory, month, n: int, state: str = "accepted", **extra):
    committee = CommitteeFactory(country=territory_country(territory), territory=territory)
    return MonthlyStatisticsFactory(committee=committee, month=month, state=state,
                                    **{**counts(n), **extra})


def territory_country(territory):
    while territory.parent_id:
        territory = territory.parent
    return territory


def build_scenario(kg) -> Scenario:
    r1 = TerritoryFactory(parent=kg, code="KG-R1", name_ru="Чуйская область")
    r2 = TerritoryFactory(parent=kg, code="KG-R2", name_ru="Нарынская область")
    d1, d2, d3 = (TerritoryFactory(parent=r1, level="district", code=f"KG-R1-D{i}",
                                   name_ru=f"Район {i}") for i in (1, 2, 3))
    e1 = TerritoryFactory(parent=r2, level="district", code="KG-R2-D1", name_ru="Кочкорский")
    m1 = TerritoryFactory(parent=d1, level="municipality", code="KG-R1-D1-M1",
                          name_ru="Сокулукский аймак")
    return Scenario(kg=kg, r1=r1, r2=r2, d1=d1, d2=d2, d3=d3, e1=e1, m1=m1)


@pytest.fixture
def scenario(world) -> Scenario:
    s = build_scenario(world.kg)
    form(s.m1, JAN, 20)  # a municipality's form counts in its district and region
    form(s.d1, JAN, 10)
    form(s.d2, JAN, 3)  # small: merged with the next smallest district of its region
    form(s.d3, JAN, 7)
    form(s.e1, JAN, 12)
    form(s.e1, FEB, 2)  # small, alone in its region: suppressed cell by cell
    form(s.d1, FEB, SECRET, state="draft")
    form(s.d2, FEB, SECRET, state="submitted")
    form(s.d3, FEB, SECRET, state="returned")
    return s
