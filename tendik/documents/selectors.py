"""Reads of documents and their facts, scoped to the reader.

A document is read by the people of the organisation that uploaded it and by the coordinators
of that organisation's country; observers and the public never read one."""

from django.db.models import Q, QuerySet

from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager
from tendik.reporting.models import Report
from tendik.reporting.selectors import reports_visible_to
from tendik.reporting.workflow import EDITABLE_REPORTS, WRITABLE_PERIODS

from .models import Document, Fact, FactKind

MEMBER_ROLES = (Role.FOCAL_POINT, Role.PARTNER, Role.COMMITTEE)
# The JSON lists of `extract_document --json`, in that order.
LISTS = {FactKind.EVENT: "events", FactKind.ORGANISATION: "organisations",
         FactKind.PERSON: "people", FactKind.PLACE: "places", FactKind.DATE: "dates",
         FactKind.QUANTITY: "quantities", FactKind.COMMITMENT: "commitments"}


def _scope(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if is_installation_admin(user):
        return Q()
    scope = Q(pk__in=[])
    if is_manager(user):
        scope |= Q(organisation__country_id=user.country_id)
    if has_role(user, *MEMBER_ROLES) and user.organisation_id:
        scope |= Q(organisation_id=user.organisation_id)
    return scope


def documents_visible_to(user) -> QuerySet[Document]:
    scope = _scope(user)
    documents = Document.objects.select_related("organisation", "job")
    return documents.none() if scope is None else documents.filter(scope)


def may_add_documents(user) -> bool:
    return user.is_authenticated and bool(user.organisation_id) and (
        is_manager(user) or has_role(user, *MEMBER_ROLES))


def facts_visible_to(user) -> QuerySet[Fact]:
    return Fact.objects.filter(document__in=documents_visible_to(user)).select_related(
        "document", "organisation", "territory", "measure", "activity", "activity__report")


def document_facts(document: Document) -> list[Fact]:
    return list(document.facts.select_related("organisation", "territory", "measure", "activity")
                .order_by("kind", "ordinal"))


def fact_item(fact: Fact) -> dict:
    """One fact as in `extract_document --json`, with the reviewer's corrections applied."""
    return {**fact.found, **fact.data, "id": fact.pk, "status": fact.status,
            "version": fact.version, "span": [fact.start, fact.end],
            "activity": fact.activity_id}


def facts_document(document: Document, facts: list[Fact] | None = None) -> dict:
    facts = document_facts(document) if facts is None else facts
    lists = {name: [] for name in LISTS.values()}
    for fact in facts:
        lists[LISTS[fact.kind]].append(fact_item(fact))
    return {"id": document.pk, "language": document.language, "supported": document.supported,
            "state": document.state, **lists}


def evidence_reports_for(user) -> QuerySet[Report]:
    """The draft reports an accepted event can go into: the reviewer's organisation's, still open."""
    if not user.is_authenticated or not user.organisation_id:
        return Report.objects.none()
    return reports_visible_to(user).filter(
        organisation_id=user.organisation_id, state__in=EDITABLE_REPORTS,
        period__state__in=WRITABLE_PERIODS).order_by("-period__start", "plan_id")
