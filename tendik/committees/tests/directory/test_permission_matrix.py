"""Every help-services route and method against every role, with the shared matrix helper.

The service is run by the organisation every world user works in, in Kyrgyzstan: the country's
users read it; coordinators and admins add and change services, and the organisation's own
focal point, partner and committee user change theirs (403 on another organisation's); the
observer writes nothing (403); Kazakhstan's coordinator never finds it (404). The public page
«Куда обратиться» and the API's reads are open to everyone; the management pages are not."""

import pytest
from django.urls import reverse

from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
MEMBERS = ("focal_point", "partner", "committee")
NO_MEMBERS = dict.fromkeys(MEMBERS, 403)


def readers(status: int, anonymous, **others) -> dict:
    """`status` for the country's readers, 404 for Kazakhstan's coordinator."""
    return expect(status, **{"anonymous": anonymous, "coordinator_kz": 404, **others})


def writers(status: int, anonymous, **others) -> dict:
    """`status` for managers and the service's organisation; the observer only reads."""
    return readers(status, anonymous, **{"observer": 403, **others})


def _objects(world, make) -> dict:
    own = make(name_ru="Наш центр")
    other = make(name_ru="Чужой центр", organisation=world.other_kg_org)
    closed = make(name_ru="Закрытый центр", is_active=False)
    return {"own": own.pk, "other": other.pk, "closed": closed.pk}


ROWS = [
    ("help_services:list", {}, "get", expect(200, anonymous=LOGIN)),
    ("help_services:list", {}, "post", expect(405, anonymous=LOGIN)),
    ("help_services:add", {}, "get", expect(200, anonymous=LOGIN, observer=403, **NO_MEMBERS)),
    ("help_services:add", {}, "post", expect(400, anonymous=LOGIN, observer=403, **NO_MEMBERS)),
    ("help_services:detail", {"pk": "own"}, "get", readers(200, LOGIN)),
    ("help_services:detail", {"pk": "closed"}, "get", readers(200, LOGIN)),
    ("help_services:edit", {"pk": "own"}, "get", writers(200, LOGIN)),
    ("help_services:edit", {"pk": "own"}, "post", writers(400, LOGIN)),
    ("help_services:edit", {"pk": "other"}, "get", writers(200, LOGIN, **NO_MEMBERS)),
    ("help_services:edit", {"pk": "other"}, "post", writers(400, LOGIN, **NO_MEMBERS)),
    ("help:index", {}, "get", expect(200)),
    ("help:index", {}, "head", expect(200)),
    ("help:index", {}, "post", expect(405)),
    ("help-service-list", {}, "get", expect(200)),
    ("help-service-list", {}, "post", expect(400, anonymous=API_ANON, observer=403,
                                              **NO_MEMBERS)),
    ("help-service-detail", {"pk": "own"}, "get", readers(200, 200)),
    ("help-service-detail", {"pk": "closed"}, "get", readers(200, 404)),
    ("help-service-detail", {"pk": "own"}, "patch", writers(400, API_ANON)),
    ("help-service-detail", {"pk": "other"}, "patch", writers(400, API_ANON, **NO_MEMBERS)),
    ("help-service-detail", {"pk": "own"}, "put", writers(405, API_ANON, observer=405)),
    ("help-service-detail", {"pk": "own"}, "delete", writers(405, API_ANON, observer=405)),
]


@pytest.mark.parametrize("name,kwargs,method,expected", ROWS,
                         ids=[f"{r[0]}:{r[2]}:{'/'.join(r[1].values())}" for r in ROWS])
def test_help_services_route_against_every_role(world, make, name, kwargs, method, expected):
    objects = _objects(world, make)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    api_json = "-" in name and method != "get"
    assert OTHER_COUNTRY in expected
    assert_matrix(world, method, url, expected, data={} if method in ("post", "patch") else None,
                  content_type="application/json" if api_json else None)


def test_an_unknown_territory_on_the_public_page_is_404_for_everyone(world):
    assert_matrix(world, "get", reverse("help:index") + "?territory=NOWHERE", expect(404))
