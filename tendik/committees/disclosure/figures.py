"""The family-violence figures by territory and month: what the public, partners and observers
see (suppressed), and what coordinators see (as reported).

Only accepted forms count; drafts, submitted and returned ones never reach a figure. A form
belongs to a municipality, a district or a region; it is counted in its ancestor at the asked
level, mapped in SQL through the parent links, and summed in one grouped query (territory at the
level × month). One more query reads those territories' codes and names. Published rows then
have their small districts merged (`aggregate_small`) and every row suppressed (`suppress`).

Each row stands alone: the page and the CSV show no year or national totals beside the months
and territories, so no sum across rows can give a hidden cell away.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, F, Max, Min, Q, Sum, When
from django.utils.translation import gettext as _

from tendik.core.permissions import is_installation_admin, is_manager
from tendik.territories.models import LEVEL_ORDER, Level, Territory

from ..counts import COUNT_KEYS
from ..models import MonthlyStatistics, StatisticsState
from .suppression import Group, aggregate_small, suppress

LEVELS = (Level.REGION, Level.DISTRICT)


@dataclass(frozen=True)
class FigureRow:
    month: datetime.date
    level: str
    territory_code: str
    territory_name: str
    cells: dict  # {count key: int, or None when suppressed}
    merged: bool = False

    @property
    def values(self) -> list:
        return [self.cells[key] for key in COUNT_KEYS]


def threshold() -> int:
    return settings.DISCLOSURE_THRESHOLD


def published_rows(country: Territory, level: str = Level.REGION,
                   months: tuple[datetime.date, datetime.date] | None = None) -> list[FigureRow]:
    """Suppressed rows, by month then territory; `months` is an inclusive (first, last) range."""
    sums, territories = _sums(country, level, months)
    rows = []
    for month in sorted({month for month, _code in sums}):
        by_code = {code: values for (at, code), values in sums.items() if at == month}
        parent_of = {code: territories[code].parent.code for code in by_code
                     if level == Level.DISTRICT and territories[code].level == Level.DISTRICT}
        for group in sorted(aggregate_small(by_code, parent_of, threshold()), key=_order):
            rows.append(_row(month, level, group, territories))
    return rows


def internal_rows(user, country: Territory, level: str = Level.REGION,
                  months: tuple[datetime.date, datetime.date] | None = None) -> list[FigureRow]:
    """As reported for the country's coordinators and the admins; suppressed for everyone else
    (partners, observers, focal points, committees, other countries' coordinators)."""
    if not sees_unsuppressed(user, country):
        return published_rows(country, level, months)
    sums, territories = _sums(country, level, months)
    return [FigureRow(month=month, level=level, territory_code=code,
                      territory_name=territories[code].name, cells=values)
            for (month, code), values in sorted(sums.items())]


def sees_unsuppressed(user, country: Territory) -> bool:
    return is_manager(user) and (is_installation_admin(user) or user.country_id == country.pk)


def _sums(country, level, months) -> tuple[dict, dict[str, Territory]]:
    """{(month, territory code): {count key: sum}} and the territories by code."""
    forms = MonthlyStatistics.objects.filter(country=country, state=StatisticsState.ACCEPTED)
    if months:
        forms = forms.filter(month__range=months)
    grouped = (forms.annotate(at_level=_ancestor(level)).values("at_level", "month")
               .annotate(**{key: Sum(key) for key in COUNT_KEYS}).order_by())
    found = list(grouped)
    territories = {t.pk: t for t in Territory.objects.filter(
        pk__in={row["at_level"] for row in found}).select_related("parent")}
    sums = {(row["month"], territories[row["at_level"]].code):
            {key: row[key] for key in COUNT_KEYS} for row in found}
    return sums, {t.code: t for t in territories.values()}


def _ancestor(level: str):
    """The id of the form's territory's ancestor at `level` (itself when it is at or above)."""
    depth = LEVEL_ORDER.index(level)
    return Case(*[When(territory__level=deeper,
                       then=F("territory" + "__parent" * (LEVEL_ORDER.index(deeper) - depth)))
                  for deeper in LEVEL_ORDER[depth + 1:]], default=F("territory"))


def _order(group: Group) -> tuple:
    """Districts under their region, the region's merged row after its own districts."""
    return (group.parent or group.members[0], group.merged, group.members[0])


def _row(month, level: str, group: Group, territories: dict[str, Territory]) -> FigureRow:
    if group.merged:
        region = territories[group.members[0]].parent
        code = f"{region.code}-other"
        name = _("другие районы: %(region)s") % {"region": region.name}
    else:
        code = group.members[0]
        name = territories[code].name
    return FigureRow(month=month, level=level, territory_code=code, territory_name=name,
                     cells=suppress(group.row, threshold()), merged=group.merged)


def published_years(country_code: str) -> list[int]:
    """The years from the first to the last accepted form of the country, latest first (the
    page's choice of year). Min and max read the (country, state, month) index; truncating
    every month to its year would read every form."""
    span = MonthlyStatistics.objects.filter(
        country__code=country_code, state=StatisticsState.ACCEPTED).aggregate(
        first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def figures_version(country: Territory, months=None) -> str:
    """A fingerprint of what the country's figures for `months` depend on: a form entering or
    leaving `accepted` moves the latest `updated_at`, deleting an accepted one moves the count,
    renaming a territory moves the territories' latest `updated_at`. (Every state is listed so
    that the (country, state, month) index serves the month range.)"""
    forms = MonthlyStatistics.objects.filter(country=country, state__in=StatisticsState.values)
    if months:
        forms = forms.filter(month__range=months)
    found = forms.aggregate(accepted=Count("pk", filter=Q(state=StatisticsState.ACCEPTED)),
                            last=Max("updated_at"))
    renamed = Territory.objects.filter(country_code=country.code).aggregate(
        last=Max("updated_at"))["last"]
    return f"{found['accepted']}|{found['last']}|{renamed}|{threshold()}"
