"""The report form: sections that save themselves, indicator values, activities and evidence.

Nothing a person types is lost: a refused save shows the typed values again with each error
beside its field, and no page leaves the browser on a URL that only answers POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

from . import services
from .capabilities import report_capabilities
from .forms import ActivityForm, EvidenceEditForm, EvidenceForm, NoteForm, ProgressForm
from .selectors import (
    activity_document,
    progress_document,
    report_activities,
    report_activity,
    report_document,
    report_evidence_item,
    report_indicator_grid,
    report_missing,
    report_progress,
    reports_visible_to,
)

DRAFT_KEY = "observations-draft-%s"


def report_or_404(request, pk: int):
    report = reports_visible_to(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def _editable(request, report) -> bool:
    return report_capabilities(request.user, report).edit


def reporter_report_or_404(request, pk: int):
    """The report, for a write by its own reporter: others who can read it get 403."""
    report = report_or_404(request, pk)
    if not report_capabilities(request.user, report).reporter:
        raise PermissionDenied
    return report


def _posted(request):
    """The POST data of a form submission, even an empty one; None on GET."""
    return request.POST if request.method == "POST" else None


def _to_report(report, anchor: str = ""):
    return redirect(reverse("reporting:report", args=[report.pk]) + (f"#{anchor}" if anchor
                                                                      else ""))


@login_required
def report_view(request, pk: int):
    report = report_or_404(request, pk)
    # Values refused by a save stay on the page, reloads included, until a save succeeds.
    draft = request.session.get(DRAFT_KEY % pk)
    return render(request, "reporting/report.html", _report_context(request, report, draft))


def _report_context(request, report, draft: dict | None = None) -> dict:
    document = report_document(report, viewer=request.user)
    capabilities = report_capabilities(request.user, report)
    return {
        "report": report, "document": document, "editable": capabilities.edit,
        "is_reviewer": capabilities.reviewer, "actions": capabilities.actions,
        "can_return": "return" in capabilities.actions, "missing": report_missing(report),
        "sections": [(p, ProgressForm(initial=progress_document(p),
                                      prefix=f"m{p.measure_id}"))
                     for p in report_progress(report)],
        "observations": _observations_context(report, draft),
        "activities": report_activities(report),
        "activity_form": ActivityForm(report=report),
        "evidence_form": EvidenceForm(report=report),
    }


# Progress sections ------------------------------------------------------------------------------

@login_required
def progress_save_view(request, pk: int, measure_id: int):
    """Autosave of one measure's section (htmx). A success only updates the version and the
    save state, so the text being typed is never replaced; a conflict shows both versions."""
    report = reporter_report_or_404(request, pk)
    progress = report_progress(report, measure_id).first()
    if progress is None:
        raise Http404
    if request.method != "POST":
        return _to_report(report, f"progress-{measure_id}")
    form = ProgressForm(request.POST, prefix=f"m{measure_id}")
    context = {"report": report, "progress": progress, "editable": True}
    if not form.is_valid():
        return _section(request, {**context, "form": form, "save_state": "error"}, swap=True)
    data = dict(form.cleaned_data)
    try:
        saved = services.progress_save(actor=request.user, report=report,
                                       measure_id=measure_id, version=data.pop("version"),
                                       data=data)
    except DomainError as exc:
        current = getattr(exc, "current", None)
        bound = request.POST.copy()
        if current:
            bound[f"m{measure_id}-version"] = current["version"]
        form = ProgressForm(bound, prefix=f"m{measure_id}")
        form.is_valid()
        _attach(form, exc, conflict_shown=True)
        return _section(request, {**context, "form": form, "conflict": current,
                                  "save_state": "conflict" if current else "error",
                                  "message": str(exc)}, swap=True)
    if not request.htmx:
        messages.success(request, _("Сохранено."))
        return _to_report(report, f"progress-{measure_id}")
    return render(request, "reporting/_progress_saved.html", {
        "progress": progress, "version": saved["version"], "saved_at": timezone.localtime()})


def _section(request, context: dict, *, swap: bool):
    response = render(request, "reporting/_progress.html", context)
    if swap and request.htmx:
        response["HX-Reswap"] = "outerHTML"
    return response


def _attach(form, exc: DomainError, *, conflict_shown: bool = False) -> None:
    """Put each error of a service beside the field it names, the rest above the form."""
    placed = False
    for error in exc.errors or []:
        column = error.get("column") if isinstance(error, dict) else None
        if column in form.fields:
            form.add_error(column, error["message"])
            placed = True
    if not placed and not (conflict_shown and getattr(exc, "current", None)):
        form.add_error(None, str(exc))


# Indicator values --------------------------------------------------------------------------------

def _observations_context(report, draft: dict | None) -> dict:
    """The grid, with what the person typed and the errors beside each cell when a save failed."""
    draft = draft or {}
    posted, errors = draft.get("posted", {}), draft.get("errors", {})
    first_error = None
    grid = report_indicator_grid(report)
    for number, row in enumerate(grid):
        indicator = row["indicator"]
        row["override_field"] = f"override|{indicator.pk}"
        row["override_id"] = f"override-{indicator.pk}"
        if row["override_field"] in posted:
            row["override"] = posted[row["override_field"]]
        row["override_error"] = errors.get(f"{indicator.pk}|override")
        for index, cell in enumerate(row["rows"]):
            cell["field"] = f"obs|{indicator.pk}|{cell['key'].replace('|', ';')}"
            cell["id"] = f"obs-{number}-{index}"
            cell["typed"] = posted.get(cell["field"])
            cell["error"] = errors.get(f"{indicator.pk}|{cell['key']}")
            if cell["error"] and first_error is None:
                first_error = cell["id"]
        if row["override_error"] and first_error is None:
            first_error = f"override-{indicator.pk}"
    return {"grid": grid, "version": draft.get("version", report.observations_version),
            "summary": draft.get("summary", ""), "unplaced": draft.get("unplaced", []),
            "first_error": first_error, "posted": bool(posted)}


def _parse_observations(post) -> tuple[list[dict], list[str]]:
    values, unreadable = [], []
    for name, raw in post.items():
        if not name.startswith("obs|") or raw.strip() == "":
            continue
        _prefix, indicator_id, key = (name.split("|", 2) + ["", ""])[:3]
        try:
            codes = dict(part.split("=", 1) for part in key.split(";") if part)
        except ValueError:
            unreadable.append(name)
            continue
        if not indicator_id.isdigit():
            unreadable.append(name)
            continue
        values.append({"indicator": int(indicator_id), "disaggregation": codes, "value": raw,
                       "override_reason": post.get(f"override|{indicator_id}", "")
                       if not key else ""})
    return values, unreadable


def _version(post, name: str = "version") -> int:
    raw = post.get(name, "")
    return int(raw) if raw.isdigit() else -1


@login_required
def observations_save_view(request, pk: int):
    report = reporter_report_or_404(request, pk)
    if request.method != "POST":
        return _to_report(report, "observations")
    values, unreadable = _parse_observations(request.POST)
    try:
        if unreadable:
            raise DomainError(_("Форма повреждена: обновите страницу."))
        result = services.observations_save(actor=request.user, report=report,
                                            version=_version(request.POST), values=values)
    except DomainError as exc:
        return _observations_refused(request, report, exc)
    request.session.pop(DRAFT_KEY % report.pk, None)
    warnings = [w["message"] for w in result["warnings"]]
    if request.htmx:
        context = _observations_context(report, None)
        return render(request, "reporting/_observations.html", {
            "report": report, "editable": True, "observations": context,
            "saved_at": timezone.localtime(), "warnings": warnings})
    messages.success(request, _("Значения индикаторов сохранены."))
    for warning in warnings:
        messages.warning(request, warning)
    return _to_report(report, "observations")


def _observations_refused(request, report, exc: DomainError):
    """Keep every typed value and put each error beside its cell."""
    errors, unplaced = {}, []
    for error in exc.errors or []:
        indicator, key = error.get("indicator"), error.get("disaggregation")
        if indicator is not None and key is not None:
            slot = f"{indicator}|override" if error.get("column") == "override_reason" \
                else f"{indicator}|{key}"
            errors.setdefault(slot, error["message"])
        else:
            unplaced.append(error["message"])
    current = getattr(exc, "current", None)
    draft = {"posted": {k: v for k, v in request.POST.items()
                        if k.startswith(("obs|", "override|"))},
             "errors": errors, "summary": str(exc), "unplaced": unplaced,
             "version": current["version"] if current else _version(request.POST)}
    request.session[DRAFT_KEY % report.pk] = draft
    if not request.htmx:
        return _to_report(report, "observations")
    return render(request, "reporting/_observations.html", {
        "report": report, "editable": True,
        "observations": _observations_context(report, draft)})


# Activities -------------------------------------------------------------------------------------

def _activity_data(form) -> dict:
    data = dict(form.cleaned_data)
    data["audiences"] = ",".join(data["audiences"])
    data["territory"] = data["territory"].pk if data["territory"] else None
    data["measures"] = [int(m) for m in data["measures"]]
    data["partners"] = [p.pk for p in data["partners"]]
    data.pop("version", None)
    return data


@login_required
def activity_add_view(request, pk: int):
    report = reporter_report_or_404(request, pk)
    form = ActivityForm(_posted(request), report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(actor=request.user, report=report, data={
                **_activity_data(form), "organisers": [report.organisation_id]})
        except DomainError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Мероприятие добавлено."))
            return _to_report(report, "activities")
    return render(request, "reporting/activity_form.html", {
        "report": report, "form": form, "editable": _editable(request, report)},
        status=400 if form.errors else 200)


def _activity_or_404(report, activity_id: int):
    activity = report_activity(report, activity_id)
    if activity is None:
        raise Http404
    return activity


@login_required
def activity_edit_view(request, pk: int, activity_id: int):
    report = reporter_report_or_404(request, pk)
    activity = _activity_or_404(report, activity_id)
    document = activity_document(activity)
    form = ActivityForm(_posted(request), report=report, initial={
        **document, "audiences": [a for a in activity.audiences.split(",") if a]})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, report=report, activity_id=activity.pk,
                                     version=form.cleaned_data["version"],
                                     data=_activity_data(form))
        except DomainError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Мероприятие сохранено."))
            return _to_report(report, "activities")
    return render(request, "reporting/activity_form.html", {
        "report": report, "form": form, "activity": activity,
        "editable": _editable(request, report)}, status=400 if form.errors else 200)


@login_required
def activity_delete_view(request, pk: int, activity_id: int):
    report = reporter_report_or_404(request, pk)
    activity = _activity_or_404(report, activity_id)
    if request.method != "POST":
        return redirect("reporting:activity_edit", report.pk, activity.pk)
    try:
        services.activity_delete(actor=request.user, report=report, activity_id=activity.pk,
                                 version=_version(request.POST))
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:activity_edit", report.pk, activity.pk)
    messages.success(request, _("Мероприятие удалено."))
    return _to_report(report, "activities")


# Evidence ---------------------------------------------------------------------------------------

@login_required
def evidence_add_view(request, pk: int):
    report = reporter_report_or_404(request, pk)
    form = EvidenceForm(_posted(request), request.FILES if request.method == "POST" else None,
                        report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(actor=request.user, report=report, upload=data["file"],
                                  url=data["url"], description=data["description"],
                                  measure_id=int(data["measure"]) if data["measure"] else None)
        except DomainError as exc:
            form.add_error("file" if exc.code in ("too_large", "bad_type") else None, str(exc))
        else:
            messages.success(request, _("Подтверждение прикреплено."))
            return _to_report(report, "evidence")
    return render(request, "reporting/evidence_form.html", {
        "report": report, "form": form, "editable": _editable(request, report)},
        status=400 if form.errors else 200)


@login_required
def evidence_edit_view(request, pk: int, evidence_id: int):
    report = reporter_report_or_404(request, pk)
    evidence = report_evidence_item(report, evidence_id)
    if evidence is None:
        raise Http404
    form = EvidenceEditForm(_posted(request), report=report, initial={
        "version": evidence.version, "description": evidence.description,
        "measure": evidence.measure_id or ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "delete" in request.POST:
                services.evidence_delete(actor=request.user, report=report,
                                         evidence_id=evidence.pk, version=data["version"])
                messages.success(request, _("Подтверждение удалено."))
            else:
                services.evidence_update(
                    actor=request.user, report=report, evidence_id=evidence.pk,
                    version=data["version"], description=data["description"],
                    measure_id=int(data["measure"]) if data["measure"] else None)
                messages.success(request, _("Подтверждение сохранено."))
        except DomainError as exc:
            _attach(form, exc)
        else:
            return _to_report(report, "evidence")
    return render(request, "reporting/evidence_form.html", {
        "report": report, "form": form, "evidence": evidence,
        "editable": _editable(request, report)}, status=400 if form.errors else 200)


# Submitting and accepting ------------------------------------------------------------------------

@login_required
def report_confirm_view(request, pk: int, action: str):
    """The pre-submit checklist and the accept confirmation: what is missing, and a note."""
    report = report_or_404(request, pk)
    if action == "submit" and report.state == "returned":
        action = "resubmit"
    capabilities = report_capabilities(request.user, report)
    if not (capabilities.reviewer if action == "accept" else capabilities.reporter):
        raise PermissionDenied
    form = NoteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_act(actor=request.user, report=report, action=action,
                                note=form.cleaned_data["note"])
        except DomainError as exc:
            form.add_error("note" if exc.code == "incomplete" else None, str(exc))
        else:
            report.refresh_from_db()
            messages.success(request, _("Готово: %(state)s.") % {
                "state": report.get_state_display()})
            return _to_report(report)
    return render(request, "reporting/confirm.html", {
        "report": report, "action": action, "form": form, "missing": report_missing(report)},
        status=400 if form.errors else 200)
