"""Scope: every signed-in user of a country reads its network; admins read all; the anonymous
none. `committee_of` finds the committee a secretary keeps."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tendik.committees.network.selectors import committee_of, committees_visible_to
from tendik.committees.tests.factories import CommitteeFactory
from tendik.testing.matrix import ROLES

pytestmark = pytest.mark.django_db


def test_each_role_reads_its_own_countrys_committees(world, committee):
    kz = CommitteeFactory(country=world.kz, territory__code="KZ000000001")
    seen = {role: set(committees_visible_to(world.users[role]).values_list("pk", flat=True))
            for role in ROLES[1:]}
    assert seen.pop("admin") == {committee.pk, kz.pk}
    assert seen.pop("coordinator_kz") == {kz.pk}
    assert all(found == {committee.pk} for found in seen.values()), seen
    assert not committees_visible_to(AnonymousUser()).exists()


def test_committee_of_is_the_committee_of_the_secretarys_omsu(world, committee,
                                                               other_committee):
    assert committee_of(world.users["committee"]) == committee
    assert committee_of(world.users["coordinator"]) is None  # same organisation, no role
    assert committee_of(AnonymousUser()) is None
