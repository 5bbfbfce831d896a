"""Coverage: how many municipalities (each with its ОМСУ) have an active committee, per region
or, within a region, per district. One grouped query per level, whatever the number of
territories; a country whose tree stops at districts counts its ОМСУ (organisations of kind
lsg) instead."""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When

from tendik.core.permissions import is_installation_admin
from tendik.organisations.models import Organisation, OrganisationKind
from tendik.territories.filters import by_localized_name
from tendik.territories.models import Level, Territory

from ..models import Committee, CommitteeStatus

ACTIVE = Committee.objects.filter(status=CommitteeStatus.ACTIVE)


def _group(path: str, region=None):
    """The id of the region (or, within `region`, the district) a territory at `path` lies in.
    A municipality straight under a region (a city) counts for that region."""
    at = f"{path}__" if path else ""
    if region is None:
        return Case(When(**{f"{at}level": Level.REGION}, then=F(f"{at}id")),
                    When(**{f"{at}parent__level": Level.REGION}, then=F(f"{at}parent_id")),
                    default=F(f"{at}parent__parent_id"), output_field=IntegerField())
    return Case(When(**{f"{at}level": Level.DISTRICT}, then=F(f"{at}id")),
                When(**{f"{at}parent__level": Level.DISTRICT}, then=F(f"{at}parent_id")),
                default=Value(region.pk), output_field=IntegerField())


def _within(path: str, region) -> Q:
    at = f"{path}__" if path else ""
    return (Q(**{f"{at}pk": region.pk}) | Q(**{f"{at}parent": region})
            | Q(**{f"{at}parent__parent": region}))


def _areas(country, region):
    """What is counted: municipalities, or the ОМСУ where the tree has none; with the path to
    their territory and whether each has an active committee."""
    municipalities = Territory.objects.filter(country_code=country.code,
                                              level=Level.MUNICIPALITY)
    if municipalities.exists():
        covered = Exists(ACTIVE.filter(territory_id=OuterRef("pk")))
        return municipalities, "", covered
    lsgs = Organisation.objects.filter(country=country, kind=OrganisationKind.LSG,
                                       territory__isnull=False)
    return lsgs, "territory", Exists(ACTIVE.filter(organisation_id=OuterRef("pk")))


def _counts(country, region) -> dict[int, tuple[int, int]]:
    """{group id: (all, with a committee)} in one grouped query."""
    areas, path, covered = _areas(country, region)
    if region is not None:
        areas = areas.filter(_within(path, region))
    rows = areas.annotate(group=_group(path, region)).values("group").annotate(
        total=Count("pk"), with_committee=Count("pk", filter=covered)).order_by()
    return {row["group"]: (row["total"], row["with_committee"]) for row in rows}


def _share(covered: int, total: int) -> float | None:
    return round(100 * covered / total, 1) if total else None


def coverage(country, region=None) -> list[dict]:
    """One row per region of `country` (per district of `region` when given): the
    municipalities (or ОМСУ) with and without a committee, and the share covered in %."""
    counts = _counts(country, region)
    if region is None:
        places = Territory.objects.filter(parent=country, level=Level.REGION)
    else:
        places = Territory.objects.filter(Q(parent=region, level=Level.DISTRICT)
                                          | Q(pk=region.pk, pk__in=list(counts)))
    rows = []
    for place in by_localized_name(places):
        total, covered = counts.get(place.pk, (0, 0))
        rows.append({"territory": place, "code": place.code, "name": place.name,
                     "total": total, "with_committee": covered, "without": total - covered,
                     "share": _share(covered, total)})
    return rows


def totals(rows: list[dict]) -> dict:
    total = sum(row["total"] for row in rows)
    covered = sum(row["with_committee"] for row in rows)
    return {"total": total, "with_committee": covered, "without": total - covered,
            "share": _share(covered, total)}


def country_for(user, code: str | None = None):
    """The country whose coverage the user reads: their own; admins may name another."""
    countries = Territory.objects.filter(level=Level.COUNTRY)
    if code and is_installation_admin(user):
        chosen = countries.filter(code=str(code).upper()).first()
        if chosen is not None:
            return chosen
    return countries.filter(pk=user.country_id).first() or countries.order_by("code").first()


def region_of(country, code: str | None):
    if not code:
        return None
    return Territory.objects.filter(parent=country, level=Level.REGION, code=code).first()
