"""Every documents route and method against every role, with the shared matrix helper.

The document belongs to the organisation every world user works in: its people and the country's
coordinators read it; the observer and Kazakhstan's coordinator never find it (404)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tendik.documents import services
from tendik.documents.models import Fact
from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

from .texts import NEWS

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
READERS = {"admin", "coordinator", "focal_point", "partner", "committee"}


def _world_objects(world):
    document = services.document_create(
        actor=world.users["focal_point"], upload=SimpleUploadedFile("news.txt", NEWS.encode()))
    event = Fact.objects.create(document=document, kind="event", ordinal=1, start=0, end=20,
                                found={"type": "training", "date_start": "2024-03-12"})
    return {"document": document.pk, "fact": event.pk}


def readers(status: int, **others) -> dict:
    """`status` for those who read the document; 404 for the observer and KZ; the anonymous
    go to the login page (pages) or are refused (API)."""
    return expect(404, **dict.fromkeys(READERS, status), **others)


ROWS = [
    ("documents:list", {}, "get", expect(200, anonymous=LOGIN)),
    ("documents:add", {}, "get", expect(200, anonymous=LOGIN, observer=403)),
    ("documents:add", {}, "post", expect(400, anonymous=LOGIN, observer=403)),
    ("documents:detail", {"pk": "document"}, "get", readers(200, anonymous=LOGIN)),
    ("documents:status", {"pk": "document"}, "get", readers(200, anonymous=LOGIN)),
    ("documents:file", {"pk": "document"}, "get", readers(200, anonymous=LOGIN)),
    ("documents:extract", {"pk": "document"}, "post", readers(302, anonymous=LOGIN)),
    ("documents:fact_decide", {"pk": "fact"}, "post", readers(302, anonymous=LOGIN)),
    ("documents:fact_event", {"pk": "fact"}, "get", readers(200, anonymous=LOGIN)),
    ("documents:fact_event", {"pk": "fact"}, "post", readers(400, anonymous=LOGIN)),
    ("document-list", {}, "get", expect(200, anonymous=API_ANON)),
    ("document-list", {}, "post", expect(400, anonymous=API_ANON, observer=403)),
    ("document-detail", {"pk": "document"}, "get", readers(200, anonymous=API_ANON)),
    ("document-facts", {"pk": "document"}, "get", readers(200, anonymous=API_ANON)),
    ("document-extract", {"pk": "document"}, "post", readers(202, anonymous=API_ANON)),
    ("fact-list", {}, "get", expect(200, anonymous=API_ANON)),
    ("fact-detail", {"pk": "fact"}, "get", readers(200, anonymous=API_ANON)),
    ("fact-decide", {"pk": "fact"}, "post", readers(400, anonymous=API_ANON)),
    ("fact-activity", {"pk": "fact"}, "post", readers(400, anonymous=API_ANON)),
]
BODIES = {"documents:fact_decide": {"decision": "reject", "version": "1"}}


@pytest.mark.parametrize("name,kwargs,method,expected", ROWS,
                         ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_documents_route_against_every_role(world, name, kwargs, method, expected):
    objects = _world_objects(world)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    api_json = "-" in name and method != "get"
    assert OTHER_COUNTRY in expected
    assert_matrix(world, method, url, expected, data=BODIES.get(name, {} if method != "get" else None),
                  content_type="application/json" if api_json else None)
