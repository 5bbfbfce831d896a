"""Reads of projects, scoped to the reader.

Admins read every project; coordinators and observers their country's; the people of an
organisation (focal points, partners, committees) the projects their organisation is a partner
of, in their country. Everybody else reads none."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from tendik.core.i18n import CONTENT_LANGUAGES, localized
from tendik.core.permissions import Role, has_role, is_installation_admin
from tendik.organisations.models import Organisation
from tendik.organisations.selectors import organisations_visible_to
from tendik.plans.models import FrameworkItem, FundingSource, Measure
from tendik.reporting.models import Activity
from tendik.reporting.selectors import activities_visible_to, named_in
from tendik.territories.models import Territory

from ..models import Disbursement, PartnerRole, Project, ProjectBudgetLine, ProjectPartner

MEMBER_ROLES = (Role.FOCAL_POINT, Role.PARTNER, Role.COMMITTEE)
ACTIVITIES_SHOWN = 50
# What a list row shows of each link: ids of measures and frameworks, codes of territories.
LINK_KEYS = {"measures": "measure_id", "territories": "territory__code",
             "frameworks": "frameworkitem_id"}


def _scope(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if is_installation_admin(user):
        return Q()
    scope = Q(pk__in=[])
    if has_role(user, Role.COORDINATOR, Role.OBSERVER):
        scope |= Q(country_id=user.country_id)
    if has_role(user, *MEMBER_ROLES) and user.organisation_id:
        own = ProjectPartner.objects.filter(organisation_id=user.organisation_id)
        scope |= Q(country_id=user.country_id, pk__in=own.values("project_id"))
    return scope


def projects_visible_to(user) -> QuerySet[Project]:
    scope = _scope(user)
    projects = Project.objects.select_related("country")
    return projects.none() if scope is None else projects.filter(scope)


def may_create_projects(user) -> bool:
    """Managers, and partners for their own organisation's projects."""
    return user.is_authenticated and (
        has_role(user, Role.ADMIN, Role.COORDINATOR)
        or (has_role(user, Role.PARTNER) and bool(user.organisation_id)))


def project_writable(user, project: Project) -> bool:
    """Admins; the coordinator of the project's country; a partner user whose organisation is
    one of the project's partners. Reading is decided by `projects_visible_to`."""
    if not user.is_authenticated:
        return False
    if is_installation_admin(user):
        return True
    if has_role(user, Role.COORDINATOR) and project.country_id == user.country_id:
        return True
    return (has_role(user, Role.PARTNER) and bool(user.organisation_id)
            and project.country_id == user.country_id
            and project.partners.filter(organisation_id=user.organisation_id).exists())


def project_prefetches() -> list:
    """What the project page shows, in one query per relation."""
    return [
        Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation")),
        Prefetch("budget", queryset=ProjectBudgetLine.objects.order_by("year", "id")),
        Prefetch("disbursements", queryset=Disbursement.objects.only(
            "id", "project_id", "amount", "currency").order_by()),
        Prefetch("measures", queryset=Measure.objects.only("id", "code", "plan_id")),
        Prefetch("territories", queryset=Territory.objects.only(
            "id", "code", *(f"name_{code}" for code in ("ru", "ky", "kk", "en")))),
        Prefetch("frameworks", queryset=FrameworkItem.objects.order_by("kind", "id")),
    ]


def project_list(user) -> QuerySet[Project]:
    """The list's rows (page and API): call `with_rows` on the page to fill them in."""
    return projects_visible_to(user)


def project_get(user, pk) -> Project | None:
    """One project in the reader's scope, with what its page shows; None outside it."""
    if not str(pk).isdecimal():
        return None
    return projects_visible_to(user).prefetch_related(*project_prefetches()).filter(pk=pk).first()


@dataclass(frozen=True)
class PartnerRow:
    organisation: int
    organisation_name: str
    role: str

    @property
    def role_label(self) -> str:
        return PartnerRole(self.role).label


@dataclass(frozen=True)
class BudgetRow:
    year: int
    amount: Decimal
    currency: str
    source: str
    funder: int | None
    measure: int | None


def with_totals(projects) -> list[Project]:
    """Fill a page of projects with their partners and their planned and disbursed totals per
    currency (summed in SQL): what a row of the list page shows, in three queries."""
    projects = list(projects)
    ids = [project.pk for project in projects]
    partners = defaultdict(list)
    names = [f"organisation__name_{code}" for code in CONTENT_LANGUAGES]
    for row in ProjectPartner.objects.filter(project_id__in=ids).order_by(
            "project_id", "role", "id").values("project_id", "organisation_id", "role", *names):
        name = localized({key.split("__")[1]: row[key] for key in names}, "name").text
        partners[row["project_id"]].append(PartnerRow(row["organisation_id"], name, row["role"]))
    planned_sums, paid_sums = _sums(ProjectBudgetLine, ids), _sums(Disbursement, ids)
    for project in projects:
        project.partner_rows = partners[project.pk]
        project.planned_totals = planned_sums[project.pk]
        project.disbursed_totals = paid_sums[project.pk]
    return projects


def _sums(model, ids: list[int]) -> dict:
    """project id → [{"currency", "amount"}], one total per currency, ordered by currency."""
    found = defaultdict(list)
    for row in model.objects.filter(project_id__in=ids).values("project_id", "currency").annotate(
            amount=Sum("amount")).order_by("project_id", "currency"):
        found[row["project_id"]].append({"currency": row["currency"], "amount": row["amount"]})
    return found


def with_rows(projects) -> list[Project]:
    """`with_totals`, and every budget line and link as plain rows (the API item): one query
    per relation whatever the page's size, and no model built per budget line."""
    projects = with_totals(projects)
    ids = [project.pk for project in projects]
    budget = defaultdict(list)
    for row in ProjectBudgetLine.objects.filter(project_id__in=ids).order_by(
            "project_id", "year", "id").values_list("project_id", "year", "amount", "currency",
                                                    "source", "funder_id", "measure_id"):
        budget[row[0]].append(BudgetRow(*row[1:]))
    links = {name: _link_keys(name, column, ids) for name, column in LINK_KEYS.items()}
    for project in projects:
        project.budget_rows = budget[project.pk]
        for name, by_project in links.items():
            setattr(project, f"{name}_keys", by_project[project.pk])
    return projects


def _link_keys(name: str, column: str, ids: list[int]) -> dict:
    through = getattr(Project, name).through.objects.filter(project_id__in=ids)
    found = defaultdict(list)
    for project_id, key in through.order_by(column).values_list("project_id", column):
        found[project_id].append(key)
    return found


def totals_by_currency(rows) -> list[dict]:
    """Sums per currency, never mixed: [{"currency", "amount"}] ordered by currency."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        sums[row.currency] += row.amount
    return [{"currency": code, "amount": sums[code]} for code in sorted(sums)]


def planned(project: Project) -> list[dict]:
    return totals_by_currency(project.budget.all())


def disbursed(project: Project) -> list[dict]:
    return totals_by_currency(project.disbursements.all())


def planned_against_disbursed(project: Project) -> list[dict]:
    """Per currency: planned, disbursed, and what is left or how far beyond the budget."""
    plan = {row["currency"]: row["amount"] for row in planned(project)}
    paid = {row["currency"]: row["amount"] for row in disbursed(project)}
    rows = []
    for code in sorted(plan.keys() | paid.keys()):
        left = plan.get(code, Decimal(0)) - paid.get(code, Decimal(0))
        rows.append({"currency": code, "planned": plan.get(code, Decimal(0)),
                     "disbursed": paid.get(code, Decimal(0)), "left": max(left, Decimal(0)),
                     "over": max(-left, Decimal(0))})
    return rows


def budget_table(project: Project) -> dict:
    """The budget by year × source: {"sources": [(code, label)], "rows": [{"year", "cells"}]};
    a cell lists one total per currency."""
    cells: dict = defaultdict(lambda: defaultdict(list))
    for line in project.budget.all():
        cells[line.year][line.source].append(line)
    used = [(code, label) for code, label in FundingSource.choices
            if any(code in by_source for by_source in cells.values())]
    rows = [{"year": year, "cells": [totals_by_currency(cells[year][code]) for code, _l in used]}
            for year in sorted(cells)]
    return {"sources": used, "rows": rows}


def project_disbursements(project: Project) -> list[Disbursement]:
    return list(Disbursement.objects.filter(project=project).select_related("funder")
                .order_by("-date", "-id"))


def project_activities(user, project: Project) -> list[Activity]:
    """What the project's partners reported: activities the reader may read that name one of the
    partners as organiser or partner, within the project's period; those supporting the project's
    measures first, then the newest. Bounded: a long programme lists its latest ones."""
    organisations = [partner.organisation_id for partner in project.partners.all()]
    if not organisations:
        return []
    named = reduce(or_, (named_in(organisation) for organisation in organisations))
    measures = [measure.pk for measure in project.measures.all()]
    linked = Activity.measures.through.objects.filter(activity_id=OuterRef("pk"),
                                                      measure_id__in=measures)
    return list(activities_visible_to(user).filter(
        named, start__lte=project.period_end, end__gte=project.period_start,
    ).annotate(on_measure=Exists(linked)).select_related("report__plan").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.only("id", "code", "plan_id")))
        .order_by("-on_measure", "-start", "-id")[:ACTIVITIES_SHOWN])


def partner_organisations(user, country=None) -> QuerySet[Organisation]:
    """The organisations a project may name: the country's and the international ones."""
    organisations = organisations_visible_to(user)
    if country is not None:
        organisations = organisations.filter(Q(country=country) | Q(country__isnull=True))
    return organisations.order_by("name_ru", "id")
