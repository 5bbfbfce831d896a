"""What the public may read: countries, indicators and a fingerprint of the published data.

Everything here is read as the anonymous user: accepted reports of published periods of
public plans (`reporting.selectors.PUBLISHED`), and the official statistics imported from Open SDG
and SDMX files (published by the statistics office before they reached us)."""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q, QuerySet, Sum

from tendik.plans.models import Indicator
from tendik.reporting.models import Observation
from tendik.reporting.selectors import periods_visible_to, reports_visible_to
from tendik.territories.models import Level, Territory

from .models import SourceFile, StatValue

PUBLIC = AnonymousUser()


def public_reports():
    return reports_visible_to(PUBLIC)


def published_indicators(country: Territory | None = None) -> QuerySet[Indicator]:
    """Indicators with a public value: reported in a published period, or imported."""
    reported = Observation.objects.filter(report__in=public_reports().values("pk"))
    indicators = Indicator.objects.filter(
        Q(pk__in=reported.values("indicator_id")) | Q(pk__in=StatValue.objects.values(
            "indicator_id"))).select_related("country")
    if country is not None:
        indicators = indicators.filter(country=country)
    return indicators.order_by("country__code", "code")


def published_countries() -> QuerySet[Territory]:
    """Countries with a published plan or imported statistics: the portal's country choice."""
    return Territory.objects.filter(level=Level.COUNTRY).filter(
        Q(pk__in=periods_visible_to(PUBLIC).values("plan__country_id"))
        | Q(pk__in=SourceFile.objects.values("country_id"))).order_by("code")


def public_data_version(country: Territory | None = None) -> str:
    """A fingerprint of everything public for a country, in two indexed queries: it changes
    with every publication, withdrawal, acceptance or return in a published period, and
    import. Pages and downloads use it as their ETag; caches key on it."""
    periods = periods_visible_to(PUBLIC)
    files = SourceFile.objects.all()
    if country is not None:
        periods = periods.filter(plan__country=country)
        files = files.filter(country=country)
    published = periods.order_by().aggregate(
        n=Count("pk"), ids=Sum("pk"), last=Max("published_at"),
        activity=Max("reports__last_activity_at"))
    imported = files.order_by().aggregate(n=Count("pk"), last=Max("imported_at"))
    raw = repr((country.pk if country else None, sorted(published.items()),
                sorted(imported.items())))
    return hashlib.blake2s(raw.encode(), digest_size=12).hexdigest()
