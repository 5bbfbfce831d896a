"""The money of a plan as SQL sums it, in the currencies it was given in.

Each sum already names the measure and the partner it belongs to, so the rows grow with
measures, partners, currencies and payment days, not with projects or lines. The attribution (a
project's only measure in the plan, a project's only donor) is joined from two grouped derived
tables: the same rule as correlated subqueries, but read once per query instead of once per line
(at 20,000 lines: 45 → 10 ms on SQLite, benchmarks/bench_funding.py). Plain SQL because the ORM
cannot join a grouped derived table; it runs unchanged on SQLite and PostgreSQL.
"""

import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Sum

from tendik.partners.models import (
    Disbursement,
    PartnerRole,
    Project,
    ProjectBudgetLine,
    ProjectPartner,
    ProjectStatus,
)
from tendik.plans.models import BudgetLine, Measure, Plan

_TABLES = {
    "links": Project.measures.through._meta.db_table,
    "measure": Measure._meta.db_table,
    "partner": ProjectPartner._meta.db_table,
    "project": Project._meta.db_table,
    "line": ProjectBudgetLine._meta.db_table,
    "paid": Disbursement._meta.db_table,
}

# A project counts for a plan when it is linked to one of the plan's measures (`links`); its
# money belongs to that measure only when it has exactly one there, to its donor only when it
# has exactly one.
_ATTRIBUTION = """
WITH links AS (
  SELECT pm.project_id AS project_id, COUNT(*) AS n, MIN(pm.measure_id) AS only_measure
  FROM {links} pm JOIN {measure} m ON m.id = pm.measure_id
  WHERE m.plan_id = %(plan)s
  GROUP BY pm.project_id),
donors AS (
  SELECT project_id, MIN(organisation_id) AS only_donor FROM {partner}
  WHERE role = %(donor)s GROUP BY project_id HAVING COUNT(*) = 1)
"""

_LINES = _ATTRIBUTION + """
SELECT COALESCE(l.measure_id, CASE WHEN links.n = 1 THEN links.only_measure END),
       COALESCE(l.funder_id, donors.only_donor), l.source, l.currency, SUM(l.amount)
FROM {line} l
JOIN links ON links.project_id = l.project_id
JOIN {project} p ON p.id = l.project_id
LEFT JOIN donors ON donors.project_id = l.project_id
LEFT JOIN {measure} lm ON lm.id = l.measure_id
WHERE p.country_id = %(country)s AND p.status <> %(cancelled)s
  AND l.year BETWEEN %(first_year)s AND %(last_year)s
  AND (l.measure_id IS NULL OR lm.plan_id = %(plan)s)
GROUP BY 1, 2, 3, 4
"""

# The plan's measures that a project with counted money covers.
_COVERED = (  # noqa: S608 — table names from model meta; every value is a parameter
    """
SELECT DISTINCT pm.measure_id
FROM {links} pm JOIN {measure} m ON m.id = pm.measure_id
JOIN {project} p ON p.id = pm.project_id
WHERE m.plan_id = %(plan)s AND p.country_id = %(country)s AND p.status <> %(cancelled)s
  AND EXISTS (SELECT 1 FROM {line} l LEFT JOIN {measure} lm ON lm.id = l.measure_id
              WHERE l.project_id = pm.project_id
                AND l.year BETWEEN %(first_year)s AND %(last_year)s
                AND (l.measure_id IS NULL OR lm.plan_id = %(plan)s))
""")

# Payments count whatever the project's status: the money was spent.
_PAID = _ATTRIBUTION + """
SELECT CASE WHEN links.n = 1 THEN links.only_measure END,
       COALESCE(d.funder_id, donors.only_donor), d.currency, d.date, SUM(d.amount)
FROM {paid} d
JOIN links ON links.project_id = d.project_id
JOIN {project} p ON p.id = d.project_id
LEFT JOIN donors ON donors.project_id = d.project_id
WHERE p.country_id = %(country)s AND d.date BETWEEN %(start)s AND %(end)s
GROUP BY 1, 2, 3, 4
"""


def _decimal(value) -> Decimal:
    """SQLite sums decimals as floats; PostgreSQL as numerics. Cents either way."""
    return value if isinstance(value, Decimal) else Decimal(str(value)).quantize(Decimal("0.01"))


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


class PlanSums:
    """`own` (the plan's measure lines), `lines` (project lines), `covered` (measure ids) and
    `paid` (payments by day), as lists of dicts."""

    def __init__(self, plan: Plan):
        params = {"plan": plan.pk, "country": plan.country_id, "donor": PartnerRole.DONOR,
                  "cancelled": ProjectStatus.CANCELLED, "first_year": plan.period_start.year,
                  "last_year": plan.period_end.year, "start": plan.period_start,
                  "end": plan.period_end}
        self.own = list(BudgetLine.objects.filter(measure__plan=plan).values(
            "measure_id", "source", "currency").annotate(total=Sum("amount")).order_by())
        self.lines = [{"measure_to": m, "partner": p, "source": s, "currency": c,
                       "total": _decimal(t)} for m, p, s, c, t in _rows(_LINES, params)]
        self.covered = {row[0] for row in _rows(_COVERED, params)}
        self.paid = [{"measure_to": m, "partner": p, "currency": c, "date": _date(d),
                      "total": _decimal(t)} for m, p, c, d, t in _rows(_PAID, params)]

    def currencies(self) -> set[str]:
        return {row["currency"] for rows in (self.own, self.lines, self.paid) for row in rows
                if row["currency"]}

    def disbursement_dates(self) -> set[datetime.date]:
        return {row["date"] for row in self.paid}


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**_TABLES), params)
        return cursor.fetchall()
