"""Pages: the projects list, the project form (new and edit), the project page with its
life-cycle buttons and disbursements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.http import paginate, query_without_page, render_list

from . import services
from .filters import ProjectFilterSet
from .pages import ProjectEditor, disbursement_form, list_rows
from .selectors import (
    budget_table,
    may_create_projects,
    planned_against_disbursed,
    project_activities,
    project_disbursements,
    project_get,
    project_list,
    project_writable,
    with_totals,
)
from .workflow import allowed_transitions


def _project_or_404(request, pk: int):
    project = project_get(request.user, pk)
    if project is None:
        raise Http404
    return project


def _refused(exc: DomainError) -> None:
    """A refusal of the whole request is the 403/404 page, not a message on a form."""
    if exc.code == "forbidden" and not exc.errors:
        raise PermissionDenied from exc
    if exc.code == "not_found" and not exc.errors:
        raise Http404 from exc


@login_required
@require_GET
def project_list_view(request):
    filterset, projects = filter_list(ProjectFilterSet, request, project_list(request.user))
    page = paginate(request, projects)
    return render_list(request, "partners/projects/list.html", "partners/projects/_results.html",
                       {"form": filterset.form, "page": page, "projects": list_rows(with_totals(page)),
                        "query": query_without_page(request),
                        "may_add": may_create_projects(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def project_add_view(request):
    if not may_create_projects(request.user):
        raise PermissionDenied
    return _project_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit_view(request, pk: int):
    project = _project_or_404(request, pk)
    if not project_writable(request.user, project):
        raise PermissionDenied
    return _project_form(request, project)


def _project_form(request, project):
    editor = ProjectEditor(request.user, project,
                           request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and editor.is_valid():
        try:
            if project is None:
                project = services.project_create(actor=request.user, **editor.arguments())
            else:
                services.project_update(actor=request.user, project=project,
                                        version=editor.version(), data=editor.arguments())
        except DomainError as exc:
            _refused(exc)
            editor.attach(exc)
            status = 409 if exc.code == "conflict" else 400
        else:
            return redirect("projects:detail", pk=project.pk)
    elif request.method == "POST" and not editor.adding:
        status = 400
    return render(request, "partners/projects/form.html", editor.context(),
                  status=400 if status == 200 and editor.has_errors else status)


def _detail(request, project, form=None, status: int = 200):
    writable = project_writable(request.user, project)
    return render(request, "partners/projects/detail.html", {
        "project": project, "writable": writable,
        "transitions": allowed_transitions(project.status) if writable else [],
        "budget_table": budget_table(project), "money": planned_against_disbursed(project),
        "disbursements": project_disbursements(project),
        "form": form or (disbursement_form(request.user, project) if writable else None),
        "activities": project_activities(request.user, project)}, status=status)


@login_required
@require_GET
def project_detail_view(request, pk: int):
    return _detail(request, _project_or_404(request, pk))


@login_required
@require_POST
def project_transition_view(request, pk: int):
    project = _project_or_404(request, pk)
    try:
        services.project_transition(actor=request.user, project=project,
                                    to=request.POST.get("to", ""))
    except DomainError as exc:
        _refused(exc)
        messages.error(request, str(exc))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def disbursement_add_view(request, pk: int):
    project = _project_or_404(request, pk)
    if not project_writable(request.user, project):
        raise PermissionDenied
    form = disbursement_form(request.user, project, request.POST)
    if form.is_valid():
        try:
            _row, warnings = services.disbursement_add(actor=request.user, project=project,
                                                       **form.cleaned_data)
        except DomainError as exc:
            _refused(exc)
            for error in exc.errors:
                form.add_error(error["field"] if error["field"] in form.fields else None,
                               error["message"])
        else:
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("projects:detail", pk=project.pk)
    return _detail(request, project_get(request.user, pk), form=form, status=400)


@login_required
@require_POST
def disbursement_delete_view(request, pk: int, disbursement: int):
    project = _project_or_404(request, pk)
    try:
        services.disbursement_delete(actor=request.user, project=project,
                                     disbursement=disbursement)
    except DomainError as exc:
        _refused(exc)
        messages.error(request, str(exc))
    return redirect("projects:detail", pk=project.pk)
