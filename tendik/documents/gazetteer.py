"""The registry as the extractor's gazetteer: organisations and territories with all their names.

Built once per country and registry version (a few aggregate queries tell when it changed), so a
worker reading many documents builds it once."""

from django.db.models import Count, Max, Q

from tendik.organisations.models import Organisation, OrganisationName
from tendik.territories.models import Level, Territory

from .extraction.gazetteer import Gazetteer, OrganisationEntry, PlaceEntry

_cache: dict = {}


def registry_gazetteer(country: Territory | None) -> Gazetteer:
    key = (country.pk if country else None, _registry_version(country))
    if key not in _cache:
        _cache.clear()  # one country's at a time is enough for a worker
        _cache[key] = Gazetteer(organisations=_organisations(country), places=_places(country))
    return _cache[key]


def _organisation_rows(country):
    """The country's organisations and the international ones; without a country, all."""
    if country is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(Q(country=country) | Q(country__isnull=True))


def _territory_rows(country):
    if country is None:
        return Territory.objects.all()
    return Territory.objects.filter(Q(country_code=country.country_code) | Q(level=Level.COUNTRY))


def _registry_version(country) -> tuple:
    orgs = _organisation_rows(country).aggregate(n=Count("id"), at=Max("updated_at"))
    names = OrganisationName.objects.filter(organisation__in=_organisation_rows(country)) \
        .aggregate(n=Count("id"), at=Max("updated_at"))
    places = _territory_rows(country).aggregate(n=Count("id"), at=Max("updated_at"))
    return tuple(part[k] for part in (orgs, names, places) for k in ("n", "at"))


def _organisations(country) -> list[OrganisationEntry]:
    other: dict[int, list[OrganisationName]] = {}
    for row in OrganisationName.objects.filter(organisation__in=_organisation_rows(country)):
        other.setdefault(row.organisation_id, []).append(row)
    entries = []
    for org in _organisation_rows(country).order_by("pk"):
        names = [org.name_ru, org.name_ky, org.name_kk, org.name_en]
        acronyms = [org.acronym]
        for row in other.get(org.pk, []):
            names.append(row.name)
            acronyms.append(row.acronym)
        entries.append(OrganisationEntry(
            organisation_id=org.pk, canonical=org.name_ru,
            names=tuple(dict.fromkeys(n for n in names if n)),
            acronyms=tuple(dict.fromkeys(a for a in acronyms if a))))
    return entries


def _places(country) -> list[PlaceEntry]:
    return [PlaceEntry(territory_id=t.pk, canonical=t.name_ru or t.code,
                       names=tuple(dict.fromkeys(n for n in (t.name_ru, t.name_ky, t.name_kk, t.name_en)
                                                 if n)),
                       level=t.level, parent_id=t.parent_id, country_code=t.country_code)
            for t in _territory_rows(country).order_by("pk")]
