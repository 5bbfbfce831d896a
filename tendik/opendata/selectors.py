"""What the public may read: countries, indicators and a fingerprint of the published data.

Everything here is read as the anonymous user: accepted reports of published periods of
public plans (`reporting.selectors.PUBLISHED`), and the official statistics imported from Open SDG
and SDMX files (published by the statistics office before they reached us)."""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.core.permissions import is_installation_admin, is_manager
from tendik.plans.models import Indicator
from tendik.reporting.models import Observation
from tendik.reporting.selectors import periods_visible_to, reports_visible_to
from tendik.territories.countries import country_code
from tendik.territories.models import Level, Territory

from .models import DimensionMapping, OpenDataArchive, SourceFile, StatValue

PUBLIC = AnonymousUser()
MAX_CODE = 64


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


def is_published(indicator: Indicator) -> bool:
    """Two EXISTS on the indicator's own rows: cheaper for one indicator than the whole list."""
    return StatValue.objects.filter(indicator=indicator).exists() or Observation.objects.filter(
        indicator=indicator, report__in=public_reports().values("pk")).exists()


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


def public_country(raw: str) -> Territory:
    """The country of an ISO 3166-1 code: a 400 for a code that is not one, a 404 for a country
    this installation does not have."""
    found = Territory.objects.filter(level=Level.COUNTRY, code=country_code(raw)).first()
    if found is None:
        raise DomainError(_("Страна %(code)s не найдена") % {"code": raw.upper()},
                          code="not_found")
    return found


def published_indicator(code: str, country: str | None = None) -> Indicator:
    """A published indicator by code, with dots or dashes («5.5.2», «5-5-2»). Without a country
    the code must be unique among published indicators: 400 naming the countries otherwise;
    404 for a code nothing public has (unknown and unpublished look the same)."""
    if "\x00" in code or len(code) > MAX_CODE:  # a NUL is refused by PostgreSQL (a 500)
        raise DomainError(_("Индикатор не найден"), code="not_found")
    dashed = code.replace(".", "-")
    candidates = Indicator.objects.annotate(
        dashed=Replace("code", Value("."), Value("-")),
        dashed_sdg=Replace("sdg_code", Value("."), Value("-"))).filter(
        Q(dashed=dashed) | Q(dashed_sdg=dashed)).select_related("country")
    if country:
        candidates = candidates.filter(country=public_country(country))
    found = [indicator for indicator in _by_own_code_first(list(candidates), dashed)
             if is_published(indicator)]
    if not found:
        raise DomainError(_("Индикатор %(code)s не опубликован") % {"code": code},
                          code="not_found")
    countries = sorted({i.country.code for i in found})
    if len(countries) > 1:
        raise DomainError(
            _("Индикатор %(code)s опубликован в нескольких странах: %(countries)s; укажите "
              "country") % {"code": code, "countries": ", ".join(countries)},
            errors=[{"field": "country", "message": ", ".join(countries)}])
    # The literal code wins over its dashes read as dots (a code may hold a dash).
    return next((i for i in found if i.code == code), found[0])


def _by_own_code_first(found: list[Indicator], dashed: str) -> list[Indicator]:
    """Per country: the indicators of this code; else the one linked to this SDG code, as the
    national SDG platform files it (`indicator_5-5-2.csv` of the NAP's «И-4.3»); several
    indicators sharing the SDG code and none holding it as its own code: none of them."""
    kept = []
    for country in {i.country_id for i in found}:
        own = [i for i in found if i.country_id == country and i.dashed == dashed]
        linked = [i for i in found if i.country_id == country and i.dashed_sdg == dashed]
        kept += own or (linked if len(linked) == 1 else [])
    return kept


def current_archive(country: Territory):
    """The built all-data ZIP of the country's current public data, or None (never an older one:
    it could hold a withdrawn publication)."""
    return OpenDataArchive.objects.filter(
        country=country, version=public_data_version(country), built_at__isnull=False).exclude(
        file="").order_by("-built_at").first()


def public_dates(indicators) -> dict[int, tuple]:
    """{indicator id: (issued, modified)}: first and last publication of a reported value or
    import of an official one, in two grouped queries."""
    dates: dict[int, list] = {}
    reported = Observation.objects.filter(report__in=public_reports().values("pk"),
                                          indicator__in=indicators).values("indicator_id").annotate(
        first=Min("report__period__published_at"), last=Max("report__period__published_at"),
        activity=Max("report__last_activity_at")).order_by()
    official = StatValue.objects.filter(indicator__in=indicators).values("indicator_id").annotate(
        first=Min("source__imported_at"), last=Max("source__imported_at"),
        activity=Max("source__imported_at")).order_by()
    for row in [*reported, *official]:
        found = [d for d in (row["first"], row["last"], row["activity"]) if d is not None]
        if not found:
            continue
        known = dates.setdefault(row["indicator_id"], [min(found), max(found)])
        known[0], known[1] = min(known[0], *found), max(known[1], *found)
    return {pk: tuple(pair) for pk, pair in dates.items()}


def public_data_modified(country: Territory | None = None):
    """When the country's public data last changed, for Last-Modified: the last audited change
    in the country (a publication, a withdrawal, an acceptance, an import) or import. Every
    change counts, not only public ones, so a withdrawal (a change the public scope no longer
    shows) moves it forward, never back."""
    entries = AuditEntry.objects.all()
    files = SourceFile.objects.all()
    if country is not None:
        entries = entries.filter(country_code=country.code)
        files = files.filter(country=country)
    # The newest entry by id: served from the (country_code, id) index, not a scan for a max.
    found = [entries.order_by("-pk").values_list("at", flat=True).first(),
             files.order_by().aggregate(last=Max("imported_at"))["last"]]
    found = [moment for moment in found if moment is not None]
    return max(found) if found else None


def dimension_mappings_visible_to(user) -> QuerySet[DimensionMapping]:
    """The import mappings a manager keeps: their country's (every country's for an admin)."""
    mappings = DimensionMapping.objects.select_related("country", "dimension").prefetch_related(
        "values__value", "dimension__values").order_by("country__code", "source")
    if not user.is_authenticated or not is_manager(user):
        return mappings.none()
    if is_installation_admin(user):
        return mappings
    return mappings.filter(country_id=user.country_id)
