"""Every monthly-statistics route and method against every role, with the shared matrix helper.

The committee belongs to the organisation every world user works in: its `committee` user is the
secretary (staff) and reads and writes its forms; the country's coordinator and the admin read,
write and review; the partner, focal point and observer of that organisation are no committee
staff and never find its forms (404), nor does Kazakhstan's coordinator. The help service of the
same organisation counts its partner, focal point and committee users as staff."""

import pytest
from django.urls import reverse

from tendik.committees.models import MonthlyStatistics
from tendik.committees.statistics import services
from tendik.testing.matrix import assert_matrix, expect

from .conftest import COUNTS

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
OUTSIDE = {"partner": 404, "focal_point": 404, "observer": 404, "coordinator_kz": 404}
SERVICE_OUTSIDE = {"observer": 404, "coordinator_kz": 404}
JSON = "application/json"


def committee_staff(status, anonymous, **others) -> dict:
    return expect(status, **{"anonymous": anonymous, **OUTSIDE, **others})


def service_staff(status, anonymous, **others) -> dict:
    return expect(status, **{"anonymous": anonymous, **SERVICE_OUTSIDE, **others})


@pytest.fixture
def objects(world, committee, help_service, last_month):
    for body in ({"committee": committee}, {"service": help_service}):
        services.statistics_save(actor=world.users["coordinator"], month=last_month,
                                 counts=COUNTS, **body)
    return {"committee": committee.pk, "service": help_service.pk, "month": last_month}


ROWS = [
    # (route, kwargs from objects, method, body, expected)
    ("fv_statistics:list", {}, "get", None, expect(200, anonymous=LOGIN)),
    ("fv_statistics:list", {}, "post", None, expect(405, anonymous=LOGIN)),
    ("fv_statistics:form", {"kind": "committee", "pk": "committee"}, "get", None,
     committee_staff(200, LOGIN)),
    # An empty POST of the form is a refused save (version missing): 409, not written.
    ("fv_statistics:form", {"kind": "committee", "pk": "committee"}, "post", {},
     committee_staff(409, LOGIN)),
    ("fv_statistics:form", {"kind": "service", "pk": "service"}, "get", None,
     service_staff(200, LOGIN)),
    ("fv_statistics:transition", {"kind": "committee", "pk": "committee"}, "post",
     {"to": "accepted"}, committee_staff(409, LOGIN)),
    ("fv_statistics:transition", {"kind": "committee", "pk": "committee"}, "get", None,
     expect(405, anonymous=LOGIN)),
    ("statistics-list", {}, "get", None, expect(200, anonymous=API_ANON)),
    ("statistics-list", {}, "post", None, expect(405, anonymous=API_ANON)),
    ("committee-statistics", {"id": "committee"}, "get", None, committee_staff(200, API_ANON)),
    ("committee-statistics", {"id": "committee"}, "put", {"appeals_total": -1},
     committee_staff(400, API_ANON)),
    ("committee-statistics", {"id": "committee"}, "delete", None,
     expect(405, anonymous=API_ANON)),
    ("committee-statistics-transition", {"id": "committee"}, "post", {"to": "accepted"},
     committee_staff(409, API_ANON)),
    ("help-service-statistics", {"id": "service"}, "get", None, service_staff(200, API_ANON)),
    ("help-service-statistics", {"id": "service"}, "put", {"appeals_total": -1},
     service_staff(400, API_ANON)),
    ("help-service-statistics-transition", {"id": "service"}, "post", {"to": "accepted"},
     service_staff(409, API_ANON)),
]


@pytest.mark.parametrize("name,kwargs,method,body,expected", ROWS,
                         ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_statistics_route_against_every_role(world, objects, name, kwargs, method, body,
                                             expected):
    resolved = {key: objects[value] if key in ("pk", "id") else value
                for key, value in kwargs.items()}
    if "id" in resolved or "pk" in resolved:
        resolved["month"] = objects["month"]
    api = not name.startswith("fv_statistics:")
    assert_matrix(world, method, reverse(name, kwargs=resolved), expected, data=body,
                  content_type=JSON if api and body is not None else None)


@pytest.mark.parametrize("start,to,expected", [
    ("draft", "submitted", committee_staff(200, API_ANON)),
    ("submitted", "accepted", committee_staff(200, API_ANON, committee=403)),
    ("submitted", "returned", committee_staff(400, API_ANON, committee=403)),
])
def test_staff_submit_and_only_coordinators_review(world, objects, start, to, expected):
    path = reverse("committee-statistics-transition",
                   kwargs={"id": objects["committee"], "month": objects["month"]})

    def from_start(role):  # every role tries the same move from the same state
        MonthlyStatistics.objects.filter(committee_id=objects["committee"]).update(state=start)
        return {"to": to}

    assert_matrix(world, "post", path, expected, data=from_start, content_type=JSON)
