"""The operations routes against every role: the health checks answer anyone (a load balancer
has no account), the status page only the installation's admins."""

import pytest
from django.urls import reverse

from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

pytestmark = pytest.mark.django_db

ROWS = [
    ("health_live", "get", expect(200)),
    ("health_ready", "get", expect(200)),
    ("system:status", "get", expect(403, anonymous=302, admin=200)),
]


@pytest.mark.parametrize("name,method,expected", ROWS, ids=[f"{r[0]}:{r[1]}" for r in ROWS])
def test_system_route_against_every_role(world, name, method, expected):
    assert OTHER_COUNTRY in expected
    assert_matrix(world, method, reverse(name), expected)
