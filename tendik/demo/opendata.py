"""The demo's public side: the accepted periods of the published plans are published (the open
period and the consultation draft stay internal), and the official SDG statistics of Kazakhstan
(Open SDG CSV) and Kyrgyzstan (SDMX-ML), shipped as open data under the MIT licence, are imported."""

from tendik.plans.workflow import PUBLIC
from tendik.reporting.models import PeriodState, ReportingPeriod, ReportState
from tendik.reporting.services import period_publish


def _publishable():
    return ReportingPeriod.objects.filter(
        state__in=(PeriodState.CLOSED, PeriodState.LOCKED), plan__status__in=PUBLIC,
        published_at__isnull=True, reports__state=ReportState.ACCEPTED).distinct()


def opendata_demo_load() -> dict:
    published = 0
    for period in _publishable():
        period_publish(actor=None, period=period)
        published += 1
    return {"published_periods": published}
