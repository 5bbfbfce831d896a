"""The network pages: lists and forms, coverage figures, query counts independent of rows."""

import pytest
from django.urls import reverse

from tendik.committees.models import Committee
from tendik.committees.network.coverage import coverage
from tendik.committees.tests.factories import (
    CommitteeFactory,
    CommitteeMeetingFactory,
    CommitteeMemberFactory,
)
from tendik.testing.factories import OrganisationFactory

from .conftest import build_tree

pytestmark = pytest.mark.django_db


def test_the_list_shows_omsu_territory_and_labels_not_codes(world, committee):
    response = world.client("observer").get(reverse("committees:list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert world.home_org.name_ru in text and committee.territory.name_ru in text
    assert "действует" in text and ">active<" not in text


def test_a_refused_committee_form_keeps_what_was_typed(world, tree):
    response = world.client("coordinator").post(reverse("committees:add"), {
        "organisation": tree.omsu[0].pk, "territory": tree.municipalities[0].pk,
        "established": "2999-01-01", "act": "Решение № 77", "status": "active"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["established"] and "Решение № 77" in response.content.decode()
    assert not Committee.objects.exists()


def test_a_coordinator_adds_a_committee_through_the_form(world, tree):
    response = world.client("coordinator").post(reverse("committees:add"), {
        "organisation": tree.omsu[0].pk, "territory": tree.municipalities[0].pk,
        "established": "2024-01-15", "act": "", "status": "active"})
    committee = Committee.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("committees:detail", args=[committee.pk])


def test_a_refused_meeting_keeps_the_agenda_beside_the_error(world, committee):
    response = world.client("committee").post(reverse("committees:meeting_add",
                                                      args=[committee.pk]), {
        "meeting-date": "2999-01-01", "meeting-agenda": "О ночных дежурствах",
        "meeting-attended_women": 2, "meeting-attended_men": 0})
    assert response.status_code == 400
    assert response.context["meeting_form"].errors["date"]
    assert "О ночных дежурствах" in response.content.decode()


def test_the_detail_lists_members_by_role_and_meetings(world, committee):
    CommitteeMemberFactory(committee=committee, role="member", name="Член Б")
    CommitteeMemberFactory(committee=committee, role="chair", name="Председатель А")
    CommitteeMeetingFactory(committee=committee, agenda="О профилактике")
    text = world.client("partner").get(reverse("committees:detail",
                                               args=[committee.pk])).content.decode()
    assert text.index("Председатель А") < text.index("Член Б")
    assert "О профилактике" in text and "милиция" in text
    assert "Записать заседание" not in text  # a partner reads only


def _grow(world, tree, committee, count):
    for _n in range(count):
        CommitteeMemberFactory(committee=committee)
        CommitteeMeetingFactory(committee=committee)
        other = build_tree(world.kg, municipalities=2)
        CommitteeFactory(country=world.kg, organisation=other.omsu[0],
                         territory=other.municipalities[0])


@pytest.mark.parametrize("name,args", [("committees:list", False), ("committees:detail", True),
                                       ("committees:coverage", False)])
def test_page_queries_do_not_grow_with_rows(world, tree, committee, name, args,
                                            django_assert_max_num_queries):
    client = world.client("coordinator")
    url = reverse(name, args=[committee.pk] if args else [])
    _grow(world, tree, committee, 1)
    with django_assert_max_num_queries(20) as first:
        assert client.get(url).status_code == 200
    _grow(world, tree, committee, 8)
    with django_assert_max_num_queries(len(first)):
        assert client.get(url).status_code == 200


def test_coverage_counts_municipalities_with_and_without_a_committee(world, tree, committee):
    other = build_tree(world.kg, municipalities=4)
    CommitteeFactory(country=world.kg, organisation=other.omsu[1],
                     territory=other.municipalities[1], status="inactive")
    rows = {row["code"]: row for row in coverage(world.kg)}
    assert (rows[tree.region.code]["total"], rows[tree.region.code]["with_committee"],
            rows[tree.region.code]["share"]) == (3, 1, 33.3)
    assert (rows[other.region.code]["with_committee"], rows[other.region.code]["without"]) == (
        0, 4)
    [district] = coverage(world.kg, tree.region)
    assert (district["code"], district["with_committee"], district["without"]) == (
        tree.district.code, 1, 2)


def test_coverage_counts_omsu_where_the_tree_has_no_municipalities(world):
    region = build_tree(world.kz, municipalities=0).region
    district = region.children.get()
    omsu = [OrganisationFactory(country=world.kz, kind="lsg", territory=district)
            for _n in range(2)]
    CommitteeFactory(country=world.kz, organisation=omsu[0], territory=district)
    [row] = coverage(world.kz)
    assert (row["code"], row["total"], row["with_committee"], row["share"]) == (
        region.code, 2, 1, 50.0)


def test_coverage_page_has_a_map_and_a_table_saying_the_same(world, tree, committee):
    response = world.client("observer").get(reverse("committees:coverage"),
                                            {"region": tree.region.code})
    text = response.content.decode()
    assert response.status_code == 200 and "<svg" in text
    assert tree.district.name_ru in text and "33,3 %" in text


def test_only_an_admin_reads_another_countrys_coverage(world, tree):
    kz_region = build_tree(world.kz).region
    admin = world.client("admin").get(reverse("committees:coverage"), {"country": "KZ"})
    assert [row["code"] for row in admin.context["rows"]] == [kz_region.code]
    coordinator = world.client("coordinator").get(reverse("committees:coverage"),
                                                  {"country": "KZ"})
    assert [row["code"] for row in coordinator.context["rows"]] == [tree.region.code]
