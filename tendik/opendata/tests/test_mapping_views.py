"""«Соответствие разрезов»: managers see their country's mappings and remap a value."""

import pytest
from django.urls import reverse

from tendik.core.models import AuditEntry
from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import ValueMapping
from tendik.plans.models import DimensionValue
from tendik.testing.matrix import assert_matrix, expect

from .conftest import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def added(world, tmp_path):
    """A KG import whose SEX column says «Woman»: no label matches, so a value is added."""
    write_csv(tmp_path, "indicator_5-5-1.csv", "Year,SEX,Value\n2021,Woman,40\n")
    assert opensdg_import(actor=None, country=world.kg, path=tmp_path).errors == []
    return ValueMapping.objects.get(source_value="Woman")


def test_the_page_lists_the_country_s_mappings_and_marks_added_values(world, added):
    page = world.client("coordinator").get(reverse("opendata:mappings")).content.decode()
    assert "<code>SEX</code>" in page and "<code>Woman</code>" in page
    assert "добавлено импортом" in page
    other = world.client("coordinator_kz").get(reverse("opendata:mappings")).content.decode()
    assert "Woman" not in other


def test_a_coordinator_remaps_a_value_and_it_is_audited(world, added):
    women = DimensionValue.objects.get(dimension__code="sex", code="F")
    response = world.client("coordinator").post(reverse("opendata:mappings"), {
        "mapping_value": added.pk, "value": women.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"#value-{added.pk}")
    added.refresh_from_db()
    assert added.value == women and not added.created_by_import
    assert AuditEntry.objects.filter(object_id=str(added.pk), action="update").exists()


@pytest.mark.parametrize("body", [{}, {"mapping_value": "x", "value": "1"},
                                  {"mapping_value": "999999", "value": "1"}])
def test_bad_input_changes_nothing_and_says_why(world, added, body):
    before = added.value_id
    client = world.client("coordinator")
    response = client.post(reverse("opendata:mappings"), body, follow=True)
    assert response.status_code == 200
    assert 'class="message error"' in response.content.decode()
    added.refresh_from_db()
    assert added.value_id == before


def test_the_page_against_every_role(world, added):
    url = reverse("opendata:mappings")
    assert_matrix(world, "get", url, expect(403, anonymous=302, admin=200, coordinator=200,
                                            coordinator_kz=200))
    women = DimensionValue.objects.get(dimension__code="sex", code="F")
    # The KZ coordinator cannot remap a KG value: the redirect carries the refusal.
    assert_matrix(world, "post", url, expect(403, anonymous=302, admin=302, coordinator=302,
                                             coordinator_kz=302),
                  data={"mapping_value": added.pk, "value": women.pk})
    added.refresh_from_db()
    assert added.value == women  # the admin or the KG coordinator, not the KZ one
