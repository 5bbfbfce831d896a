"""Every network route and method against every role, with the shared matrix helper.

The committee is Kyrgyzstan's and belongs to the world users' organisation, so the `committee`
user is its secretary: they add its members and meetings (not its establishment data, 403).
Everyone else of KG reads it (writes 403); Kazakhstan's coordinator never finds it (404)."""

import pytest
from django.urls import reverse

from tendik.committees.tests.factories import CommitteeMeetingFactory, CommitteeMemberFactory
from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
READERS = ("focal_point", "partner", "observer")


def _objects(committee, other_committee) -> dict:
    return {"committee": committee.pk, "other": other_committee.pk,
            "member": CommitteeMemberFactory(committee=committee).pk,
            "meeting": CommitteeMeetingFactory(committee=committee).pk}


def managers(status: int, anonymous=LOGIN, **others) -> dict:
    """`status` for the KG coordinator and the admin; 403 for readers and the secretary; 404
    for Kazakhstan's coordinator."""
    return expect(status, **{**dict.fromkeys(READERS, 403), "committee": 403,
                             "coordinator_kz": 404, "anonymous": anonymous, **others})


def keepers(status: int, anonymous=LOGIN) -> dict:
    """Managers and the committee's own secretary write its members and meetings."""
    return managers(status, anonymous=anonymous, committee=status)


def readers(status: int, anonymous=LOGIN) -> dict:
    return expect(status, coordinator_kz=404, anonymous=anonymous)


ROWS = [
    ("committees:list", {}, "get", expect(200, anonymous=LOGIN)),
    ("committees:coverage", {}, "get", expect(200, anonymous=LOGIN)),
    ("committees:add", {}, "get", managers(200, coordinator_kz=200)),
    ("committees:add", {}, "post", managers(400, coordinator_kz=400)),
    ("committees:detail", {"pk": "committee"}, "get", readers(200)),
    ("committees:edit", {"pk": "committee"}, "get", managers(200)),
    ("committees:edit", {"pk": "committee"}, "post", managers(400)),
    ("committees:member_add", {"pk": "committee"}, "post", keepers(400)),
    ("committees:meeting_add", {"pk": "committee"}, "post", keepers(400)),
    ("committees:meeting_edit", {"pk": "meeting"}, "get", keepers(200)),
    ("committees:meeting_edit", {"pk": "meeting"}, "post", keepers(400)),
    ("committees:member_remove", {"pk": "member"}, "post", keepers(302)),
    ("committee-list", {}, "get", expect(200, anonymous=API_ANON)),
    ("committee-list", {}, "post", managers(400, coordinator_kz=400, anonymous=API_ANON)),
    ("committee-detail", {"pk": "committee"}, "get", readers(200, anonymous=API_ANON)),
    ("committee-detail", {"pk": "committee"}, "patch", managers(400, anonymous=API_ANON)),
    ("committee-detail", {"pk": "committee"}, "put", readers(405, anonymous=API_ANON)),
    ("committee-detail", {"pk": "committee"}, "delete", readers(405, anonymous=API_ANON)),
    ("committee-members", {"pk": "committee"}, "get", readers(200, anonymous=API_ANON)),
    ("committee-members", {"pk": "committee"}, "post", keepers(400, anonymous=API_ANON)),
    ("committee-meetings", {"pk": "committee"}, "get", readers(200, anonymous=API_ANON)),
    ("committee-meetings", {"pk": "committee"}, "post", keepers(400, anonymous=API_ANON)),
]


@pytest.mark.parametrize("name,kwargs,method,expected", ROWS,
                         ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_network_route_against_every_role(world, committee, other_committee, name, kwargs,
                                          method, expected):
    objects = _objects(committee, other_committee)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    api = "-" in name
    assert OTHER_COUNTRY in expected
    if name == "committees:member_remove":  # each role tries on a member of its own
        for role, status in expected.items():
            member = CommitteeMemberFactory(committee=committee)
            url = reverse(name, kwargs={"pk": member.pk})
            assert_matrix(world, method, url, {role: status}, data={})
        return
    assert_matrix(world, method, url, expected, data={} if method != "get" else None,
                  content_type="application/json" if api and method != "get" else None)


SECRETARY_ROWS = [
    ("committee-members", "post", {"name": "Садыкова Нургуль", "institution": "social"}, 201),
    ("committee-meetings", "post", {"date": "2025-03-04", "agenda": "О профилактике"}, 201),
    ("committees:member_add", "post", {"member-name": "Садыкова Нургуль",
                                       "member-institution": "social",
                                       "member-role": "member"}, 302),
    ("committees:meeting_add", "post", {"meeting-date": "2025-03-04",
                                        "meeting-agenda": "О профилактике",
                                        "meeting-attended_women": 3,
                                        "meeting-attended_men": 1}, 302),
]


@pytest.mark.parametrize("name,method,data,status", SECRETARY_ROWS,
                         ids=[row[0] for row in SECRETARY_ROWS])
def test_the_secretary_writes_their_own_committee_and_does_not_find_another(
        world, committee, other_committee, name, method, data, status):
    api = "-" in name
    kind = {"content_type": "application/json"} if api else {}
    own = reverse(name, args=[committee.pk])
    other = reverse(name, args=[other_committee.pk])
    assert_matrix(world, method, own, {"committee": status, "observer": 403}, data=data, **kind)
    assert_matrix(world, method, other, {"committee": 404, "observer": 403,
                                         "coordinator": status}, data=data, **kind)
