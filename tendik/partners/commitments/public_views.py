"""The public page «Обязательства и их выполнение»: published commitments only, no login.

Like every portal page it answers GET and HEAD only; an unpublished commitment is a 404 here
whoever asks, since the scope is `commitments_published()`, never the reader's own."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tendik.core.filters import filter_list
from tendik.core.http import paginate, query_without_page

from .filters import CommitmentFilterSet
from .pages import commitment_page
from .selectors import commitments_published, published_progress, with_details
from .views import evidence_response


@require_safe
def public_list_view(request):
    rows = with_details(commitments_published()).order_by("country__code", "target_date", "id")
    filterset, rows = filter_list(CommitmentFilterSet, request, rows)
    filterset.form.fields.pop("published", None)  # everything here is published
    return render(request, "partners/commitments/public_list.html", {
        "form": filterset.form, "page": paginate(request, rows),
        "query": query_without_page(request)})


@require_safe
def public_detail_view(request, pk: int):
    commitment = with_details(commitments_published()).filter(pk=pk).first()
    if commitment is None:
        raise Http404
    return render(request, "partners/commitments/public_detail.html", commitment_page(commitment))


@require_safe
def public_evidence_view(request, pk: int):
    progress = published_progress().filter(pk=pk).first()
    if progress is None:
        raise Http404
    return evidence_response(progress)
