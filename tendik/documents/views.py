"""Pages: the documents list and search, adding a document, and the review of its facts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.forms import attach_errors
from tendik.core.http import paginate, query_without_page, render_list

from . import review, services
from .filters import DocumentFilterSet
from .forms import DocumentForm, EventAcceptForm, FactDecisionForm
from .highlight import highlighted
from .models import Document, FactKind
from .pages import event_choices, event_initial, fact_groups
from .selectors import (
    document_facts,
    documents_visible_to,
    facts_visible_to,
    may_add_documents,
)


def _document_or_404(request, pk: int) -> Document:
    document = documents_visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


@login_required
@require_GET
def document_list_view(request):
    filterset, documents = filter_list(DocumentFilterSet, request, documents_visible_to(request.user))
    return render_list(request, "documents/list.html", "documents/_results.html", {
        "form": filterset.form, "page": paginate(request, documents),
        "query": query_without_page(request), "may_add": may_add_documents(request.user),
        "search_words": request.GET.get("q", "") if filterset.is_valid() else ""})


@login_required
@require_http_methods(["GET", "POST"])
def document_add_view(request):
    if not may_add_documents(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = DocumentForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            document = services.document_create(
                actor=request.user, upload=data["file"], text=data["text"], title=data["title"],
                source_url=data["source_url"], published=data["published"])
        except DomainError as exc:
            attach_errors(form, exc)
        else:
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/add.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def document_detail_view(request, pk: int):
    document = _document_or_404(request, pk)
    facts = document_facts(document)
    return render(request, "documents/detail.html", {
        "document": document, "text": highlighted(document.text, facts),
        "groups": fact_groups(facts), "may_review": may_add_documents(request.user),
        "working": document.state in ("queued", "running")})


@login_required
@require_GET
def document_status_view(request, pk: int):
    """Polled while the facts are being read; the page reloads itself once they are."""
    document = _document_or_404(request, pk)
    return render(request, "documents/_status.html", {
        "document": document, "working": document.state in ("queued", "running"),
        "just_finished": document.state == "done"})


@login_required
@require_POST
def document_extract_view(request, pk: int):
    document = _document_or_404(request, pk)
    try:
        services.document_extract_request(actor=request.user, document=document)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        raise
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_GET
def document_file_view(request, pk: int):
    """The original file, always as a download: an uploaded HTML page is never rendered here."""
    document = _document_or_404(request, pk)
    if not document.file:
        raise Http404
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.original_name or f"document.{document.kind}",
                            content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _fact_or_404(request, pk: int):
    fact = facts_visible_to(request.user).filter(pk=pk).first()
    if fact is None:
        raise Http404
    return fact


@login_required
@require_POST
def fact_decide_view(request, pk: int):
    fact = _fact_or_404(request, pk)
    form = FactDecisionForm(request.POST)
    error = ""
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()
                if k not in ("decision", "version", "organisation", "territory") and v not in (None, "")}
        try:
            fact = review.fact_decide(
                actor=request.user, fact_id=fact.pk, version=form.cleaned_data["version"],
                decision=form.cleaned_data["decision"], data=data,
                organisation_id=form.cleaned_data["organisation"],
                territory_id=form.cleaned_data["territory"])
        except DomainError as exc:
            if exc.code in ("forbidden",):
                raise PermissionDenied from exc
            error = str(exc)
    else:
        error = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(reverse("documents:detail", args=[fact.document_id]) + f"#fact-{fact.pk}")
    fact = _fact_or_404(request, pk)
    return render(request, "documents/_fact.html", {
        "fact": fact_groups([fact])[0]["facts"][0], "may_review": True, "error": error},
        status=200 if not error else 400)


@login_required
@require_http_methods(["GET", "POST"])
def fact_event_view(request, pk: int):
    """Accept an event: its activity, prefilled from the facts, goes into a draft report."""
    fact = _fact_or_404(request, pk)
    if fact.kind != FactKind.EVENT:
        raise Http404
    if not may_add_documents(request.user):
        raise PermissionDenied
    choices = event_choices(request.user, fact)
    form = EventAcceptForm(request.POST if request.method == "POST" else None,
                          initial=event_initial(fact), **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review.fact_event_accept(
                actor=request.user, fact_id=fact.pk, version=data["version"], report_id=data["report"],
                measure_id=data["measure"], kind=data["kind"], title=data["title"],
                start=data["start"], end=data["end"], territory_id=data["territory"],
                venue=data["venue"], participants_women=data["participants_women"],
                participants_men=data["participants_men"],
                participants_total=data["participants_total"],
                organisers=fact.found.get("organisation_ids") or [])
        except DomainError as exc:
            attach_errors(form, exc)
        else:
            return redirect(reverse("documents:detail", args=[fact.document_id]) + f"#fact-{fact.pk}")
    return render(request, "documents/event.html", {
        "fact": fact, "form": form, "sentence": fact.text, "has_reports": bool(choices["reports"])},
        status=400 if form.errors else 200)
