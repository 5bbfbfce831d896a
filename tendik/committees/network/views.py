"""Pages: the committees list, a committee with its members and meetings, the committee and
meeting forms, the member and meeting posts, and coverage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tendik.analytics.maps import territory_map
from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.forms import attach_errors
from tendik.core.http import paginate, query_without_page, render_list

from . import coverage, pages, services
from .capabilities import committee_capabilities, may_add_committees
from .filters import CommitteeFilterSet
from .selectors import (
    committee_list,
    committees_visible_to,
    meetings_visible_to,
    members_visible_to,
    with_records,
)


def _refused(exc: DomainError) -> None:
    """A refusal that is no input problem becomes the page's own status."""
    if exc.code == "forbidden":
        raise PermissionDenied from exc
    if exc.code == "not_found" and not exc.errors:
        raise Http404 from exc


def _committee_or_404(request, pk: int):
    committee = with_records(committees_visible_to(request.user)).filter(pk=pk).first()
    if committee is None:
        raise Http404
    return committee


def _may_keep_records(request, committee) -> None:
    capabilities = committee_capabilities(request.user, committee)
    if not capabilities.records:
        try:
            services.refuse(capabilities)
        except DomainError as exc:
            _refused(exc)


@login_required
@require_GET
def committee_list_view(request):
    filterset, committees = filter_list(CommitteeFilterSet, request, committee_list(request.user))
    return render_list(request, "committees/network/list.html",
                       "committees/network/_results.html", {
                           "form": filterset.form, "page": paginate(request, committees),
                           "query": query_without_page(request),
                           "may_add": may_add_committees(request.user)})


def _form_page(request, committee=None):
    """The committee form, new or existing: a refused save keeps everything typed."""
    posted = request.POST if request.method == "POST" else None
    form = pages.committee_form(request.user, posted, committee)
    if posted is not None and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if committee is None:
                committee = services.committee_create(actor=request.user, **data)
            else:
                committee = services.committee_update(actor=request.user, committee=committee,
                                                      version=version, data=data)
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            messages.success(request, _("Комитет сохранён."))
            return redirect("committees:detail", pk=committee.pk)
    return render(request, "committees/network/form.html", {"committee": committee, "form": form},
                  status=400 if posted is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
def committee_add_view(request):
    if not may_add_committees(request.user):
        raise PermissionDenied
    return _form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit_view(request, pk: int):
    committee = _committee_or_404(request, pk)
    if not committee_capabilities(request.user, committee).edit:
        raise PermissionDenied
    return _form_page(request, committee)


def _detail(request, committee, member_form=None, meeting_form=None, status: int = 200):
    capabilities = committee_capabilities(request.user, committee)
    if capabilities.records:
        member_form = member_form or pages.member_form(request.user, committee)
        meeting_form = meeting_form or pages.meeting_form()
    return render(request, "committees/network/detail.html", {
        "committee": committee, "capabilities": capabilities,
        "members": pages.members_by_role(committee),
        "member_form": member_form if capabilities.records else None,
        "meeting_form": meeting_form if capabilities.records else None}, status=status)


@login_required
@require_GET
def committee_detail_view(request, pk: int):
    return _detail(request, _committee_or_404(request, pk))


@login_required
@require_POST
def member_add_view(request, pk: int):
    committee = _committee_or_404(request, pk)
    _may_keep_records(request, committee)
    form = pages.member_form(request.user, committee, request.POST)
    if form.is_valid():
        try:
            services.member_add(actor=request.user, committee=committee,
                                **pages.member_data(form))
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            messages.success(request, _("Член комитета добавлен."))
            return redirect("committees:detail", pk=committee.pk)
    return _detail(request, committee, member_form=form, status=400)


@login_required
@require_POST
def member_remove_view(request, pk: int):
    member = members_visible_to(request.user).filter(pk=pk).first()
    if member is None:
        raise Http404
    try:
        services.member_remove(actor=request.user, member=member)
    except DomainError as exc:
        _refused(exc)
        raise
    messages.success(request, _("Член комитета исключён из состава."))
    return redirect("committees:detail", pk=member.committee_id)


@login_required
@require_POST
def meeting_add_view(request, pk: int):
    committee = _committee_or_404(request, pk)
    _may_keep_records(request, committee)
    form = pages.meeting_form(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        try:
            services.meeting_add(actor=request.user, committee=committee, **data)
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            messages.success(request, _("Заседание записано."))
            return redirect("committees:detail", pk=committee.pk)
    return _detail(request, committee, meeting_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit_view(request, pk: int):
    meeting = meetings_visible_to(request.user).select_related("committee").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    _may_keep_records(request, meeting.committee)
    posted = request.POST if request.method == "POST" else None
    form = pages.meeting_form(posted, meeting)
    status = 400 if posted is not None else 200
    if posted is not None and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.meeting_update(actor=request.user, meeting=meeting,
                                    version=data.pop("version"), data=data)
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
            status = 409 if exc.code == "conflict" else 400
        else:
            messages.success(request, _("Заседание сохранено."))
            return redirect("committees:detail", pk=meeting.committee_id)
    return render(request, "committees/network/meeting_form.html",
                  {"meeting": meeting, "form": form}, status=status)


def _coverage_map(country, rows) -> str:
    return territory_map(
        title=_("Доля муниципалитетов с местным комитетом"),
        description=_("Доля муниципалитетов (ОМСУ) с действующим местным комитетом по "
                      "областям, в процентах; те же числа — в таблице ниже."),
        country_code=country.code, unit="%",
        values={row["code"]: row["share"] for row in rows},
        labels={row["code"]: row["name"] for row in rows})


@login_required
@require_GET
def coverage_view(request):
    country = coverage.country_for(request.user, request.GET.get("country"))
    regions = coverage.coverage(country)
    form = pages.coverage_form(request.user, request.GET or None, regions, country)
    region = coverage.region_of(country, form.cleaned_data.get("region")
                                if form.is_valid() else None)
    rows = coverage.coverage(country, region) if region is not None else regions
    return render(request, "committees/network/coverage.html", {
        "country": country, "region": region, "form": form, "rows": rows,
        "totals": coverage.totals(rows), "map": _coverage_map(country, regions)})
