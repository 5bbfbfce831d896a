import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tendik.plans import services
from tendik.plans.models import framework_label
from tendik.plans.selectors import plan_document, plans_visible_to

from .factories import build_plan

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_plan_overview_uses_a_constant_number_of_queries(world):
    small, _ = build_plan(world, measures_per_objective=1)
    large, _ = build_plan(world, measures_per_objective=6)
    client = world.client("coordinator")
    _queries(client, reverse("plans:detail", args=[small.pk]))  # warm caches
    small_count = _queries(client, reverse("plans:detail", args=[small.pk]))
    assert _queries(client, reverse("plans:detail", args=[large.pk])) == small_count
    filtered = reverse("plans:detail", args=[large.pk]) + "?search=Мероприятие&year=2023"
    assert _queries(client, filtered) <= small_count + 2
    assert small_count <= 25


def test_plans_are_scoped_by_country_and_publication(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    assert plan in plans_visible_to(world.users["observer"])
    assert plan not in plans_visible_to(world.users["coordinator_kz"])
    from django.contrib.auth.models import AnonymousUser
    assert plan not in plans_visible_to(AnonymousUser())
    services.plan_transition(actor=None, plan=plan, to="approved")
    assert plan in plans_visible_to(AnonymousUser())


def test_document_carries_every_language(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    document = plan_document(plan)
    assert document["title_en"] == "NAP 2022–2024" and document["title_ky"] == ""


@pytest.mark.parametrize(("language", "kind", "code", "title", "label"), [
    ("ru", "sdg", "5.4", "", "ЦУР 5.4"),
    ("ru", "cedaw_article", "art-11", "", "КЛДЖ, статья 11"),
    ("ru", "beijing", "F", "", "Пекин: F"),
    ("ru", "unscr1325", "prevention", "Предотвращение", "СБ ООН 1325: Предотвращение"),
    ("xx", "unknown", "1", "", "unknown:1"),
])
def test_framework_links_read_as_people_cite_them(language, kind, code, title, label):
    with translation.override(language):
        assert framework_label(kind, code, title) == label
