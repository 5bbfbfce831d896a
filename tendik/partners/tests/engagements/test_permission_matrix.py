"""Every engagements route and method against every role, with the shared matrix helper.

The meeting is Kyrgyzstan's and the world users' organisation took part in it and owns its
agreement: its people read it and update the agreement; the observer reads and writes nothing;
Kazakhstan's coordinator never finds it (404)."""

import pytest
from django.urls import reverse

from tendik.testing.factories import user_with_role
from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

from .conftest import MEETING_DAY, record

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
MEMBERS = ("focal_point", "partner", "committee")


def _objects(world) -> dict:
    meeting = record(world)
    return {"engagement": meeting.pk, "follow_up": meeting.follow_ups.get().pk}


def managers(status: int, members: int = 403, anonymous=LOGIN, **others) -> dict:
    """`status` for the KG coordinator and the admin; 403 for those who only read it; 404 for
    Kazakhstan's coordinator."""
    return expect(status, **{**dict.fromkeys(MEMBERS, members), "observer": 403,
                             "coordinator_kz": 404, "anonymous": anonymous, **others})


def readers(status: int, anonymous=LOGIN) -> dict:
    return expect(status, coordinator_kz=404, anonymous=anonymous)


ROWS = [
    ("engagements:list", {}, "get", expect(200, anonymous=LOGIN)),
    ("engagements:follow_ups", {}, "get", expect(200, anonymous=LOGIN)),
    ("engagements:add", {}, "get", managers(200, coordinator_kz=200)),
    ("engagements:add", {}, "post", managers(400, coordinator_kz=400)),
    ("engagements:detail", {"pk": "engagement"}, "get", readers(200)),
    ("engagements:edit", {"pk": "engagement"}, "get", managers(200)),
    ("engagements:edit", {"pk": "engagement"}, "post", managers(400)),
    ("engagements:follow_up_add", {"pk": "engagement"}, "post", managers(400)),
    ("engagements:follow_up_update", {"pk": "follow_up"}, "post", managers(400, members=400)),
    ("engagement-list", {}, "get", expect(200, anonymous=API_ANON)),
    ("engagement-list", {}, "post", managers(400, coordinator_kz=400, anonymous=API_ANON)),
    ("engagement-detail", {"pk": "engagement"}, "get", readers(200, anonymous=API_ANON)),
    ("engagement-detail", {"pk": "engagement"}, "patch", managers(400, anonymous=API_ANON)),
    ("engagement-detail", {"pk": "engagement"}, "put", readers(405, anonymous=API_ANON)),
    ("engagement-follow-ups", {"pk": "engagement"}, "post", managers(400, anonymous=API_ANON)),
    ("follow-up-list", {}, "get", expect(200, anonymous=API_ANON)),
    ("follow-up-detail", {"pk": "follow_up"}, "get", readers(200, anonymous=API_ANON)),
    ("follow-up-detail", {"pk": "follow_up"}, "patch",
     managers(400, members=400, anonymous=API_ANON)),
]


@pytest.mark.parametrize("name,kwargs,method,expected", ROWS,
                         ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_engagements_route_against_every_role(world, name, kwargs, method, expected):
    objects = _objects(world)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    api = "-" in name
    assert OTHER_COUNTRY in expected
    assert_matrix(world, method, url, expected, data={} if method != "get" else None,
                  content_type="application/json" if api and method != "get" else None)


def test_only_the_owner_organisations_people_update_an_agreement(world):
    """A focal point of another organisation that took part reads the agreement, may not
    update it."""
    meeting = record(world, follow_ups=[{"text": "x", "owner": world.other_kg_org.pk,
                                         "due_date": MEETING_DAY}])
    follow_up = meeting.follow_ups.get()
    world.users["outsider"] = user_with_role("focal_point", organisation=world.home_org,
                                             username="outsider")
    url = reverse("follow-up-detail", args=[follow_up.pk])
    assert_matrix(world, "patch", url, {"outsider": 403, "coordinator": 400}, data={},
                  content_type="application/json")
    assert_matrix(world, "get", url, {"outsider": 200})
