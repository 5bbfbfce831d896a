import datetime

import pytest

from tendik.committees.statistics.months import current_month
from tendik.committees.tests.factories import CommitteeFactory, HelpServiceFactory
from tendik.testing.factories import TerritoryFactory

# A consistent month: every breakdown adds up to its total.
COUNTS = {
    "appeals_total": 12, "appeals_physical": 5, "appeals_psychological": 4, "appeals_economic": 2,
    "appeals_sexual": 1, "persons_total": 12, "persons_women": 10, "persons_men": 2,
    "persons_age_0_17": 1, "persons_age_18_29": 4, "persons_age_30_44": 5, "persons_age_45_59": 2,
    "persons_age_60_99": 0, "protection_orders_total": 6, "referrals_total": 9,
    "referrals_police": 4, "referrals_health": 2, "referrals_shelter": 1, "referrals_legal_aid": 1,
    "referrals_social_protection": 1, "correctional_programmes_total": 3,
}


def month_back(months: int) -> datetime.date:
    month = current_month()
    for _ in range(months):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def key(month: datetime.date) -> str:
    return f"{month:%Y-%m}"


@pytest.fixture
def last_month() -> str:
    return key(month_back(1))


@pytest.fixture
def committee(world):
    """The committee of the ОМСУ every world user works in: the `committee` user is its
    secretary; the partner and focal point of that organisation are not its staff."""
    district = TerritoryFactory(parent=world.kg, level="district", name_ru="Иссык-Кульский район")
    return CommitteeFactory(country=world.kg, territory=district, organisation=world.home_org,
                            established=datetime.date(2023, 5, 1))


@pytest.fixture
def other_committee(world):
    return CommitteeFactory(country=world.kg, organisation=world.other_kg_org,
                            territory=TerritoryFactory(parent=world.kg, level="district"))


@pytest.fixture
def help_service(world):
    """A crisis centre of the world users' organisation: its partner, focal point and committee
    users are its staff."""
    return HelpServiceFactory(country=world.kg, organisation=world.home_org)


@pytest.fixture
def secretary(world):
    return world.users["committee"]


@pytest.fixture
def coordinator(world):
    return world.users["coordinator"]
