"""Publishing a period's accepted data: who may, when, what the public then reads, the audit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.reporting import services
from tendik.reporting.models import ReportingPeriod
from tendik.reporting.selectors import (
    activities_visible_to,
    periods_visible_to,
    reports_visible_to,
)
from tendik.testing.matrix import assert_matrix, expect

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db
PUBLIC = AnonymousUser()


@pytest.fixture
def closed(world):
    """A closed period with one accepted report and one left as a draft."""
    plan, period, report, indicator, other_focal = open_period(world)
    coordinator = world.users["coordinator"]
    fill_report(report, world.users["focal_point"])
    services.report_act(actor=world.users["focal_point"], report=report, action="submit")
    services.report_act(actor=coordinator, report=report, action="accept")
    services.period_transition(actor=coordinator, period=period, to="closed")
    return period, report


def test_the_public_reads_nothing_of_a_period_until_it_is_published(world, closed):
    period, report = closed
    assert not periods_visible_to(PUBLIC).exists()
    assert not reports_visible_to(PUBLIC).exists()
    services.period_publish(actor=world.users["coordinator"], period=period)
    assert list(reports_visible_to(PUBLIC)) == [report]
    assert list(periods_visible_to(PUBLIC)) == [ReportingPeriod.objects.get(pk=period.pk)]
    drafts = period.reports.exclude(pk=report.pk)
    assert drafts.exists() and not reports_visible_to(PUBLIC).filter(pk__in=drafts).exists()
    services.period_withdraw(actor=world.users["coordinator"], period=period)
    assert not reports_visible_to(PUBLIC).exists()
    assert not activities_visible_to(PUBLIC).exists()


def test_publication_and_withdrawal_are_audited_and_repeating_them_writes_nothing(world, closed):
    period, _ = closed
    coordinator = world.users["coordinator"]
    before = AuditEntry.objects.count()
    services.period_publish(actor=coordinator, period=period)
    services.period_publish(actor=coordinator, period=period)
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert len(entries) == 1 and entries[0].actor == coordinator
    assert entries[0].changes["published_at"]["old"] is None
    services.period_withdraw(actor=coordinator, period=period)
    services.period_withdraw(actor=coordinator, period=period)
    assert AuditEntry.objects.count() == before + 2


def test_an_open_period_is_not_published_and_a_published_one_is_not_reopened(world):
    _, period, *_ = open_period(world)
    coordinator = world.users["coordinator"]
    with pytest.raises(DomainError, match="закрытый период") as refused:
        services.period_publish(actor=coordinator, period=period)
    assert refused.value.code == "conflict"
    services.period_transition(actor=coordinator, period=period, to="closed")
    with pytest.raises(DomainError, match="нет принятых"):
        services.period_publish(actor=coordinator, period=period)


def test_reopening_needs_the_publication_withdrawn_first(world, closed):
    period, _ = closed
    coordinator = world.users["coordinator"]
    services.period_publish(actor=coordinator, period=period)
    with pytest.raises(DomainError, match="снимите"):
        services.period_transition(actor=coordinator, period=period, to="open")
    services.period_withdraw(actor=coordinator, period=period)
    services.period_transition(actor=coordinator, period=period, to="open")


def test_only_the_country_s_managers_publish(world, closed):
    period, _ = closed
    for role in ("focal_point", "observer", "coordinator_kz"):
        with pytest.raises(DomainError) as refused:
            services.period_publish(actor=world.users[role], period=period)
        assert refused.value.code == "forbidden"
    assert ReportingPeriod.objects.get(pk=period.pk).published_at is None


def test_publish_and_withdraw_per_role_through_the_page_and_the_api(world, closed):
    period, _ = closed
    page = reverse("reporting:period_publication", args=[period.pk])
    # Managers are redirected back to the dashboard; the KZ coordinator does not see the period.
    assert_matrix(world, "POST", page, expect(403, anonymous=302, admin=302, coordinator=302,
                                              coordinator_kz=404), data={"action": "withdraw"})
    for action in ("publish", "withdraw"):
        url = reverse("period-" + action, args=[period.pk])
        assert_matrix(world, "POST", url, expect(403, anonymous=403, admin=200, coordinator=200,
                                                 coordinator_kz=404))
    client = world.client("coordinator")
    assert client.post(page, {"action": "publish"}).status_code == 302
    assert ReportingPeriod.objects.get(pk=period.pk).published_at is not None
    body = client.get(reverse("period-detail", args=[period.pk])).json()
    assert body["published_at"]
    dashboard = client.get(reverse("reporting:dashboard", args=[period.pk])).content.decode()
    assert 'data-published="1"' in dashboard


def test_a_refused_publication_shows_its_reason_on_the_dashboard(world):
    _, period, *_ = open_period(world)
    client = world.client("coordinator")
    page = client.get(reverse("reporting:dashboard", args=[period.pk])).content.decode()
    assert 'data-published="0"' in page and "закрытый период" in page
    response = client.post(reverse("period-publish", args=[period.pk]))
    assert response.status_code == 409
