"""Reads of commitments, scoped to the reader.

The anonymous reader's scope is the public one: published commitments of every country. Nothing
else reaches a public page, the anonymous API or a public evidence download."""

import pycountry
from django.db.models import Prefetch, Q, QuerySet

from tendik.core.permissions import Role, has_role, is_installation_admin
from tendik.organisations.models import Organisation, OrganisationKind
from tendik.partners.models import Commitment, CommitmentProgress
from tendik.plans.models import FrameworkItem, FrameworkKind
from tendik.plans.selectors import indicators_visible_to, measures_visible_to
from tendik.territories.models import Territory

from .capabilities import is_member

K = OrganisationKind
GOVERNMENT_KINDS = {K.MINISTRY, K.STATE_AGENCY, K.GOVERNMENT, K.PLENIPOTENTIARY, K.LSG,
                    K.PARLIAMENT, K.LAW_ENFORCEMENT}
CSO_KINDS = {K.CSO, K.CRISIS_CENTRE}
# Partners often have no country of their own (a regional office): they may commit anywhere.
PARTNER_KINDS = {K.INTERNATIONAL, K.DONOR, K.PROJECT}


def _scope(user) -> Q:
    if is_installation_admin(user):
        return Q()
    scope = Q(pk__in=[])
    if has_role(user, Role.COORDINATOR, Role.OBSERVER):
        scope |= Q(country_id=user.country_id)
    if is_member(user):
        scope |= Q(country_id=user.country_id) & (
            Q(made_by_id=user.organisation_id) | Q(published=True))
    return scope


def commitments_published() -> QuerySet[Commitment]:
    return Commitment.objects.filter(published=True)


def commitments_visible_to(user) -> QuerySet[Commitment]:
    if user is None or not user.is_authenticated:
        return commitments_published()
    return Commitment.objects.filter(_scope(user))


def with_details(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """What a list or a page shows of each, in a fixed number of queries whatever the rows."""
    return commitments.select_related("country", "made_by", "cedaw_item").prefetch_related(
        Prefetch("progress", queryset=CommitmentProgress.objects.order_by("-year")),
        "measures", "indicators")


def progress_visible_to(user) -> QuerySet[CommitmentProgress]:
    return CommitmentProgress.objects.filter(commitment__in=commitments_visible_to(user))


def published_progress() -> QuerySet[CommitmentProgress]:
    return CommitmentProgress.objects.filter(commitment__published=True)


def latest_progress(commitment: Commitment) -> CommitmentProgress | None:
    """The latest year's account (the progress prefetched by `with_details`, newest first)."""
    rows = list(commitment.progress.all())
    return max(rows, key=lambda row: row.year) if rows else None


def makers_for(country) -> QuerySet[Organisation]:
    """Who may make a commitment in `country`: its government bodies and CSOs, and partners."""
    return Organisation.objects.filter(
        Q(country=country, kind__in=GOVERNMENT_KINDS | CSO_KINDS | PARTNER_KINDS)
        | Q(country__isnull=True, kind__in=PARTNER_KINDS)).order_by("name_ru")


def cedaw_items(country) -> QuerySet[FrameworkItem]:
    """The Convention's articles, and the Committee's concluding observations to `country`
    (their codes start with its ISO 3166 alpha-3 code: «KGZ-2021-GBV»)."""
    found = pycountry.countries.get(alpha_2=country.country_code or country.code)
    prefix = f"{found.alpha_3}-" if found else "-"
    return FrameworkItem.objects.filter(
        Q(kind=FrameworkKind.CEDAW_ARTICLE)
        | Q(kind=FrameworkKind.CEDAW_CO, code__startswith=prefix)).order_by("kind", "code")


def countries_for(user) -> QuerySet[Territory]:
    countries = Territory.objects.filter(level="country").order_by("code")
    if user is None or is_installation_admin(user):
        return countries
    return countries.filter(pk=user.country_id)


def measures_for(user, country):
    return measures_visible_to(user).filter(plan__country=country).order_by("plan_id", "code")


def indicators_for(user, country):
    return indicators_visible_to(user).filter(country=country).order_by("code")


def makers_with_commitments(user) -> QuerySet[Organisation]:
    """The organisations a reader may filter by: those behind the commitments they can see."""
    return Organisation.objects.filter(
        pk__in=commitments_visible_to(user).values("made_by_id")).order_by("name_ru")
