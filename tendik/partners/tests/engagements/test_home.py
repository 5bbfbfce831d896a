"""The home block «Договорённости: сроки»: who sees which agreement, and what it costs."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tendik.partners.engagements.home import follow_ups_due
from tendik.partners.tests.factories import EngagementFactory, FollowUpFactory
from tendik.testing.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _agreement(world, owner, days: int, status: str = "open", text: str = "Договорённость"):
    engagement = EngagementFactory(country=world.kg, date=TODAY - datetime.timedelta(days=90))
    return FollowUpFactory(engagement=engagement, owner=owner, status=status, text=text,
                           due_date=TODAY + datetime.timedelta(days=days))


def _texts(block) -> list[str]:
    return [item["follow_up"].text for item in block["items"]] if block else []


def test_the_owner_sees_overdue_and_soon_due_agreements_oldest_first(world):
    _agreement(world, world.home_org, 10, text="скоро")
    _agreement(world, world.home_org, -3, text="просрочено")
    _agreement(world, world.home_org, 14, "in_progress", text="в работе")
    _agreement(world, world.home_org, 30)  # not yet due
    _agreement(world, world.home_org, -5, status="done")
    block = follow_ups_due(world.users["focal_point"])
    assert _texts(block) == ["просрочено", "скоро", "в работе"]
    assert [item["overdue"] for item in block["items"]] == [True, False, False]


def test_another_organisation_does_not_see_the_agreement(world):
    _agreement(world, world.home_org, -3)
    other = user_with_role("focal_point", organisation=world.other_kg_org)
    assert follow_ups_due(other) is None


def test_the_coordinator_sees_the_countrys_overdue_agreements_but_not_their_soon_due(world):
    overdue = _agreement(world, world.other_kg_org, -1)
    _agreement(world, world.other_kg_org, 5)
    kz_org = OrganisationFactory(country=world.kz)
    FollowUpFactory(engagement=EngagementFactory(country=world.kz), owner=kz_org,
                    due_date=TODAY - datetime.timedelta(days=1))
    block = follow_ups_due(world.users["coordinator"])
    assert [item["follow_up"].pk for item in block["items"]] == [overdue.pk]


def test_more_than_eight_are_counted_and_the_queries_are_bounded(
        world, django_assert_max_num_queries):
    for days in range(12):
        _agreement(world, world.home_org, -days)
    user = world.users["focal_point"]
    user.role_assignments.all()  # the roles are read once per request, as on the page
    with django_assert_max_num_queries(3):
        block = follow_ups_due(user)
    assert len(block["items"]) == 8 and block["more"] == 4
    assert block["link"] == reverse("engagements:follow_ups") + (
        f"?status=open&owner={world.home_org.pk}")


def test_the_block_is_on_the_owners_home_page(world):
    _agreement(world, world.home_org, -2)
    client = Client()
    client.force_login(world.users["focal_point"])
    page = client.get(reverse("home")).content.decode()
    assert "Договорённости: сроки" in page and "просрочено" in page
