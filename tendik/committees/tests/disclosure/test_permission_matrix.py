"""Every route and method of the public figures, for every role: readable by all (the figures
are suppressed for everyone on these addresses), read-only for all."""

import pytest

from tendik.testing.matrix import assert_matrix, expect

pytestmark = pytest.mark.django_db

ROUTES = ["/portal/family-violence/", "/portal/family-violence/?level=district&year=2025",
          "/open-data/family-violence.csv?country=KG",
          "/open-data/family-violence.csv?country=KG&level=district&year=2025"]


@pytest.mark.parametrize("url", ROUTES)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_everyone_reads_the_public_figures(scenario, world, url, method):
    assert_matrix(world, method, url, expect(200))


@pytest.mark.parametrize("url", ROUTES[::2])
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_nobody_writes_to_them(scenario, world, url, method):
    assert_matrix(world, method, url, expect(405))


def test_the_csv_without_a_country_is_a_400_for_everyone(scenario, world):
    assert_matrix(world, "GET", "/open-data/family-violence.csv", expect(400))
