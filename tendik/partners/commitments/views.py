"""Pages: the commitments list, adding and editing one, its page with the yearly progress, and
the evidence files. Every rule is the services'; a refused form comes back with what was typed."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.forms import attach_errors
from tendik.core.http import paginate, query_without_page, render_list

from . import services
from .capabilities import commitment_capabilities, may_create_commitments
from .filters import CommitmentFilterSet
from .forms import CommitmentForm, ProgressForm
from .pages import commitment_initial, commitment_page, progress_forms
from .selectors import commitments_visible_to, countries_for, progress_visible_to, with_details


def _refused(exc: DomainError) -> None:
    """A refusal that is no form error: 403 or 404, as the API answers."""
    if exc.code == "forbidden":
        raise PermissionDenied from exc
    if exc.code == "not_found" and not exc.errors:
        raise Http404 from exc


def commitment_or_404(user, pk: int):
    commitment = with_details(commitments_visible_to(user)).filter(pk=pk).first()
    if commitment is None:
        raise Http404
    return commitment


@login_required
@require_GET
def commitment_list_view(request):
    filterset, rows = filter_list(CommitmentFilterSet, request,
                                  with_details(commitments_visible_to(request.user)))
    return render_list(request, "partners/commitments/list.html",
                       "partners/commitments/_results.html", {
                           "form": filterset.form, "page": paginate(request, rows),
                           "query": query_without_page(request),
                           "may_add": may_create_commitments(request.user)})


def _form_country(request):
    """The country whose organisations, measures and indicators the form offers."""
    chosen = request.POST.get("country") or request.GET.get("country")
    countries = countries_for(request.user)
    return (countries.filter(pk=chosen).first() if str(chosen or "").isdecimal() else None) \
        or countries.filter(pk=request.user.country_id).first() or countries.first()


@login_required
@require_http_methods(["GET", "POST"])
def commitment_add_view(request):
    if not may_create_commitments(request.user):
        raise PermissionDenied
    country = _form_country(request)
    posted = request.method == "POST"
    form = CommitmentForm(request.POST if posted else None, user=request.user, country=country,
                          initial={"country": country, "status": "planned"})
    if posted and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            commitment = services.commitment_create(
                actor=request.user, country=data.pop("country"),
                made_by=data.pop("made_by", None), **data)
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            return redirect("commitments:detail", pk=commitment.pk)
    return render(request, "partners/commitments/form.html", {"form": form, "commitment": None},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit_view(request, pk: int):
    commitment = commitment_or_404(request.user, pk)
    if not commitment_capabilities(request.user, commitment).edit:
        raise PermissionDenied
    posted = request.method == "POST"
    form = CommitmentForm(request.POST if posted else None, user=request.user,
                          country=commitment.country, initial=commitment_initial(commitment))
    if posted and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("country", "version")}
        try:
            services.commitment_update(actor=request.user, commitment=commitment,
                                       version=form.cleaned_data["version"], data=data)
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            return redirect("commitments:detail", pk=commitment.pk)
    return render(request, "partners/commitments/form.html",
                  {"form": form, "commitment": commitment}, status=400 if form.errors else 200)


def _detail(request, commitment, new_form=None, status: int = 200):
    caps = commitment_capabilities(request.user, commitment)
    return render(request, "partners/commitments/detail.html", {
        **commitment_page(commitment), "caps": caps,
        "forms": progress_forms(commitment) if caps.progress else [],
        "new_form": new_form or (ProgressForm(auto_id="id_new_%s") if caps.progress else None)},
        status=status)


@login_required
@require_GET
def commitment_detail_view(request, pk: int):
    return _detail(request, commitment_or_404(request.user, pk))


@login_required
@require_POST
def commitment_progress_view(request, pk: int):
    commitment = commitment_or_404(request.user, pk)
    if not commitment_capabilities(request.user, commitment).progress:
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES, auto_id="id_new_%s")
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.commitment_progress_save(
                actor=request.user, commitment=commitment,
                evidence_upload=data.pop("evidence"), **data)
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            return redirect("commitments:detail", pk=commitment.pk)
    return _detail(request, commitment_or_404(request.user, pk), new_form=form, status=400)


@login_required
@require_POST
def commitment_publish_view(request, pk: int):
    commitment = commitment_or_404(request.user, pk)
    try:
        services.commitment_publish(actor=request.user, commitment=commitment,
                                    published=request.POST.get("published") == "1")
    except DomainError as exc:
        _refused(exc)
        raise
    return redirect("commitments:detail", pk=commitment.pk)


def evidence_response(progress) -> FileResponse:
    """The file, always as a download under the name it was uploaded with."""
    if not progress.evidence_file:
        raise Http404
    content_type = mimetypes.guess_type(progress.evidence_file.name)[0]
    response = FileResponse(progress.evidence_file.open("rb"), as_attachment=True,
                            filename=progress.evidence_name or progress.evidence_file.name,
                            content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def commitment_evidence_view(request, pk: int):
    progress = progress_visible_to(request.user).filter(pk=pk).first()
    if progress is None:
        raise Http404
    return evidence_response(progress)
