"""HTML goes out gzip-compressed, with Django's random-length padding against BREACH."""

import datetime
import gzip

import pytest
from django.urls import reverse

from tendik.plans import services as plan_services
from tendik.plans.models import Dimension
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services as reporting_services

pytestmark = pytest.mark.django_db
MEASURES_PER_OBJECTIVE = 25  # 100 measures: the size of a national action plan


def open_report(world, plan):
    indicator = plan_services.indicator_create(
        actor=None, country=world.kg, code="И-2.1", name_ru="Обучено сотрудников",
        unit="number", aggregation="sum", dimensions=[Dimension.objects.get(code="sex")])
    for measure in plan.measures.all():
        measure.indicators.add(indicator)
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    coordinator = world.users["coordinator"]
    period = reporting_services.period_create(
        actor=coordinator, plan=plan, kind="year", start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31), due_date=datetime.date(2024, 1, 31))
    reporting_services.period_transition(actor=coordinator, period=period, to="open")
    return period.reports.get(organisation=world.home_org)


def sizes(client, url) -> tuple[int, int]:
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).startswith(b"<!DOCTYPE html>")
    return len(plain.content), len(packed.content)


def test_plan_and_report_pages_are_gzipped_for_browsers_that_accept_it(world):
    plan, _ = build_plan(world, measures_per_objective=MEASURES_PER_OBJECTIVE)
    report = open_report(world, plan)
    measured = {
        "plan": sizes(world.client("coordinator"), reverse("plans:detail", args=[plan.pk])),
        "report": sizes(world.client("focal_point"), reverse("reporting:report", args=[report.pk])),
    }
    for page, (raw, packed) in measured.items():
        print(f"{page} page, {plan.measures.count()} measures: {raw} B raw, {packed} B gzip")
        assert packed < raw / 4


def test_gzipped_length_varies_between_identical_requests(world):
    """BREACH guesses a secret from the compressed length; random padding blurs that length."""
    plan, _ = build_plan(world, measures_per_objective=1)
    client = world.client("observer")
    url = reverse("plans:detail", args=[plan.pk])
    lengths = {len(client.get(url, HTTP_ACCEPT_ENCODING="gzip").content) for _ in range(6)}
    assert len(lengths) > 1


def test_favicon_is_served_at_the_site_root_and_linked_from_every_page(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    page = client.get(reverse("login")).content.decode()
    assert 'rel="icon" href="/favicon.ico"' in page and "favicon.svg" in page
