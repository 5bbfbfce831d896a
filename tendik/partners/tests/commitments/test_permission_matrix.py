"""Every commitments route and method against every role, with the shared matrix helper.

The commitment is made by the organisation every world user works in, in Kyrgyzstan: its members
and the country's coordinators and observer read it; the members also edit it and add progress;
only coordinators and admins publish; the observer writes nothing (403); Kazakhstan's coordinator
never finds it (404), even published: signed in, they read their own country's; the public page
is where everyone reads every country's published ones. The public pages show a published
commitment to everyone and an unpublished one to no one."""

import pytest
from django.urls import reverse

from tendik.partners.commitments import services
from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

from .conftest import pdf

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
MEMBERS = ("focal_point", "partner", "committee")
READERS = ("admin", "coordinator", *MEMBERS, "observer")


def readers(status: int, anonymous, **others) -> dict:
    """`status` for the country's readers, 404 for Kazakhstan's coordinator."""
    return expect(status, **{"anonymous": anonymous, "coordinator_kz": 404, **others})


def writers(status: int, anonymous, **others) -> dict:
    """`status` for managers and members; the observer may read, not write."""
    return readers(status, anonymous, **{"observer": 403, **others})


def _objects(world, make) -> dict:
    draft, shown = make(title_ru="Черновик"), make(title_ru="Опубликовано")
    row = services.commitment_progress_save(
        actor=world.users["coordinator"], commitment=shown, year=2024, status="in_progress",
        text="Идёт", evidence_upload=pdf())
    hidden_row = services.commitment_progress_save(
        actor=world.users["coordinator"], commitment=draft, year=2024, status="in_progress",
        text="Идёт", evidence_upload=pdf())
    services.commitment_publish(actor=world.users["coordinator"], commitment=shown,
                                published=True)
    return {"draft": draft.pk, "shown": shown.pk, "evidence": row.pk,
            "hidden_evidence": hidden_row.pk}


NO_MEMBERS = dict.fromkeys(MEMBERS, 403)
ROWS = [
    ("commitments:list", {}, "get", expect(200, anonymous=LOGIN)),
    ("commitments:add", {}, "get", expect(200, anonymous=LOGIN, observer=403)),
    ("commitments:add", {}, "post", expect(400, anonymous=LOGIN, observer=403)),
    ("commitments:detail", {"pk": "draft"}, "get", readers(200, LOGIN)),
    ("commitments:edit", {"pk": "draft"}, "get", writers(200, LOGIN)),
    ("commitments:edit", {"pk": "draft"}, "post", writers(400, LOGIN)),
    ("commitments:progress", {"pk": "draft"}, "post", writers(400, LOGIN)),
    ("commitments:publish", {"pk": "draft"}, "post", writers(302, LOGIN, **NO_MEMBERS)),
    ("commitments:evidence", {"pk": "hidden_evidence"}, "get", readers(200, LOGIN)),
    ("public_commitments:list", {}, "get", expect(200)),
    ("public_commitments:detail", {"pk": "shown"}, "get", expect(200)),
    ("public_commitments:detail", {"pk": "draft"}, "get", expect(404)),
    ("public_commitments:evidence", {"pk": "evidence"}, "get", expect(200)),
    ("public_commitments:evidence", {"pk": "hidden_evidence"}, "get", expect(404)),
    ("public_commitments:list", {}, "post", expect(405)),
    ("commitment-list", {}, "get", expect(200)),
    ("commitment-list", {}, "post", expect(400, anonymous=API_ANON, observer=403)),
    ("commitment-detail", {"pk": "draft"}, "get", readers(200, 404)),
    ("commitment-detail", {"pk": "shown"}, "get", readers(200, 200)),
    ("commitment-detail", {"pk": "draft"}, "patch", writers(400, API_ANON)),
    ("commitment-detail", {"pk": "draft"}, "put", writers(405, API_ANON, observer=405)),
    ("commitment-publish", {"pk": "draft"}, "post", writers(400, API_ANON, **NO_MEMBERS)),
    ("commitment-progress", {"pk": "draft"}, "post", writers(400, API_ANON)),
]


@pytest.mark.parametrize("name,kwargs,method,expected", ROWS,
                         ids=[f"{r[0]}:{r[2]}:{'/'.join(r[1].values())}" for r in ROWS])
def test_commitments_route_against_every_role(world, make, name, kwargs, method, expected):
    objects = _objects(world, make)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    api_json = "-" in name and method != "get"
    assert OTHER_COUNTRY in expected
    assert_matrix(world, method, url, expected, data={} if method != "get" else None,
                  content_type="application/json" if api_json else None)
