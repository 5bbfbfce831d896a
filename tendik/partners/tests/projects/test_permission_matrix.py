"""Every projects route and method against every role, with the shared matrix helper.

The project is Kyrgyzstan's, with the organisation every world user works in as a partner: its
people read it, its partner user and the country's coordinators change it, the observer reads
and is refused every write (403), and Kazakhstan's coordinator never finds it (404). A second
project without that organisation is not found by the organisation's people."""

import datetime

import pytest
from django.urls import reverse

from tendik.partners.projects import services
from tendik.testing.matrix import OTHER_COUNTRY, ROLES, assert_matrix, expect

from .conftest import make_project

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
WRITERS = {"admin", "coordinator", "partner"}
READERS_ONLY = {"focal_point", "committee", "observer"}
MEMBERS = {"focal_point", "partner", "committee"}


def writers(status: int, anonymous) -> dict:
    """`status` for who may change the project; 403 for who only reads it; 404 for KZ."""
    return expect(404, **dict.fromkeys(WRITERS, status), **dict.fromkeys(READERS_ONLY, 403),
                  anonymous=anonymous)


def readers(status: int, anonymous) -> dict:
    return expect(status, anonymous=anonymous, **{OTHER_COUNTRY: 404})


def others_project(status: int, anonymous) -> dict:
    """Another partner's project: the organisation's people do not find it."""
    return expect(status, anonymous=anonymous, **dict.fromkeys(MEMBERS, 404),
                  **{OTHER_COUNTRY: 404})


def creators(status: int, anonymous) -> dict:
    return expect(status, anonymous=anonymous, **dict.fromkeys(READERS_ONLY, 403))


ROWS = [
    ("projects:list", "", "get", expect(200, anonymous=LOGIN)),
    ("projects:add", "", "get", creators(200, LOGIN)),
    ("projects:add", "", "post", creators(400, LOGIN)),
    ("projects:detail", "mine", "get", readers(200, LOGIN)),
    ("projects:detail", "theirs", "get", others_project(200, LOGIN)),
    ("projects:edit", "mine", "get", writers(200, LOGIN)),
    ("projects:edit", "mine", "post", writers(400, LOGIN)),
    ("projects:edit", "theirs", "get", others_project(403, LOGIN) | {
        "admin": 200, "coordinator": 200}),
    ("projects:transition", "mine", "post", writers(302, LOGIN)),
    ("projects:disbursement_add", "mine", "post", writers(400, LOGIN)),
    ("project-list", "", "get", expect(200, anonymous=API_ANON)),
    ("project-list", "", "post", creators(400, API_ANON)),
    ("project-detail", "mine", "get", readers(200, API_ANON)),
    ("project-detail", "theirs", "get", others_project(200, API_ANON)),
    ("project-detail", "mine", "patch", writers(400, API_ANON)),
    ("project-detail", "theirs", "patch", others_project(403, API_ANON) | {
        "admin": 400, "coordinator": 400}),
    ("project-detail", "mine", "put", readers(405, API_ANON)),
    ("project-detail", "mine", "delete", readers(405, API_ANON)),
    ("project-transition", "mine", "post", writers(400, API_ANON)),
    ("project-disbursements", "mine", "get", readers(200, API_ANON)),
    ("project-disbursements", "mine", "post", writers(400, API_ANON)),
]
BODIES = {"projects:transition": {"to": "suspended"}}


def _projects(world, donor) -> dict:
    return {"mine": make_project(world, donor).pk,
            "theirs": make_project(world, donor, partners=[
                {"organisation": donor.pk, "role": "donor"}]).pk}


@pytest.mark.parametrize("name,which,method,expected", ROWS,
                         ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in ROWS])
def test_projects_route_against_every_role(world, donor, name, which, method, expected):
    projects = _projects(world, donor)
    url = reverse(name, args=[projects[which]] if which else [])
    api_json = "-" in name and method != "get"
    assert set(expected) == set(map(str, ROLES))
    assert_matrix(world, method, url, expected,
                  data=BODIES.get(name, {} if method != "get" else None),
                  content_type="application/json" if api_json else None)


@pytest.mark.parametrize("role", ROLES, ids=map(str, ROLES))
def test_deleting_a_disbursement_against_every_role(world, donor, role):
    project = make_project(world, donor)
    row, _w = services.disbursement_add(actor=world.users["coordinator"], project=project,
                                        date=datetime.date(2024, 5, 1), amount="10",
                                        currency="USD")
    url = reverse("projects:disbursement_delete", args=[project.pk, row.pk])
    expected = writers(302, LOGIN)[role]
    assert_matrix(world, "post", url, {role: expected})
    assert project.disbursements.exists() == (role not in WRITERS)
