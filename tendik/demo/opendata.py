"""The demo's public side: the accepted periods of the published plans are published (the open
period and the consultation draft stay internal), the official SDG statistics of Kazakhstan
(Open SDG CSV) and Kyrgyzstan (SDMX-ML), shipped as open data under the MIT licence, are imported,
and each country's all-data ZIP is built, so every public page and download has something."""

from pathlib import Path

from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import OnConflict
from tendik.opendata.selectors import current_archive, published_countries
from tendik.opendata.services import open_data_archive_build
from tendik.plans.models import Indicator
from tendik.plans.services import indicator_disclosure_control_set
from tendik.plans.workflow import PUBLIC
from tendik.reporting.models import PeriodState, ReportingPeriod, ReportState
from tendik.reporting.services import period_publish
from tendik.territories.models import Territory

OPENSDG = Path(__file__).resolve().parent.parent / "opendata" / "fixtures" / "opensdg"
# Kazakhstan's 5.5.2 file repeats its 2020 total as 40.0, 41.1 and 41.5 (series that lost their
# series column); the demo keeps the first, as an operator would with --on-conflict=first.
# Kyrgyzstan's statistics count women who turned to the police over family violence, and victims
# by sex: counts of people, so their small cells are suppressed in public like the NAP's.
CONTROLLED = {"KG": ("5.2.1.2", "5.2.1.3")}
SOURCES = [("KZ", OPENSDG / "kz" / "data", OnConflict.FIRST),
           ("KG", OPENSDG / "kg" / "data", OnConflict.REFUSE)]


def _publishable():
    return ReportingPeriod.objects.filter(
        state__in=(PeriodState.CLOSED, PeriodState.LOCKED), plan__status__in=PUBLIC,
        published_at__isnull=True, reports__state=ReportState.ACCEPTED).distinct()


def _import() -> int:
    created = 0
    for code, path, on_conflict in SOURCES:
        country = Territory.objects.filter(code=code, level="country").first()
        if country is None or not path.is_dir():
            continue
        created += opensdg_import(actor=None, country=country, path=path,
                                  on_conflict=on_conflict).created
        for indicator in Indicator.objects.filter(country=country,
                                                  code__in=CONTROLLED.get(code, ())):
            indicator_disclosure_control_set(actor=None, indicator=indicator, enabled=True)
    return created


def opendata_demo_load() -> dict:
    published = 0
    for period in _publishable():
        period_publish(actor=None, period=period)
        published += 1
    imported = _import()
    archives = 0
    for country in published_countries():
        if current_archive(country) is None:
            open_data_archive_build(country=country)
            archives += 1
    return {"published_periods": published, "official_values": imported,
            "open_data_archives": archives}
