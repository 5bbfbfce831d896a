"""Which data a figure counts, and over which dates: the one place every figure starts from.

Accepted reports count by default. Coordinators (and admins) may add reports under review
(submitted, resubmitted); drafts and returned reports never count. Every figure carries its
basis, so a reader sees "12 accepted reports of 50".
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.permissions import Role, has_role, is_manager, user_roles
from tendik.plans.models import Plan
from tendik.plans.selectors import plans_visible_to
from tendik.reporting.models import Report, ReportingPeriod, ReportState
from tendik.reporting.selectors import periods_visible_to, reports_visible_to

ACCEPTED = (ReportState.ACCEPTED,)
UNDER_REVIEW = (ReportState.SUBMITTED, ReportState.RESUBMITTED)


@dataclass(frozen=True)
class Basis:
    """The user, the plan (or none: the user's whole scope), the states and the date range."""

    user: object
    plan: Plan | None = None
    states: tuple[str, ...] = ACCEPTED
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def includes_submitted(self) -> bool:
        return ReportState.SUBMITTED in self.states


def counted_states(user, include: str | None) -> tuple[str, ...]:
    """Accepted; plus reports under review when a coordinator asks (`include=submitted`)."""
    if include in (None, ""):
        return ACCEPTED
    if include != "submitted":
        raise DomainError(_("Параметр include принимает только значение submitted"),
                          errors=[{"field": "include", "message": _("допустимо: submitted")}])
    return ACCEPTED + UNDER_REVIEW if is_manager(user) else ACCEPTED


def _bound(user, raw: str | None, name: str, end: bool) -> datetime.date | None:
    """A period id (its start or end), or an ISO date, year-month or year.

    Four digits are a year. A period id that looks like one is out of reach in practice: a
    country opens a handful of periods a year, so ids stay far below 1900."""
    if raw in (None, ""):
        return None
    raw = str(raw).strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses (a 500, not a 400).
    if raw.isdecimal() and len(raw) != 4:
        period = periods_visible_to(user).filter(pk=int(raw)).first()
        if period is None:
            raise DomainError(_("Период %(id)s не найден") % {"id": raw},
                              errors=[{"field": name, "message": _("нет такого периода")}])
        return period.end if end else period.start
    try:
        parts = [int(p) for p in raw.split("-")]
        if len(parts) == 1:
            return datetime.date(parts[0], 12, 31) if end else datetime.date(parts[0], 1, 1)
        if len(parts) == 2:
            first = datetime.date(parts[0], parts[1], 1)
            if not end:
                return first
            return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return datetime.date(*parts)
    except (ValueError, TypeError, OverflowError):
        raise DomainError(_("«%(value)s» — не период и не дата (ГГГГ-ММ-ДД)") % {"value": raw},
                          errors=[{"field": name, "message": _("ожидается период или дата")}],
                          ) from None


def date_range(user, period_from, period_to) -> tuple[datetime.date | None, datetime.date | None]:
    """The range the reader asked for; a start after the end is refused (400)."""
    start, end = _bound(user, period_from, "period_from", False), _bound(
        user, period_to, "period_to", True)
    if start and end and start > end:
        raise DomainError(_("Начало периода позже его конца"), errors=[
            {"field": "period_from", "message": _("должно быть не позже конца периода")}])
    return start, end


def visible_one(queryset: QuerySet, raw, *, field: str, missing: str, not_found: str):
    """The row of id `raw` in a scoped queryset: a 400 naming `field` when `raw` is no id, a 404
    when the row does not exist or lies outside the scope (never a hint that it exists)."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise DomainError(missing, errors=[
            {"field": field, "message": _("обязательный параметр")}]) from None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise DomainError(not_found, code="not_found")
    return found


def visible_plan(user, plan_id) -> Plan:
    return visible_one(plans_visible_to(user), plan_id, field="plan", missing=_("Укажите план"),
                       not_found=_("План не найден"))


def basis_for(user, *, plan_id=None, period_from=None, period_to=None, include=None,
              require_plan: bool = True) -> Basis:
    """Read the common parameters of every figure, checking each one against the user's scope."""
    plan = visible_plan(user, plan_id) if require_plan or plan_id not in (None, "") else None
    start, end = date_range(user, period_from, period_to)
    return Basis(user=user, plan=plan, states=counted_states(user, include),
                 date_from=start, date_to=end)


def in_range(rows: QuerySet, basis: Basis, *, via: str = "") -> QuerySet:
    """Rows of the basis's plan and period range; `via` is the path to the period from a
    report ("period__"), from an activity ("report__period__") or none for periods."""
    owner = via.removesuffix("period__") if via else ""
    if basis.plan is not None:
        rows = rows.filter(**{f"{owner}plan": basis.plan})
    if basis.date_from:
        rows = rows.filter(**{f"{via}start__gte": basis.date_from})
    if basis.date_to:
        rows = rows.filter(**{f"{via}end__lte": basis.date_to})
    return rows


def reports_in_scope(basis: Basis) -> QuerySet[Report]:
    """Every report the user may see in the range, whatever its state (the "of 50")."""
    return in_range(reports_visible_to(basis.user), basis, via="period__")


def counted_reports(basis: Basis) -> QuerySet[Report]:
    """The reports a figure counts: visible, in range, in a counted state."""
    return reports_in_scope(basis).filter(state__in=basis.states)


def periods_in_scope(basis: Basis) -> QuerySet[ReportingPeriod]:
    return in_range(periods_visible_to(basis.user), basis)


def measure_scope(user) -> Q:
    """Which measures a user's figures cover. Coordinators and observers see the whole plan;
    focal points, partners and committees see the measures their organisation is named in,
    because only those organisations' reports are theirs to read."""
    if not user.is_authenticated or is_manager(user) or has_role(user, Role.OBSERVER):
        return Q()  # the public reads whole published plans
    org = user.organisation_id
    return Q(lead_executor_id=org) | Q(co_executors__id=org) | Q(partners__id=org)


def based_on(basis: Basis) -> dict:
    """What a figure counts, in one query: `{"accepted": 12, "under_review": 0, "reports": 50}`.

    `reports` is every report of the range the user may see, drafts included: the reports that
    were due. `under_review` is counted only when the figure includes them."""
    counts = reports_in_scope(basis).order_by().aggregate(
        reports=Count("pk"), accepted=Count("pk", filter=Q(state__in=ACCEPTED)),
        under_review=Count("pk", filter=Q(state__in=UNDER_REVIEW)))
    if not basis.includes_submitted:
        counts["under_review"] = 0
    return counts


def data_version(basis: Basis) -> str:
    """A fingerprint of the reports a figure counts, in one indexed query.

    Counted reports cannot change while they count: an accepted or submitted report is locked,
    and reopening or returning it changes its state (it leaves the set) and its
    `last_activity_at`. So a figure computed from them may be kept under this fingerprint and is
    still live: the next acceptance, return or reopening changes the fingerprint. The user's
    scope is part of it, so two readers never share an entry they could not both compute."""
    counted = counted_reports(basis).order_by().aggregate(
        n=Count("pk"), last=Max("last_activity_at"), ids=Sum("pk"))
    user = basis.user
    scope = (getattr(user, "country_id", None), getattr(user, "organisation_id", None),
             sorted(user_roles(user)))
    return repr((scope, basis.plan.pk if basis.plan else None, basis.states, basis.date_from,
                 basis.date_to, counted["n"], counted["last"], counted["ids"]))

