"""Pages: the meetings list, a meeting, the meeting form, and the agreements list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.http import paginate, query_without_page, render_list

from . import pages, services
from .capabilities import follow_up_capabilities, manages_country, may_add_engagements
from .filters import EngagementFilterSet, FollowUpFilterSet
from .selectors import (
    engagement_list,
    engagements_visible_to,
    follow_up_list,
    follow_ups_visible_to,
    with_details,
)


def _engagement_or_404(request, pk: int):
    engagement = with_details(engagements_visible_to(request.user)).filter(pk=pk).first()
    if engagement is None:
        raise Http404
    return engagement


def _refused(exc: DomainError) -> None:
    """A refusal that is no input problem becomes the page's own status."""
    if exc.code == "forbidden":
        raise PermissionDenied from exc
    if exc.code == "not_found" and not exc.errors:
        raise Http404 from exc


@login_required
@require_GET
def engagement_list_view(request):
    filterset, engagements = filter_list(EngagementFilterSet, request,
                                         engagement_list(request.user))
    return render_list(request, "partners/engagements/list.html",
                       "partners/engagements/_results.html", {
                           "form": filterset.form, "page": paginate(request, engagements),
                           "query": query_without_page(request),
                           "may_add": may_add_engagements(request.user)})


def _form_page(request, engagement=None):
    """The meeting form, new or existing: a refused save keeps everything typed."""
    country_id = engagement.country_id if engagement else None
    options = pages.choices(request.user, country_id)
    posted = request.POST if request.method == "POST" else None
    form, participants, follow_ups = pages.engagement_forms(posted, options, engagement)
    formsets = {"participants": participants, "follow_ups": follow_ups}
    valid = posted is not None and form.is_valid() and participants.is_valid() and (
        follow_ups is None or follow_ups.is_valid())
    if valid:
        data, rows = pages.engagement_data(form, participants, follow_ups)
        try:
            if engagement is None:
                engagement = services.engagement_create(actor=request.user, **data)
            else:
                data.pop("country")
                engagement = services.engagement_update(
                    actor=request.user, engagement=engagement,
                    version=form.cleaned_data["version"], data=data)
        except DomainError as exc:
            _refused(exc)
            pages.attach(exc, form, formsets, rows)
        else:
            messages.success(request, _("Встреча сохранена."))
            return redirect("engagements:detail", pk=engagement.pk)
    failed = posted is not None
    return render(request, "partners/engagements/form.html", {
        "engagement": engagement, "form": form,
        "participants": participants, "follow_ups": follow_ups}, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_add_view(request):
    if not may_add_engagements(request.user):
        raise PermissionDenied
    return _form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit_view(request, pk: int):
    engagement = _engagement_or_404(request, pk)
    if not manages_country(request.user, engagement.country_id):
        raise PermissionDenied
    return _form_page(request, engagement)


def _detail(request, engagement, bound=None, add_form=None, status: int = 200):
    manages = manages_country(request.user, engagement.country_id)
    if manages and add_form is None:
        add_form = pages.follow_up_add_form(request.user, engagement)
    return render(request, "partners/engagements/detail.html", {
        "engagement": engagement, "may_edit": manages, "add_form": add_form if manages else None,
        "follow_ups": pages.follow_up_rows(request.user, engagement, bound)}, status=status)


@login_required
@require_GET
def engagement_detail_view(request, pk: int):
    return _detail(request, _engagement_or_404(request, pk))


@login_required
@require_POST
def follow_up_add_view(request, pk: int):
    engagement = _engagement_or_404(request, pk)
    if not manages_country(request.user, engagement.country_id):
        raise PermissionDenied
    form = pages.follow_up_add_form(request.user, engagement, request.POST)
    if form.is_valid():
        try:
            services.follow_up_add(actor=request.user, engagement=engagement,
                                   text=form.cleaned_data["text"],
                                   owner=form.cleaned_data["owner"] or None,
                                   due_date=form.cleaned_data["due_date"])
        except DomainError as exc:
            _refused(exc)
            pages.attach(exc, form)
        else:
            messages.success(request, _("Договорённость добавлена."))
            return redirect("engagements:detail", pk=engagement.pk)
    return _detail(request, engagement, add_form=form, status=400)


@login_required
@require_POST
def follow_up_update_view(request, pk: int):
    follow_up = follow_ups_visible_to(request.user).filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    if not follow_up_capabilities(request.user, follow_up).update:
        raise PermissionDenied
    form = pages.follow_up_update_form(request.user, follow_up, request.POST)
    status = 400
    if form.is_valid():
        try:
            services.follow_up_update(actor=request.user, follow_up=follow_up, **{
                "due_date": None, **form.cleaned_data})
        except DomainError as exc:
            _refused(exc)
            pages.attach(exc, form)
            status = 409 if exc.code == "conflict" else 400
        else:
            messages.success(request, _("Договорённость обновлена."))
            return redirect(reverse("engagements:detail", args=[follow_up.engagement_id])
                            + f"#follow-up-{follow_up.pk}")
    engagement = _engagement_or_404(request, follow_up.engagement_id)
    return _detail(request, engagement, bound={follow_up.pk: form}, status=status)


@login_required
@require_GET
def follow_up_list_view(request):
    filterset, follow_ups = filter_list(FollowUpFilterSet, request, follow_up_list(request.user))
    return render_list(request, "partners/engagements/follow_ups.html",
                       "partners/engagements/_follow_up_results.html", {
                           "form": filterset.form, "page": paginate(request, follow_ups),
                           "query": query_without_page(request)})
