"""Every money route and method against every role, with the shared matrix helper.

The plan is Kyrgyzstan's: every signed-in Kyrgyz user reads its funding, Kazakhstan's coordinator
never finds it (404). Official rates are not a country's: any coordinator or admin uploads them,
everybody else who is signed in reads them and gets 403 on upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

from .scenario import build_funding

pytestmark = pytest.mark.django_db

LOGIN, API_ANON = 302, {401, 403}
CSV = b"date,currency,rate,base\n2026-12-01,USD,87.45,KGS\n"


def _upload(_role):
    return {"file": SimpleUploadedFile("rates.csv", CSV), "source": "НБКР"}


def _funding(world) -> str:
    return f"plan={build_funding(world).plan.pk}&currency=USD&date=2024-06-28"


ROWS = [
    ("funding:plan", "get", _funding, expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("funding:rates", "get", None, expect(200, anonymous=LOGIN)),
    ("funding:rates", "post", None, expect(403, anonymous=LOGIN, admin=302, coordinator=302,
                                           coordinator_kz=302)),
    ("funding", "get", _funding, expect(200, anonymous=API_ANON, coordinator_kz=404)),
    # Figures are read-only: a write is refused before anything is looked at.
    ("funding:plan", "post", None, expect(405, anonymous=LOGIN)),
    ("funding", "post", None, expect(405, anonymous=API_ANON)),
]


@pytest.mark.parametrize("name,method,query,expected", ROWS, ids=[f"{r[0]}:{r[1]}" for r in ROWS])
def test_money_route_against_every_role(world, name, method, query, expected):
    url = reverse(name) + (f"?{query(world)}" if query else "")
    assert OTHER_COUNTRY in expected
    assert_matrix(world, method, url, expected, data=_upload if method == "post" else None)
