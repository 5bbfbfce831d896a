from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tendik.core.errors import DomainError
from tendik.core.http import manager_required
from tendik.core.permissions import is_manager
from tendik.plans.selectors import plans_visible_to

from . import services
from .forms import ActivityForm, DashboardFilterForm, EvidenceForm, PeriodForm, ProgressForm
from .models import MeasureProgress
from .selectors import (
    evidence_visible_to,
    period_dashboard,
    periods_visible_to,
    report_document,
    reports_visible_to,
)
from .validation import code_lists, disaggregation_key
from .workflow import EDITABLE_REPORTS, PERIOD_TRANSITIONS, REPORT_ACTIONS, WRITABLE_PERIODS


def _report_or_404(request, pk: int):
    try:
        return reports_visible_to(request.user).get(pk=pk)
    except reports_visible_to(request.user).model.DoesNotExist:
        raise Http404 from None


@login_required
def my_reports_view(request):
    reports = reports_visible_to(request.user).filter(
        organisation_id=request.user.organisation_id).order_by("-period__start")
    return render(request, "reporting/my_reports.html", {
        "reports": reports.prefetch_related("review_comments"), "today": timezone.localdate()})


@manager_required
def period_list_view(request):
    plans = plans_visible_to(request.user).filter(status__in=["approved", "in_force"])
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = get_object_or_404(plans, pk=request.POST.get("plan"))
        try:
            period = services.period_create(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Период создан."))
            return redirect("reporting:dashboard", period.pk)
    periods = periods_visible_to(request.user).order_by("-start")
    return render(request, "reporting/periods.html", {"periods": periods, "plans": plans,
                                                      "form": form})


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
def period_dashboard_view(request, pk: int):
    period = get_object_or_404(periods_visible_to(request.user), pk=pk)
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reports = period_dashboard(period, **{k: v for k, v in filters.items() if v})
    return render(request, "reporting/dashboard.html", {
        "period": period, "reports": reports, "form": form, "today": timezone.localdate(),
        "transitions": sorted(PERIOD_TRANSITIONS.get(period.state, ()))})


@manager_required
@require_POST
def report_remind_view(request, pk: int):
    report = _report_or_404(request, pk)
    sent = services.report_remind(report=report)
    if sent:
        messages.success(request, _("Напоминание отправлено: %(org)s") % {
            "org": report.organisation})
    else:
        messages.error(request, _("У организации нет пользователей с адресом эл. почты."))
    return redirect("reporting:dashboard", report.period_id)


def _indicator_grid(report, previous_values: dict) -> list[dict]:
    """Each indicator of the report with an input per code combination, plus the total."""
    from itertools import product

    from tendik.plans.models import Indicator

    current = {(o.indicator_id, o.disaggregation): o for o in report.observations.all()}
    grid = []
    for indicator in Indicator.objects.filter(measures__progress__report=report).distinct() \
            .prefetch_related("dimensions__values").order_by("code"):
        lists = code_lists(indicator)
        labels = {f"{d.code}={v.code}": str(v) for d in indicator.dimensions.all()
                  for v in d.values.all()}
        dimensions = sorted(lists)
        keys = [""] + [disaggregation_key(dict(zip(dimensions, combo, strict=True)))
                       for combo in product(*(sorted(lists[d]) for d in dimensions))] \
            if dimensions else [""]
        cells = []
        for key in keys:
            observation = current.get((indicator.pk, key))
            cells.append({"key": key, "field": f"obs|{indicator.pk}|{key.replace('|', ';')}",
                          "label": ", ".join(labels.get(p, p) for p in key.split("|"))
                          if key else _("итого"),
                          "value": observation.value if observation else "",
                          "previous": previous_values.get((indicator.pk, key), "")})
        override = current.get((indicator.pk, ""))
        grid.append({"indicator": indicator, "cells": cells,
                     "override": override.override_reason if override else ""})
    return grid


@login_required
def report_view(request, pk: int):
    report = _report_or_404(request, pk)
    return render(request, "reporting/report.html", _report_context(request, report))


def _report_context(request, report, **extra) -> dict:
    document = report_document(report)
    progress = MeasureProgress.objects.filter(report=report).select_related("measure") \
        .order_by("measure__code")
    editable = (report.state in EDITABLE_REPORTS and report.period.state in WRITABLE_PERIODS
                and report.organisation_id == request.user.organisation_id
                and not is_manager(request.user))
    previous = _previous(report)
    return {
        "report": report, "document": document, "editable": editable,
        "is_reviewer": is_manager(request.user),
        "can_return": "return" in [name for name, (sources, _t, _w) in REPORT_ACTIONS.items()
                                   if report.state in sources],
        "actions": [name for name, (sources, _t, _w) in REPORT_ACTIONS.items()
                    if report.state in sources],
        "sections": [(p, ProgressForm(initial={**services.progress_document(p)},
                                      prefix=f"m{p.measure_id}")) for p in progress],
        "grid": _indicator_grid(report, previous),
        "activity_form": ActivityForm(measures=[p.measure for p in progress]),
        "evidence_form": EvidenceForm(), **extra,
    }


def _previous(report) -> dict:
    from .models import Report

    earlier = Report.objects.filter(organisation=report.organisation, plan=report.plan,
                                    period__end__lt=report.period.start).order_by(
        "-period__end").first()
    if earlier is None:
        return {}
    return {(o.indicator_id, o.disaggregation): o.value for o in earlier.observations.all()}


@login_required
@require_POST
def progress_save_view(request, pk: int, measure_id: int):
    """Autosave of one measure's section (htmx); a conflict shows the other person's version."""
    report = _report_or_404(request, pk)
    progress = get_object_or_404(MeasureProgress, report=report, measure_id=measure_id)
    form = ProgressForm(request.POST, prefix=f"m{measure_id}")
    context = {"report": report, "progress": progress, "editable": True}
    if not form.is_valid():
        return render(request, "reporting/_progress.html",
                      {**context, "form": form, "save_state": "error"}, status=200)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        saved = services.progress_save(actor=request.user, report=report, measure_id=measure_id,
                                       version=version, data=data)
    except DomainError as exc:
        current = getattr(exc, "current", None)
        if current:
            bound = request.POST.copy()
            bound[f"m{measure_id}-version"] = current["version"]
            form = ProgressForm(bound, prefix=f"m{measure_id}")
            form.is_valid()
        else:
            form.add_error(None, str(exc))
        return render(request, "reporting/_progress.html", {
            **context, "form": form, "save_state": "conflict" if current else "error",
            "conflict": current, "message": str(exc)})
    return render(request, "reporting/_progress.html", {
        **context, "form": ProgressForm(initial=saved, prefix=f"m{measure_id}"),
        "save_state": "saved", "saved_at": timezone.localtime()})


@login_required
@require_POST
def observations_save_view(request, pk: int):
    report = _report_or_404(request, pk)
    values = []
    for name, raw in request.POST.items():
        if not name.startswith("obs|") or raw.strip() == "":
            continue
        _prefix, indicator_id, key = name.split("|", 2)
        codes = dict(part.split("=", 1) for part in key.split(";") if part)
        values.append({"indicator": int(indicator_id), "disaggregation": codes, "value": raw,
                       "override_reason": request.POST.get(f"override|{indicator_id}", "")
                       if not key else ""})
    try:
        result = services.observations_save(actor=request.user, report=report,
                                            version=int(request.POST.get("version", 0)),
                                            values=values)
    except DomainError as exc:
        messages.error(request, str(exc))
        for error in exc.errors:
            messages.error(request, error["message"])
        context = _report_context(request, report, posted=request.POST)
        return render(request, "reporting/report.html", context, status=400)
    messages.success(request, _("Значения индикаторов сохранены."))
    for warning in result["warnings"]:
        messages.warning(request, warning["message"])
    return redirect("reporting:report", pk)


@login_required
@require_POST
def activity_add_view(request, pk: int):
    report = _report_or_404(request, pk)
    document = services.activities_document(report)
    form = ActivityForm(request.POST, measures=[p.measure for p in report.progress.all()])
    if not form.is_valid():
        messages.error(request, "; ".join(f"{form.fields[f].label}: {' '.join(e)}"
                                          for f, e in form.errors.items()))
        return redirect("reporting:report", pk)
    new = dict(form.cleaned_data)
    new["audiences"] = ",".join(new["audiences"])
    new["measures"] = [int(m) for m in new["measures"]]
    new["organisers"] = [report.organisation_id]
    try:
        services.activities_save(actor=request.user, report=report,
                                 version=int(request.POST.get("version", 0)),
                                 activities=[*document["activities"], new])
        messages.success(request, _("Мероприятие добавлено."))
    except DomainError as exc:
        messages.error(request, str(exc))
        for error in exc.errors:
            messages.error(request, error["message"])
    return redirect("reporting:report", pk)


@login_required
@require_POST
def evidence_add_view(request, pk: int):
    report = _report_or_404(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(actor=request.user, report=report,
                                  upload=form.cleaned_data["file"], url=form.cleaned_data["url"],
                                  description=form.cleaned_data["description"])
            messages.success(request, _("Подтверждение прикреплено."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Проверьте файл или ссылку."))
    return redirect("reporting:report", pk)


@login_required
def evidence_download_view(request, pk: int):
    evidence = get_object_or_404(evidence_visible_to(request.user), pk=pk)
    if not evidence.file:
        return redirect(evidence.url)
    return FileResponse(evidence.file.open("rb"), as_attachment=True,
                        filename=evidence.original_name, content_type=evidence.content_type)


@login_required
@require_POST
def report_action_view(request, pk: int):
    report = _report_or_404(request, pk)
    action = request.POST.get("action", "")
    text = request.POST.get("text", "").strip()
    comments = [{"text": text}] if text else []
    # Comments per item come from fields next to each measure and indicator (form="return-form").
    for name, value in request.POST.items():
        kind, _sep, item = name.partition("-comment-")
        if value.strip() and item.isdigit() and kind in ("measure", "indicator"):
            comments.append({kind: int(item), "text": value.strip()})
    try:
        services.report_act(actor=request.user, report=report, action=action,
                            comments=comments if action == "return" else None,
                            reason=text if action == "reopen" else "")
        messages.success(request, _("Готово: %(state)s.") % {
            "state": reports_visible_to(request.user).get(pk=pk).get_state_display()})
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:report", pk)




@login_required
def report_template_view(request, pk: int):
    from .api import _report_template_response

    return _report_template_response(_report_or_404(request, pk))


@login_required
@require_POST
def report_upload_view(request, pk: int):
    from tendik.core.xlsx import check_upload_size

    report = _report_or_404(request, pk)
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
