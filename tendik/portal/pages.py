"""The portal's pages as plain data: published figures of the analytics layer, read as the
anonymous user, with small cells hidden and charts drawn as inline SVG.

A page's data is kept in the cache under the public data's fingerprint and the reader's
language: it is live (a publication, withdrawal or acceptance changes the fingerprint) and is
computed once per change, not once per visitor."""

import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

from tendik.analytics import charts
from tendik.analytics.basis import Basis
from tendik.analytics.indicators import indicator_statuses, period_label
from tendik.analytics.progress import latest_statuses, plan_progress, status_label
from tendik.analytics.reach import activity_reach
from tendik.analytics.views import status_bars
from tendik.core.i18n import current_language, texts_of
from tendik.opendata.exporting import licence
from tendik.opendata.selectors import published_countries, published_indicators
from tendik.opendata.views import Urls
from tendik.plans.models import Indicator, Measure, Plan
from tendik.territories.models import Territory

from .selectors import PUBLIC, public_plans, published_periods
from .small_cells import SMALL, shown

KEPT = 24 * 3600  # seconds; an entry is only ever replaced by a newer fingerprint
FORMATS = ("csv", "json", "xlsx", "xml")
# Hits and misses of the page cache since the process started: the benchmark reports them.
STATS = {"hits": 0, "misses": 0}


def cached(page: str, version: str, build):
    """The page's data from the cache, or built and kept, per fingerprint and language."""
    key = "portal:" + hashlib.blake2s(f"{page}|{version}|{current_language()}".encode(),
                                      digest_size=16).hexdigest()
    data = cache.get(key)
    if data is None:
        STATS["misses"] += 1
        data = build()
        cache.set(key, data, KEPT)
    else:
        STATS["hits"] += 1
    return data


def number(value, controlled: bool = False, unit: str = "") -> str:
    value = shown(value, controlled)
    return value if value == SMALL else charts.format_number(
        None if value is None else float(value), unit)


def downloads(indicator: Indicator) -> list[dict]:
    """The indicator's open-data files (Open SDG CSV, JSON, XLSX, SDMX-ML)."""
    return [{"format": fmt.upper(), "url": Urls.indicator(indicator, fmt)} for fmt in FORMATS]


# ---------------------------------------------------------------- pieces shared by pages

def _progress_chart(figure: dict, title: str) -> str:
    areas = [{**a, "name": f"{a['code']}. {a['title']}"} for a in figure["areas"]]
    totals = figure["totals"]
    return status_bars(title=title, description=_(
        "Всего мероприятий: %(n)s, выполнено: %(done)s.") % {
        "n": totals["measures"], "done": totals["by_status"]["completed"]},
        rows=areas, label_key="name")


def _reach(basis: Basis) -> dict:
    by_kind = activity_reach(basis, group_by="kind")
    return {"totals": by_kind["totals"], "kinds": by_kind["groups"],
            "audiences": activity_reach(basis, group_by="audience")["groups"]}


def _indicator_rows(basis: Basis, published: set[int]) -> list[dict]:
    """The plan's indicators with their latest public value (small cells hidden)."""
    controlled = set(Indicator.objects.filter(
        disclosure_control=True, measures__plan=basis.plan).values_list("pk", flat=True))
    return [{**row, "public": row["id"] in published,
             "latest_text": number(row["latest"], row["id"] in controlled),
             "target_text": number(row["target"])}
            for row in indicator_statuses(basis)]


def _plan_summary(plan: Plan, published: set[int]) -> dict:
    basis = Basis(user=PUBLIC, plan=plan)
    figure = plan_progress(basis)
    return {"id": plan.pk, "texts": texts_of(plan, "title"), "kind": plan.get_kind_display(),
            "start": plan.period_start, "end": plan.period_end, "progress": figure,
            "chart": _progress_chart(figure, _("Статус мероприятий по приоритетным направлениям")),
            "reach": _reach(basis),
            "indicators": [row for row in _indicator_rows(basis, published) if row["public"]]}


def country_choice(country: Territory) -> dict:
    return {"code": country.code, "texts": texts_of(country, "name")}


# ---------------------------------------------------------------- the home page

def home_page(country: Territory | None) -> dict:
    countries = [country_choice(c) for c in published_countries()]
    if country is None:
        return {"country": None, "countries": countries, "plans": []}
    indicators = list(published_indicators(country))
    plans = [_plan_summary(plan, {i.pk for i in indicators}) for plan in public_plans(country)]
    in_plans = {row["id"] for plan in plans for row in plan["indicators"]}
    return {"country": country_choice(country), "countries": countries, "plans": plans,
            # Official statistics of indicators no published plan reports (imported ones).
            "other_indicators": [{"id": i.pk, "code": i.code, "texts": texts_of(i, "name")}
                                 for i in indicators if i.pk not in in_plans],
            "archive_url": Urls.archive(country), "catalogue_url": reverse("opendata:catalogue")}


# ---------------------------------------------------------------- a plan

def _structure(plan: Plan, statuses: dict[int, str]) -> list[dict]:
    """Areas → objectives → measures, each measure with its latest published status."""
    measures = Measure.objects.filter(plan=plan).select_related("objective__area").order_by(
        "objective__area__position", "objective__position", "position")
    areas: dict[int, dict] = {}
    objectives: dict[int, dict] = defaultdict(dict)
    for measure in measures:
        objective, area = measure.objective, measure.objective.area
        area_row = areas.setdefault(area.pk, {"code": area.code, "texts": texts_of(area, "title"),
                                              "objectives": []})
        if objective.pk not in objectives[area.pk]:
            objectives[area.pk][objective.pk] = {"code": objective.code,
                                                 "texts": texts_of(objective, "title"),
                                                 "measures": []}
            area_row["objectives"].append(objectives[area.pk][objective.pk])
        status = statuses.get(measure.pk, "no_report")
        objectives[area.pk][objective.pk]["measures"].append({
            "code": measure.code, "texts": texts_of(measure, "title"), "status": status,
            "status_label": status_label(status), "deadline": measure.deadline_label})
    return list(areas.values())


def plan_page(plan: Plan) -> dict:
    basis = Basis(user=PUBLIC, plan=plan)
    published = set(published_indicators(plan.country).values_list("pk", flat=True))
    summary = _plan_summary(plan, published)
    trend = summary["progress"]["trend"]
    periods = [{"label": period_label(p.kind, p.start, p.end), "start": p.start, "end": p.end,
                "published_at": p.published_at} for p in published_periods(plan)]
    return {**summary, "country": country_choice(plan.country),
            "structure": _structure(plan, latest_statuses(basis)[0]), "periods": periods,
            "trend_chart": status_bars(
                title=_("Статус мероприятий на конец каждого периода"),
                description=_("Последний известный статус мероприятий после каждого "
                              "опубликованного периода."),
                rows=trend, label_key="label", horizontal=False) if trend else "",
            "indicators": _indicator_rows(basis, published)}


# ---------------------------------------------------------------- the open-data page

def open_data_page() -> dict:
    """Every published indicator per country, with its files; the catalogue and the ZIP."""
    by_country: dict[int, dict] = {}
    for indicator in published_indicators():
        country = by_country.setdefault(indicator.country_id, {
            **country_choice(indicator.country), "indicators": [],
            "archive_url": Urls.archive(indicator.country)})
        country["indicators"].append({"id": indicator.pk, "code": indicator.code,
                                      "texts": texts_of(indicator, "name"),
                                      "downloads": downloads(indicator)})
    return {"countries": list(by_country.values()), "catalogue_url": reverse("opendata:catalogue"),
            "licence": licence()}
