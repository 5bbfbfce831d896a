"""The «Национальный доклад» page: choose plan, periods, format and language; earlier reports."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.http import manager_required, paginate, query_without_page

from .files import national_report_download_response
from .filters import NationalReportFilterSet
from .forms import NationalReportForm
from .models import NationalReport
from .selectors import manageable_plans, national_report_file, national_reports_visible_to
from .services import national_report_request

FORM_FIELDS = {"plan", "period_from", "period_to", "format", "language"}


def _request(request, form: NationalReportForm):
    data = form.cleaned_data
    try:
        report, _created = national_report_request(
            actor=request.user, plan_id=data["plan"], period_from=data["period_from"],
            period_to=data["period_to"], fmt=data["format"], language=data["language"])
    except DomainError as exc:
        for error in exc.errors or [{}]:
            field = error.get("field")
            form.add_error(field if field in FORM_FIELDS else None, error.get("message", str(exc)))
        return None
    return report


@manager_required
def national_report_page(request):
    plans = manageable_plans(request.user)
    form = NationalReportForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        report = _request(request, form)
        if report is not None:
            return redirect(f"{reverse('exports:national_report')}#report-{report.pk}")
    filterset, reports = filter_list(NationalReportFilterSet, request,
                                     national_reports_visible_to(request.user))
    status = 400 if form.errors else 200
    return render(request, "exports/national_report_page.html", {
        "form": form, "filter_form": filterset.form, "page": paginate(request, reports),
        "query": query_without_page(request)}, status=status)


@require_GET
@manager_required
def national_report_row(request, pk: int):
    """One row of the list: the page polls a report still being built."""
    report = get_object_or_404(national_reports_visible_to(request.user), pk=pk)
    return render(request, "exports/_report_row.html", {"report": report})


@require_GET
@manager_required
def national_report_download(request, pk: int):
    try:
        report = national_report_file(request.user, pk)
    except NationalReport.DoesNotExist:
        raise Http404 from None
    return national_report_download_response(report)
