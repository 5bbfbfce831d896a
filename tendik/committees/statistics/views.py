"""Pages: the monthly forms list, one body's form for one month, and its moves. Every rule is the
services'; a refused form comes back with everything typed and each error beside its field."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.forms import attach_errors
from tendik.core.http import paginate, query_without_page, render_list
from tendik.core.permissions import is_manager

from ..models import StatisticsState
from . import services
from .capabilities import body_capabilities
from .filters import StatisticsFilterSet, review_queue_first
from .forms import StatisticsForm, TransitionForm
from .months import parse_month
from .pages import form_groups, review_actions, row_initial, to_fill
from .selectors import (
    KINDS,
    body_for,
    committees_reporting_to,
    filled_months,
    services_reporting_to,
    statistics_of,
    statistics_visible_to,
    with_details,
)
from .workflow import EDITABLE


@login_required
@require_GET
def statistics_list_view(request):
    user = request.user
    filterset, rows = filter_list(StatisticsFilterSet, request,
                                  review_queue_first(with_details(statistics_visible_to(user))))
    fill = []
    if not is_manager(user):
        bodies = [*committees_reporting_to(user), *services_reporting_to(user)]
        fill = to_fill(bodies, filled_months(user))
    return render_list(request, "committees/statistics/list.html",
                       "committees/statistics/_results.html", {
                           "form": filterset.form, "page": paginate(request, rows),
                           "query": query_without_page(request), "to_fill": fill})


def _open(request, kind: str, pk: int, month: str):
    """(body, month, form row or None, capabilities), or 404 outside the reader's scope."""
    body = body_for(request.user, kind, pk) if kind in KINDS else None
    if body is None:
        raise Http404
    try:
        month = parse_month(month)
    except DomainError as exc:
        raise Http404 from exc
    return body, month, statistics_of(body, month), body_capabilities(request.user, body)


def _page(request, kind, body, month, row, caps, form, transition=None, status: int = 200):
    return render(request, "committees/statistics/form.html", {
        "body": body, "kind": kind, "month": month, "row": row, "caps": caps, "form": form,
        "groups": form_groups(form), "editable": row is None or row.state in EDITABLE,
        "actions": review_actions(row, caps), "transition": transition or TransitionForm(),
        "states": StatisticsState}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def statistics_form_view(request, kind: str, pk: int, month: str):
    body, month, row, caps = _open(request, kind, pk, month)
    if request.method == "GET":
        form = StatisticsForm(initial=row_initial(row))
        return _page(request, kind, body, month, row, caps, form)
    if not caps.write:
        raise PermissionDenied
    form, status = StatisticsForm(request.POST), 400
    if form.is_valid():
        try:
            row, _created = services.statistics_save(
                actor=request.user, **{kind: body}, month=month, counts=form.counts(),
                comment=form.cleaned_data["comment"], version=form.cleaned_data["version"])
            if request.POST.get("action") == StatisticsState.SUBMITTED:
                services.statistics_transition(actor=request.user, row=row,
                                               to=StatisticsState.SUBMITTED)
        except DomainError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied from exc
            attach_errors(form, exc)
            status = 409 if exc.code == "conflict" else 400
        else:
            return redirect("fv_statistics:form", kind=kind, pk=pk, month=f"{month:%Y-%m}")
    return _page(request, kind, body, month, statistics_of(body, month), caps, form,
                 status=status)


@login_required
@require_POST
def statistics_transition_view(request, kind: str, pk: int, month: str):
    body, month, row, caps = _open(request, kind, pk, month)
    if row is None:
        raise Http404
    transition = TransitionForm(request.POST)
    transition.is_valid()
    try:
        services.statistics_transition(actor=request.user, row=row,
                                       to=request.POST.get("to", ""),
                                       note=transition.cleaned_data.get("note", ""))
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        attach_errors(transition, exc)
        form = StatisticsForm(initial=row_initial(row))
        return _page(request, kind, body, month, row, caps, form, transition,
                     status=409 if exc.code == "conflict" else 400)
    return redirect("fv_statistics:form", kind=kind, pk=pk, month=f"{month:%Y-%m}")
