"""A public world: an approved KG plan whose 2022 period is published, beside everything that must
never reach a public page, each carrying a marker of its own.

2022 (published): home accepted (status 1.1.1 completed, a training of 61 women and 7 men,
И-1.1 = 24, ВН-1 = 3 women + 40 men); the other organisation's report returned (MARK_RETURNED).
2023 (closed, unpublished): home accepted (MARK_UNPUBLISHED), the other submitted (MARK_SUBMITTED).
2024 (open): drafts (MARK_DRAFT). A plan in consultation (MARK_CONSULTATION), a focal point and a
person with names, e-mail and phone (MARK_PERSON)."""

import datetime
from decimal import Decimal

import pytest

from tendik.analytics.tests.factories import (
    add_activity,
    approved_plan,
    local,
    open_year,
    report_of,
    set_statuses,
)
from tendik.exports.tests.conftest import say, settle
from tendik.organisations.models import User
from tendik.plans import services as plan_services
from tendik.plans.models import Dimension, Indicator, Measure
from tendik.reporting import services
from tendik.reporting.models import Observation
from tendik.testing.factories import PersonFactory

MARK_RETURNED = "МАРКЕР-ВОЗВРАЩЁН"
MARK_UNPUBLISHED = "МАРКЕР-НЕОПУБЛИКОВАН"
MARK_SUBMITTED = "МАРКЕР-НА-ПРОВЕРКЕ"
MARK_DRAFT = "МАРКЕР-ЧЕРНОВИК"
MARK_CONSULTATION = "МАРКЕР-КОНСУЛЬТАЦИЯ"
MARK_PERSON = "Маркерова"
MARK_EMAIL = "marker.person@example.org"
MARK_PHONE = "+996 555 987 654"
# Values only unpublished data hold: large, so that no chart coordinate can match them.
SECRET_NUMBERS = (987654, 876543, 765432, 654321)
PUBLISHED_TITLE = "НПД 2022–2024"


def observe(report, indicator, value, key: str = "") -> None:
    Observation.objects.create(report=report, indicator=indicator, value=Decimal(value),
                               disaggregation=key)


def family_violence_indicator(world) -> Indicator:
    """A count of persons by sex under disclosure control, measured by measure 1.1.1."""
    indicator = plan_services.indicator_create(
        actor=None, country=world.kg, code="ВН-1", name_ru="Число пострадавших от семейного "
        "насилия", unit="number", disclosure_control=True,
        dimensions=[Dimension.objects.get(code="sex")])
    Measure.objects.get(code="1.1.1", plan__country=world.kg).indicators.add(indicator)
    return indicator


def close(world, period):
    return services.period_transition(actor=world.users["coordinator"], period=period,
                                      to="closed")


def build_public_world(world) -> dict:
    plan = approved_plan(world)
    indicator = Indicator.objects.get(country=world.kg, code="И-1.1")
    violence = family_violence_indicator(world)
    p22, p23, p24 = (open_year(world, plan, year) for year in (2022, 2023, 2024))
    h22, o22 = report_of(p22, world.home_org), report_of(p22, world.other_kg_org)
    h23, o23 = report_of(p23, world.home_org), report_of(p23, world.other_kg_org)
    h24 = report_of(p24, world.home_org)

    set_statuses(h22, {"1.1.1": "completed"})
    add_activity(h22, kind="training", women=61, men=7, total=68, start="2022-05-05")
    observe(h22, indicator, "24")
    observe(h22, violence, "43")
    observe(h22, violence, "3", "sex=F")
    observe(h22, violence, "40", "sex=M")

    say(o22, "1.1.1", ru=MARK_RETURNED)
    add_activity(o22, title=MARK_RETURNED, women=SECRET_NUMBERS[0], total=SECRET_NUMBERS[0],
                 start="2022-06-01")
    observe(o22, indicator, str(SECRET_NUMBERS[0]))

    say(h23, "1.1.1", ru=MARK_UNPUBLISHED)
    set_statuses(h23, {"1.2.1": "cancelled"})
    add_activity(h23, title=MARK_UNPUBLISHED, women=SECRET_NUMBERS[1], total=SECRET_NUMBERS[1])
    observe(h23, indicator, str(SECRET_NUMBERS[1]))
    add_activity(o23, title=MARK_SUBMITTED, women=SECRET_NUMBERS[2], total=SECRET_NUMBERS[2])
    observe(o23, indicator, str(SECRET_NUMBERS[2]))

    say(h24, "1.1.2", ru=MARK_DRAFT)
    add_activity(h24, title=MARK_DRAFT, women=SECRET_NUMBERS[3], total=SECRET_NUMBERS[3],
                 start="2024-03-03")

    settle(h22, "accepted", submitted=local(2023, 1, 20), accepted=local(2023, 2, 1))
    settle(o22, "returned", submitted=local(2023, 1, 25))
    settle(h23, "accepted", submitted=local(2024, 1, 20), accepted=local(2024, 2, 1))
    settle(o23, "submitted", submitted=local(2024, 1, 25))
    close(world, p22)
    close(world, p23)
    services.period_publish(actor=world.users["coordinator"], period=p22)

    consultation = plan_services.plan_create(
        actor=None, kind="nap", country=world.kg, strategy=plan.strategy,
        title_ru=MARK_CONSULTATION, period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2027, 12, 31))
    plan_services.plan_transition(actor=None, plan=consultation, to="consultation")

    User.objects.filter(pk=world.users["focal_point"].pk).update(
        last_name=MARK_PERSON, first_name="Айнура", email=MARK_EMAIL)
    PersonFactory(organisation=world.home_org, last_name=MARK_PERSON, email=MARK_EMAIL,
                  phone=MARK_PHONE)
    return {"plan": plan, "indicator": indicator, "violence": violence, "p22": p22,
            "p23": p23, "p24": p24, "consultation": consultation}


@pytest.fixture
def public(world):
    return build_public_world(world)


@pytest.fixture
def anonymous(client):
    return client
