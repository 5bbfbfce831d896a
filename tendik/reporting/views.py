from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import active_filters, filter_list
from tendik.core.http import manager_required, paginate, query_without_page, render_list
from tendik.plans.selectors import plans_visible_to

from . import services
from .filters import ActivityFilterSet, PeriodFilterSet, ReportFilterSet
from .forms import PeriodForm
from .report_views import report_or_404, reporter_report_or_404
from .selectors import (
    activity_items,
    activity_list,
    activity_totals,
    evidence_visible_to,
    my_reports,
    period_dashboard,
    periods_visible_to,
    plans_for_periods,
    readable_report_ids,
)
from .workflow import PERIOD_TRANSITIONS


@login_required
def my_reports_view(request):
    return render(request, "reporting/my_reports.html", {
        "reports": my_reports(request.user), "today": timezone.localdate()})


@login_required
def activity_list_view(request):
    filterset, activities = filter_list(ActivityFilterSet, request, activity_list(request.user))
    page = paginate(request, activities)
    items = activity_items(page)
    return render_list(request, "reporting/activity_list.html", "reporting/_activity_results.html", {
        "form": filterset.form, "page": page, "items": items,
        "totals": activity_totals(activities), "query": query_without_page(request),
        "readable_reports": readable_report_ids(request.user, (i["report"]["id"] for i in items)),
        "filtered": bool(active_filters(filterset))})


@manager_required
def period_list_view(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Any plan the user sees; period_create decides whether it may have periods.
        plan = get_object_or_404(plans_visible_to(request.user), pk=request.POST.get("plan"))
        try:
            period = services.period_create(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            for error in exc.errors or [{"message": str(exc)}]:
                field = error.get("field")
                form.add_error(field if field in form.fields else None, error["message"])
        else:
            messages.success(request, _("Период создан."))
            return redirect("reporting:dashboard", period.pk)
    filters, periods = filter_list(PeriodFilterSet, request,
                                   periods_visible_to(request.user).order_by("-start"))
    filters.form.auto_id = "filter_%s"  # the new-period form on the same page has id_plan
    return render(request, "reporting/periods.html", {
        "periods": periods, "filters": filters.form,
        "plans": plans_for_periods(request.user), "form": form})


@manager_required
@require_POST
def period_transition_view(request, pk: int):
    period = get_object_or_404(periods_visible_to(request.user), pk=pk)
    try:
        services.period_transition(actor=request.user, period=period,
                                   to=request.POST.get("to", ""))
        messages.success(request, _("Состояние периода изменено."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:dashboard", pk)


@manager_required
@require_POST
def period_publication_view(request, pk: int):
    period = get_object_or_404(periods_visible_to(request.user), pk=pk)
    publish = request.POST.get("action") == "publish"
    try:
        if publish:
            services.period_publish(actor=request.user, period=period)
            messages.success(request, _("Данные периода опубликованы на портале."))
        else:
            services.period_withdraw(actor=request.user, period=period)
            messages.success(request, _("Публикация снята: данных периода больше нет на портале."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:dashboard", pk)


@manager_required
def period_dashboard_view(request, pk: int):
    period = get_object_or_404(periods_visible_to(request.user), pk=pk)
    filterset, reports = filter_list(ReportFilterSet, request, period_dashboard(period),
                                     period=period)
    return render(request, "reporting/dashboard.html", {
        "period": period, "reports": reports, "form": filterset.form, "today": timezone.localdate(),
        "transitions": sorted(PERIOD_TRANSITIONS.get(period.state, ())),
        "publication_problem": services.publication_problem(period)})


@manager_required
@require_POST
def report_remind_view(request, pk: int):
    report = report_or_404(request, pk)
    sent = services.report_remind(report=report)
    if sent:
        messages.success(request, _("Напоминание отправлено: %(org)s") % {
            "org": report.organisation})
    else:
        messages.error(request, _("У организации нет пользователей с адресом эл. почты."))
    return redirect("reporting:dashboard", report.period_id)


@login_required
@require_POST
def report_action_view(request, pk: int):
    report = report_or_404(request, pk)
    action = request.POST.get("action", "")
    text = request.POST.get("text", "").strip()
    comments = [{"text": text}] if text else []
    # Comments per item come from fields next to each measure and indicator (form="return-form").
    for name, value in request.POST.items():
        kind, _sep, item = name.partition("-comment-")
        if value.strip() and item.isdigit() and kind in ("measure", "indicator"):
            comments.append({kind: int(item), "text": value.strip()})
    try:
        report = services.report_act(actor=request.user, report=report, action=action,
                                     comments=comments if action == "return" else None,
                                     reason=text if action == "reopen" else "")
        messages.success(request, _("Готово: %(state)s.") % {
            "state": report.get_state_display()})
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:report", pk)


@login_required
def evidence_download_view(request, pk: int):
    evidence = get_object_or_404(evidence_visible_to(request.user), pk=pk)
    if not evidence.file:
        return redirect(evidence.url)
    return FileResponse(evidence.file.open("rb"), as_attachment=True,
                        filename=evidence.original_name, content_type=evidence.content_type)


@login_required
def report_template_view(request, pk: int):
    from .api import _report_template_response

    return _report_template_response(report_or_404(request, pk))


@login_required
@require_POST
def report_upload_view(request, pk: int):
    from tendik.core.xlsx import check_upload_size

    report = reporter_report_or_404(request, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise DomainError(_("Выберите файл XLSX."))
        check_upload_size(upload.size)
        counts = services.report_upload_xlsx(actor=request.user, report=report,
                                             content=upload.read())
    except DomainError as exc:
        messages.error(request, str(exc))
        for error in exc.errors[:50]:
            messages.error(request, f"{error.get('sheet', '')}, {_('строка')} "
                                    f"{error.get('row') or '—'}, {error.get('column', '')}: "
                                    f"{error['message']}")
    else:
        messages.success(request, _("Файл загружен: мероприятий %(p)s, значений %(v)s, "
                                    "проведённых мероприятий %(a)s.") % {
            "p": counts["progress"], "v": counts["values"], "a": counts["activities"]})
    return redirect("reporting:report", pk)
