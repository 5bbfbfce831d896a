"""Writes to reporting periods and reports. Sections use optimistic locking: nothing is lost."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tendik.core.audit import (
    AuditAction,
    audit_log,
    audit_log_many,
    audit_value,
    diff,
    snapshot,
)
from tendik.core.errors import DomainError
from tendik.core.files import EXTENSIONS, checked_upload
from tendik.core.i18n import per_language
from tendik.core.permissions import Role, ensure_manages_country
from tendik.core.services import model_create, model_delete, model_update
from tendik.organisations.models import User
from tendik.organisations.selectors import emails_by_language
from tendik.plans.models import Indicator, Measure

from .capabilities import report_capabilities
from .models import (
    NEEDS_REASON,
    Activity,
    Evidence,
    MeasureProgress,
    Observation,
    PeriodState,
    ProgressStatus,
    Report,
    ReportingPeriod,
    ReportState,
    ReviewComment,
)
from .selectors import previous_report, report_missing
from .validation import (
    check_codes,
    check_total,
    check_value,
    code_lists,
    disaggregation_key,
    outlier,
)
from .workflow import (
    EDITABLE_REPORTS,
    FOCAL,
    PERIOD_TRANSITIONS,
    REPORT_ACTIONS,
    REVIEWABLE_PERIODS,
    WRITABLE_PERIODS,
)

PROGRESS_FIELDS = ("status", *per_language("narrative"), "spent_amount", "spent_currency",
                   "reason")


# Periods ---------------------------------------------------------------------------------------

@transaction.atomic
def period_create(*, actor, plan, kind: str, start: datetime.date, end: datetime.date,
                  due_date: datetime.date) -> ReportingPeriod:
    ensure_manages_country(actor, plan.country)
    if end < start or due_date < end:
        raise DomainError(_("Период: конец не раньше начала, срок сдачи не раньше конца."))
    if ReportingPeriod.objects.filter(plan=plan, start=start, end=end).exists():
        raise DomainError(_("Такой период уже есть."), code="conflict")
    return model_create(instance=ReportingPeriod(plan=plan, kind=kind, start=start, end=end,
                                                 due_date=due_date), actor=actor)


def measures_due(period: ReportingPeriod):
    """Measures whose deadline falls in, or runs through, the period."""
    years = [str(y) for y in range(period.start.year, period.end.year + 1)]
    in_years = Q()
    for year in years:
        in_years |= Q(deadline_years__contains=year)
    return Measure.objects.filter(plan=period.plan).filter(
        Q(deadline_kind="ongoing")
        | (Q(deadline_kind="years") & in_years)
        | Q(deadline_kind="date", deadline_date__gte=period.start)
        | Q(deadline_kind="period", deadline_date__lte=period.end,
            deadline_end__gte=period.start))


@transaction.atomic
def period_transition(*, actor, period: ReportingPeriod, to: str) -> ReportingPeriod:
    given, period = period, ReportingPeriod.objects.select_for_update().select_related(
        "plan__country").get(pk=period.pk)
    ensure_manages_country(actor, period.plan.country)
    if to not in PERIOD_TRANSITIONS.get(period.state, set()):
        raise DomainError(_("Нельзя перевести период из «%(from)s» в «%(to)s».") % {
            "from": period.get_state_display(), "to": PeriodState(to).label
            if to in PeriodState.values else to}, code="conflict")
    before = period.state
    ReportingPeriod.objects.filter(pk=period.pk).update(state=to)
    period.state = given.state = to
    audit_log(actor=actor, instance=period, action=AuditAction.TRANSITION,
              changes={"state": {"old": before, "new": to}})
    if to == PeriodState.OPEN and before == PeriodState.PLANNED:
        _create_reports(actor, period)
    return period


def _create_reports(actor, period: ReportingPeriod) -> None:
    """One report per organisation that leads or co-executes a measure due in the period."""
    by_organisation: dict[int, set[int]] = defaultdict(set)
    due = measures_due(period)
    for measure_id, lead_id in due.values_list("pk", "lead_executor_id"):
        by_organisation[lead_id].add(measure_id)
    through = Measure.co_executors.through
    for measure_id, organisation_id in through.objects.filter(measure__in=due).values_list(
            "measure_id", "organisation_id"):
        by_organisation[organisation_id].add(measure_id)
    author = actor if actor is not None and actor.is_authenticated else None
    reports = Report.objects.bulk_create([
        Report(period=period, plan=period.plan, organisation_id=organisation_id,
               created_by=author, updated_by=author) for organisation_id in by_organisation])
    MeasureProgress.objects.bulk_create([
        MeasureProgress(report=report, measure_id=measure_id, created_by=author)
        for report in reports for measure_id in by_organisation[report.organisation_id]])
    audit_log_many(actor=actor, action=AuditAction.CREATE,
                   items=[(report, {"state": {"old": None, "new": report.state}})
                          for report in reports])


# Report workflow ------------------------------------------------------------------------------

def _ensure_can_write(actor, report: Report) -> None:
    report.period.refresh_from_db(fields=["state"])  # the period may have closed meanwhile
    if report.period.state not in WRITABLE_PERIODS:
        raise DomainError(_("Период «%(period)s» %(state)s: изменения не принимаются.") % {
            "period": report.period, "state": report.period.get_state_display()},
            code="conflict")
    if not report_capabilities(actor, report).reporter:
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if report.state not in EDITABLE_REPORTS:
        raise DomainError(_("Отчёт в состоянии «%(state)s» изменять нельзя.") % {
            "state": report.get_state_display()}, code="conflict")


@transaction.atomic
def report_act(*, actor, report: Report, action: str, comments: list[dict] | None = None,
               reason: str = "", note: str = "") -> Report:
    """Submit, resubmit, return, accept or reopen a report, along the one action table.

    An incomplete report is submitted or accepted only with a note saying why (`note`)."""
    report = Report.objects.select_for_update().select_related(
        "period", "plan__country", "organisation").get(pk=report.pk)
    if action not in REPORT_ACTIONS:
        raise DomainError(_("Неизвестное действие «%(action)s»") % {"action": action})
    sources, target, who = REPORT_ACTIONS[action]
    if who == FOCAL:
        if not report_capabilities(actor, report).reporter:
            raise DomainError(_("Недостаточно прав"), code="forbidden")
        if report.period.state not in WRITABLE_PERIODS:
            raise DomainError(_("Период закрыт: отчёт представить нельзя."), code="conflict")
    else:
        ensure_manages_country(actor, report.plan.country)
        if report.period.state not in REVIEWABLE_PERIODS:
            raise DomainError(_("Период заблокирован: изменения не принимаются."),
                              code="conflict")
    if report.state not in sources:
        raise DomainError(_("Нельзя «%(action)s» отчёт в состоянии «%(state)s».") % {
            "action": action, "state": report.get_state_display()}, code="conflict")
    if action == "return" and not comments:
        raise DomainError(_("При возврате укажите хотя бы один комментарий."))
    if action == "reopen" and not reason.strip():
        raise DomainError(_("Укажите причину повторного открытия принятого отчёта."))
    fields = _completeness_note(report, action, note)
    before = report.state
    now = timezone.now()
    fields.update({"state": target, "last_activity_at": now, "updated_by": actor})
    if target in (ReportState.SUBMITTED, ReportState.RESUBMITTED):
        fields["submitted_at"] = now
    if target == ReportState.ACCEPTED:
        fields["accepted_at"] = now
    Report.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()
    if comments:
        _add_review_comments(actor, report, comments)
    audit_log(actor=actor, instance=report, action=AuditAction.TRANSITION,
              changes={"state": {"old": before, "new": target}}, reason=reason or note.strip())
    transaction.on_commit(lambda: _notify(report, action, reason, comments or []))
    return report


NEEDS_COMPLETE = ("submit", "resubmit", "accept")


def _completeness_note(report: Report, action: str, note: str) -> dict:
    """Gaps block submitting and accepting unless the person explains them in a note."""
    if action not in NEEDS_COMPLETE:
        return {}
    missing = report_missing(report)
    if not missing:
        return {} if action == "accept" else {"incomplete_note": ""}
    note = (note or "").strip()
    if not note:
        raise DomainError(_("В отчёте не заполнено пунктов: %(count)s. Заполните их или "
                            "поясните, почему отчёт неполный.") % {"count": len(missing)},
                          code="incomplete", errors=missing)
    if len(note) > 2000:
        raise DomainError(_("Пояснение длиннее 2000 знаков."),
                          errors=[{"column": "note", "message": _("не длиннее 2000 знаков")}])
    if action == "accept":
        return {}
    return {"incomplete_note": note}


def _add_review_comments(actor, report: Report, comments: list[dict]) -> None:
    round_number = report.review_comments.count() + 1
    for item in comments:
        text = (item.get("text") or "").strip()
        if not text:
            raise DomainError(_("Пустой комментарий."))
        model_create(instance=ReviewComment(
            report=report, text=text, round=round_number,
            measure_id=item.get("measure"), indicator_id=item.get("indicator"),
            activity_id=item.get("activity")), actor=actor)


def _notify(report: Report, action: str, reason: str, comments: list[dict]) -> None:
    """E-mail the other side of the workflow."""
    if action in ("submit", "resubmit"):
        recipients = User.objects.filter(
            country=report.plan.country, role_assignments__role=Role.COORDINATOR,
            is_active=True)
    else:
        recipients = User.objects.filter(organisation=report.organisation, is_active=True)
    for language, addresses in emails_by_language(recipients).items():
        with translation.override(language):  # each recipient reads the mail in their language
            subject = _("Теңдик: отчёт «%(report)s» — %(state)s") % {
                "report": report, "state": report.get_state_display()}
            lines = [subject, ""]
            lines += [f"— {c.get('text', '')}" for c in comments]
            if reason:
                lines.append(_("Причина: %(reason)s") % {"reason": reason})
            send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, addresses)


# Sections -------------------------------------------------------------------------------------

def _conflict(message, current: dict) -> DomainError:
    error = DomainError(message, code="conflict")
    error.current = current
    return error


def progress_document(progress: MeasureProgress) -> dict:
    return {"measure": progress.measure_id, "version": progress.version,
            **{name: snapshot(progress, [name])[name] for name in PROGRESS_FIELDS}}


@transaction.atomic
def progress_save(*, actor, report: Report, measure_id: int, version: int, data: dict) -> dict:
    """Save one measure's progress if nobody saved it since `version` was read."""
    _ensure_can_write(actor, report)
    progress = MeasureProgress.objects.select_for_update().get(report=report,
                                                               measure_id=measure_id)
    if progress.version != version:
        raise _conflict(_("Эту запись уже изменил другой пользователь. Проверьте изменения и "
                          "сохраните ещё раз."), progress_document(progress))
    values = {k: v for k, v in data.items() if k in PROGRESS_FIELDS}
    _check_progress({**progress_document(progress), **values})
    before = snapshot(progress, list(values))
    for name, value in values.items():
        setattr(progress, name, value)
    changes = diff(before, snapshot(progress, list(values)))
    if not changes:  # a save that changes nothing writes nothing and keeps the version
        return progress_document(progress)
    progress.version += 1
    progress.updated_by = actor
    progress.save()
    _touch(report)
    audit_log(actor=actor, instance=progress, action=AuditAction.UPDATE, changes=changes)
    return progress_document(progress)


def _check_progress(values: dict) -> None:
    errors = []
    if values.get("status") and values["status"] not in ProgressStatus.values:
        errors.append({"column": "status", "message": _("неизвестный статус")})
    if values.get("status") in NEEDS_REASON and not (values.get("reason") or "").strip():
        errors.append({"column": "reason",
                       "message": _("укажите причину для статуса «не выполнено» или «отменено»")})
    amount = values.get("spent_amount")
    if amount not in (None, ""):
        if Decimal(str(amount)) < 0:
            errors.append({"column": "spent_amount",
                           "message": _("сумма не может быть отрицательной")})
        if len(values.get("spent_currency") or "") != 3:
            errors.append({"column": "spent_currency",
                           "message": _("укажите валюту (KGS, KZT, USD, EUR…)")})
    if errors:
        raise DomainError("; ".join(e["message"] for e in errors), errors=errors)


def _touch(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(last_activity_at=timezone.now(),
                                               completeness=report_completeness(report))


def report_completeness(report: Report) -> int:
    """Share of measures with a status and of the report's indicators with a total value."""
    statuses = list(report.progress.values_list("status", flat=True))
    indicators = set(Indicator.objects.filter(measures__progress__report=report).values_list(
        "pk", flat=True))
    with_values = set(report.observations.filter(disaggregation="", indicator__in=indicators)
                      .values_list("indicator_id", flat=True))
    parts = len(statuses) + len(indicators)
    done = sum(1 for s in statuses if s) + len(with_values)
    return round(100 * done / parts) if parts else 0


def observations_document(report: Report) -> dict:
    rows = report.observations.order_by("indicator_id", "disaggregation").values_list(
        "indicator_id", "disaggregation", "value", "override_reason")
    return {"version": report.observations_version, "values": [
        {"indicator": indicator, "disaggregation": key, "value": str(value),
         "override_reason": reason} for indicator, key, value, reason in rows]}


def _key_or_raw(codes) -> str:
    return disaggregation_key(codes) if isinstance(codes, dict) and all(
        isinstance(v, str) for v in codes.values()) else str(codes or "")


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _previous_values(report: Report, indicator_ids) -> dict[tuple[int, str], Decimal]:
    previous = previous_report(report)
    if previous is None:
        return {}
    rows = previous.observations.filter(indicator_id__in=indicator_ids).values_list(
        "indicator_id", "disaggregation", "value")
    return {(indicator, key): value for indicator, key, value in rows}


@transaction.atomic
def observations_save(*, actor, report: Report, version: int, values: list[dict]) -> dict:
    """Replace the given indicators' values. All are checked first; warnings do not block."""
    _ensure_can_write(actor, report)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.observations_version != version:
        raise _conflict(_("Значения индикаторов уже изменил другой пользователь."),
                        observations_document(locked))
    allowed = {i.pk: i for i in Indicator.objects.filter(
        measures__progress__report=report).distinct().prefetch_related("dimensions__values")}
    rows, errors, totals = [], [], defaultdict(dict)
    overrides: dict[int, str] = {}
    code_list_cache: dict[int, dict[str, set[str]]] = {}
    author_id = actor.pk if actor is not None and actor.is_authenticated else None
    for number, item in enumerate(values, start=1):
        where = {"row": number, "column": "value", "indicator": _as_int(item.get("indicator")),
                 "disaggregation": _key_or_raw(item.get("disaggregation"))}
        indicator = allowed.get(_as_int(item.get("indicator")))
        if indicator is None:
            errors.append({**where, "column": "indicator",
                           "message": _("индикатора %(id)s нет среди индикаторов отчёта") % {
                               "id": item.get("indicator")}})
            continue
        lists = code_list_cache.get(indicator.pk)
        if lists is None:
            lists = code_list_cache[indicator.pk] = code_lists(indicator)
        codes = item.get("disaggregation") or {}
        problem = check_codes(indicator, codes, lists) if isinstance(codes, dict) else _(
            "разрез задаётся как {\"sex\": \"F\", …}")
        if problem:
            errors.append({**where, "column": "disaggregation", "message": problem})
            continue
        value, problem = check_value(indicator, item.get("value"))
        if problem:
            errors.append({**where, "message": f"{indicator.code}: {problem}"})
            continue
        key = disaggregation_key(codes)
        if key in totals[indicator.pk]:
            errors.append({**where, "column": "disaggregation",
                           "message": _("значение для этого разреза указано дважды")})
        totals[indicator.pk][key] = value
        if item.get("override_reason"):
            overrides[indicator.pk] = item["override_reason"].strip()
        rows.append(Observation(report_id=report.pk, indicator_id=indicator.pk,
                                disaggregation=key, value=value,
                                override_reason=item.get("override_reason", "") or "",
                                created_by_id=author_id, updated_by_id=author_id))
    for indicator_id, by_key in totals.items():
        indicator = allowed[indicator_id]
        problem = check_total(indicator, by_key, code_list_cache[indicator_id],
                              overrides.get(indicator_id, ""))
        if problem:
            errors.append({"row": None, "column": "override_reason", "indicator": indicator_id,
                           "disaggregation": "", "message": f"{indicator.code}: {problem}"})
    if errors:
        raise DomainError(_("Значения не сохранены: ошибок — %(count)s.") % {
            "count": len(errors)}, errors=errors)
    before = {(indicator, key): (value, reason) for indicator, key, value, reason in
              report.observations.filter(indicator_id__in=totals).values_list(
                  "indicator_id", "disaggregation", "value", "override_reason")}
    if before == {(o.indicator_id, o.disaggregation): (o.value, o.override_reason) for o in rows}:
        return {**observations_document(locked), "warnings": []}  # nothing changed: no write
    before = {k: str(value) for k, (value, _reason) in before.items()}
    report.observations.filter(indicator_id__in=totals).delete()
    Observation.objects.bulk_create(rows, batch_size=1000)
    Report.objects.filter(pk=report.pk).update(observations_version=F("observations_version") + 1)
    after = {(o.indicator_id, o.disaggregation): str(o.value) for o in rows}
    changes = {f"{i}:{k or 'total'}": {"old": before.get((i, k)), "new": v}
               for (i, k), v in after.items() if before.get((i, k)) != v}
    changes.update({f"{i}:{k or 'total'}": {"old": v, "new": None}
                    for (i, k), v in before.items() if (i, k) not in after})
    audit_log(actor=actor, instance=report, action=AuditAction.UPDATE,
              changes={"observations": changes} if changes else {})
    _touch(report)
    factor = settings.TENDIK_OUTLIER_FACTOR
    previous = _previous_values(report, list(totals))
    warnings = [{"indicator": o.indicator_id, "disaggregation": o.disaggregation,
                 "message": _("%(code)s: значение %(value)s сильно отличается от прошлого "
                              "периода (%(previous)s)") % {
                     "code": allowed[o.indicator_id].code, "value": o.value,
                     "previous": previous[(o.indicator_id, o.disaggregation)]}}
                for o in rows if outlier(previous.get((o.indicator_id, o.disaggregation)),
                                         o.value, factor)]
    return {**observations_document(Report.objects.get(pk=report.pk)), "warnings": warnings}


ACTIVITY_FIELDS = ("kind", "title", "start", "end", "territory", "venue", "audiences",
                   "participants_women", "participants_men", "participants_total")


def activities_document(report: Report) -> dict:
    return {"version": report.activities_version, "activities": [
        {"id": a.pk, "kind": a.kind, "title": a.title, "start": a.start, "end": a.end,
         "territory": a.territory_id, "venue": a.venue, "audiences": a.audiences,
         "participants_women": a.participants_women, "participants_men": a.participants_men,
         "participants_total": a.participants_total,
         "organisers": [o.pk for o in a.organisers.all()],
         "partners": [o.pk for o in a.partners.all()],
         "measures": [m.pk for m in a.measures.all()]}
        for a in report.activities.prefetch_related("organisers", "partners", "measures")]}


def _check_activity(number: int, item: dict) -> list[dict]:
    errors = []
    counts = {}
    for name in ("participants_women", "participants_men", "participants_total"):
        try:
            counts[name] = int(item.get(name) or 0)
        except (TypeError, ValueError):
            counts[name] = 0
            errors.append({"row": number, "column": name, "message": _("ожидается целое число")})
        if counts[name] < 0:
            errors.append({"row": number, "column": name,
                           "message": _("число участников не может быть отрицательным")})
    if counts["participants_women"] + counts["participants_men"] > counts["participants_total"]:
        errors.append({"row": number, "column": "participants_total",
                       "message": _("женщин и мужчин (%(sum)s) больше, чем всего участников "
                                    "(%(total)s)") % {
                           "sum": counts["participants_women"] + counts["participants_men"],
                           "total": counts["participants_total"]}})
    if not (item.get("title") or "").strip():
        errors.append({"row": number, "column": "title", "message": _("укажите название")})
    if item.get("start") and item.get("end") and str(item["end"]) < str(item["start"]):
        errors.append({"row": number, "column": "end",
                       "message": _("окончание раньше начала")})
    return errors


@transaction.atomic
def activities_save(*, actor, report: Report, version: int, activities: list[dict]) -> dict:
    """Replace the report's activities with the given list (all checked first)."""
    _ensure_can_write(actor, report)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.activities_version != version:
        raise _conflict(_("Список мероприятий уже изменил другой пользователь."),
                        activities_document(locked))
    errors = [error for number, item in enumerate(activities, start=1)
              for error in _check_activity(number, item)]
    # An activity may support any measure of the plan, not only the organisation's own.
    for number, item in enumerate(activities, start=1):
        errors += _activity_references(report, number, item)
    if errors:
        raise DomainError(_("Мероприятия не сохранены: ошибок — %(count)s.") % {
            "count": len(errors)}, errors=errors)
    report.activities.all().delete()
    for item in activities:
        activity = Activity(report=report, created_by=actor, updated_by=actor,
                            **{k: item.get(k) for k in ACTIVITY_FIELDS if k in item
                               and k != "territory"},
                            territory_id=item.get("territory"))
        try:
            activity.full_clean(exclude=["report", "created_by", "updated_by"])
        except Exception as exc:  # noqa: BLE001 - field errors are reported to the user
            raise DomainError(str(exc)) from exc
        activity.save()
        activity.organisers.set(item.get("organisers") or [])
        activity.partners.set(item.get("partners") or [])
        activity.measures.set(item.get("measures") or [])
    Report.objects.filter(pk=report.pk).update(activities_version=F("activities_version") + 1)
    audit_log(actor=actor, instance=report, action=AuditAction.UPDATE,
              changes={"activities": {"old": None, "new": [a.get("title") for a in activities]}})
    _touch(report)
    return activities_document(Report.objects.get(pk=report.pk))


def _activity_references(report: Report, number: int, item: dict) -> list[dict]:
    """Measures from the report's plan; territories, organisers and partners of its country."""
    from tendik.organisations.models import Organisation
    from tendik.territories.models import Territory

    country = report.plan.country
    checks = [
        ("measures", Measure.objects.filter(plan_id=report.plan_id),
         _("мероприятий %(ids)s нет в плане отчёта")),
        ("organisers", Organisation.objects.filter(Q(country=country) | Q(country__isnull=True)),
         _("организаций %(ids)s нет в справочнике страны отчёта")),
        ("partners", Organisation.objects.filter(Q(country=country) | Q(country__isnull=True)),
         _("организаций %(ids)s нет в справочнике страны отчёта")),
    ]
    errors = []
    for column, queryset, message in checks:
        given = item.get(column) or []
        wanted = {_as_int(value) for value in given}
        if None in wanted:
            errors.append({"row": number, "column": column,
                           "message": _("ожидается список идентификаторов")})
            continue
        unknown = wanted - set(queryset.filter(pk__in=wanted).values_list("pk", flat=True))
        if unknown:
            errors.append({"row": number, "column": column, "message": message % {
                "ids": ", ".join(map(str, sorted(unknown)))}})
    territory = item.get("territory")
    if territory not in (None, "") and not Territory.objects.filter(
            pk=_as_int(territory), country_code=country.code).exists():
        errors.append({"row": number, "column": "territory",
                       "message": _("территории %(id)s нет в стране отчёта") % {"id": territory}})
    return errors


def _activity_errors(report: Report, item: dict, number: int = 1) -> list[dict]:
    return _check_activity(number, item) + _activity_references(report, number, item)


def activity_document(activity: Activity) -> dict:
    return {"id": activity.pk, "version": activity.version,
            **{name: getattr(activity, name) for name in ACTIVITY_FIELDS if name != "territory"},
            "territory": activity.territory_id,
            "organisers": sorted(o.pk for o in activity.organisers.all()),
            "partners": sorted(o.pk for o in activity.partners.all()),
            "measures": sorted(m.pk for m in activity.measures.all())}


def _activity_write(actor, report: Report, activity: Activity, data: dict) -> dict:
    """Set the fields and links of one activity; returns the audited changes."""
    before = activity_document(activity) if activity.pk else {}
    errors = _activity_errors(report, data)
    if errors:
        raise DomainError(_("Мероприятие не сохранено: ошибок — %(count)s.") % {
            "count": len(errors)}, errors=errors)
    for name in (n for n in ACTIVITY_FIELDS if n in data):
        if name == "territory":
            activity.territory_id = _as_int(data[name]) if data[name] not in (None, "") else None
        else:
            setattr(activity, name, data[name])
    activity.updated_by = actor if actor is not None and actor.is_authenticated else None
    try:
        activity.full_clean(exclude=["report", "created_by", "updated_by"])
    except ValidationError as exc:
        raise DomainError(_("Мероприятие не сохранено."), errors=[
            {"row": 1, "column": field, "message": " ".join(messages)}
            for field, messages in exc.message_dict.items()]) from exc
    activity.save()
    for name in ("organisers", "partners", "measures"):
        if name in data:
            getattr(activity, name).set([int(pk) for pk in data[name] or []])
    after = activity_document(activity)
    return {k: {"old": audit_value(before.get(k)), "new": audit_value(v)}
            for k, v in after.items() if k not in ("id", "version") and before.get(k) != v}


def _activity_locked(report: Report, activity_id: int, version: int) -> Activity:
    activity = Activity.objects.select_for_update().filter(report=report, pk=activity_id).first()
    if activity is None:
        raise DomainError(_("Такого мероприятия в отчёте нет."), code="not_found")
    if activity.version != version:
        raise _conflict(_("Это мероприятие уже изменил другой пользователь."),
                        activity_document(activity))
    return activity


def _activities_changed(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(activities_version=F("activities_version") + 1)
    _touch(report)


@transaction.atomic
def activity_create(*, actor, report: Report, data: dict) -> dict:
    _ensure_can_write(actor, report)
    author = actor if actor is not None and actor.is_authenticated else None
    activity = Activity(report=report, created_by=author)
    changes = _activity_write(actor, report, activity, data)
    audit_log(actor=actor, instance=activity, action=AuditAction.CREATE, changes=changes)
    _activities_changed(report)
    return activity_document(activity)


@transaction.atomic
def activity_update(*, actor, report: Report, activity_id: int, version: int,
                    data: dict) -> dict:
    """Edit one activity if nobody saved it since `version`; an unchanged form writes nothing."""
    _ensure_can_write(actor, report)
    activity = _activity_locked(report, activity_id, version)
    changes = _activity_write(actor, report, activity, data)
    if not changes:
        return activity_document(activity)
    Activity.objects.filter(pk=activity.pk).update(version=F("version") + 1)
    activity.refresh_from_db(fields=["version"])
    audit_log(actor=actor, instance=activity, action=AuditAction.UPDATE, changes=changes)
    _activities_changed(report)
    return activity_document(activity)


@transaction.atomic
def activity_delete(*, actor, report: Report, activity_id: int, version: int) -> None:
    _ensure_can_write(actor, report)
    activity = _activity_locked(report, activity_id, version)
    audit_log(actor=actor, instance=activity, action=AuditAction.DELETE,
              changes={k: {"old": audit_value(v), "new": None}
                       for k, v in activity_document(activity).items() if k != "version"})
    activity.delete()
    _activities_changed(report)


@transaction.atomic
def evidence_add(*, actor, report: Report, upload=None, url: str = "", measure_id=None,
                 description: str = "") -> Evidence:
    _ensure_can_write(actor, report)
    _check_evidence_measure(report, measure_id)
    evidence = Evidence(report=report, measure_id=measure_id, description=description, url=url)
    if upload is not None:
        content, content_type = checked_upload(upload)
        evidence.content_type, evidence.size = content_type, len(content)
        evidence.original_name = upload.name[:255]
        evidence.file.save(f"evidence.{EXTENSIONS[content_type]}", ContentFile(content),
                           save=False)
    elif not url:
        raise DomainError(_("Прикрепите файл или укажите ссылку."))
    evidence = model_create(instance=evidence, actor=actor)
    _touch(report)
    return evidence


def evidence_document(evidence: Evidence) -> dict:
    return {"id": evidence.pk, "version": evidence.version, "name": evidence.original_name,
            "url": evidence.url, "content_type": evidence.content_type, "size": evidence.size,
            "measure": evidence.measure_id, "description": evidence.description}


def _evidence_locked(report: Report, evidence_id: int, version: int) -> Evidence:
    evidence = Evidence.objects.select_for_update().filter(report=report, pk=evidence_id).first()
    if evidence is None:
        raise DomainError(_("Такого подтверждения в отчёте нет."), code="not_found")
    if evidence.version != version:
        raise _conflict(_("Это подтверждение уже изменил другой пользователь."),
                        evidence_document(evidence))
    return evidence


def _check_evidence_measure(report: Report, measure_id) -> None:
    if measure_id is not None and not report.progress.filter(measure_id=measure_id).exists():
        raise DomainError(_("Мероприятия %(id)s нет в отчёте.") % {"id": measure_id},
                          errors=[{"column": "measure", "message": _("нет в отчёте")}])


@transaction.atomic
def evidence_update(*, actor, report: Report, evidence_id: int, version: int,
                    description: str, measure_id: int | None = None) -> dict:
    _ensure_can_write(actor, report)
    evidence = _evidence_locked(report, evidence_id, version)
    _check_evidence_measure(report, measure_id)
    _instance, changes = model_update(instance=evidence, actor=actor, data={
        "description": description.strip(), "measure_id": measure_id})
    if changes:
        Evidence.objects.filter(pk=evidence.pk).update(version=F("version") + 1)
        evidence.refresh_from_db(fields=["version"])
        _touch(report)
    return evidence_document(evidence)


@transaction.atomic
def evidence_delete(*, actor, report: Report, evidence_id: int, version: int) -> None:
    _ensure_can_write(actor, report)
    evidence = _evidence_locked(report, evidence_id, version)
    stored = evidence.file.name if evidence.file else ""
    model_delete(instance=evidence, actor=actor)
    if stored:  # the file goes only once the row is really gone
        storage = Evidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(stored))
    _touch(report)


# Reminders -----------------------------------------------------------------------------------

def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind reporters N days before the due date and every M days after it; returns the count."""
    today = today or timezone.localdate()
    before = settings.TENDIK_REMINDER_DAYS_BEFORE
    every = settings.TENDIK_REMINDER_EVERY_DAYS_AFTER
    sent = 0
    for report in Report.objects.filter(
            period__state=PeriodState.OPEN,
            state__in=(ReportState.DRAFT, ReportState.RETURNED)).select_related(
            "period", "organisation", "plan"):
        days = (report.period.due_date - today).days
        if days == before or (days < 0 and (-days) % every == 0):
            sent += report_remind(report=report, today=today)
    return sent


def report_remind(*, report: Report, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    users = User.objects.filter(organisation=report.organisation, is_active=True,
                                role_assignments__role__in=[Role.FOCAL_POINT, Role.PARTNER,
                                                            Role.COMMITTEE]).distinct()
    by_language = emails_by_language(users)
    days = (report.period.due_date - today).days
    for language, addresses in by_language.items():
        with translation.override(language):  # each recipient reads the mail in their language
            when = (_("осталось дней: %(n)s") % {"n": days}) if days >= 0 else (
                _("просрочен на %(n)s дн.") % {"n": -days})
            subject = _("Теңдик: напоминание — отчёт за %(period)s (%(when)s)") % {
                "period": report.period, "when": when}
            send_mail(subject, f"{subject}\n\n{report.plan}\n{report.organisation}",
                      settings.DEFAULT_FROM_EMAIL, addresses)
    return 1 if by_language else 0




# Bulk entry ----------------------------------------------------------------------------------

def _same_progress(current: dict, wanted: dict) -> bool:
    def norm(name, value):
        if name == "spent_amount":
            return None if value in (None, "") else Decimal(str(value)).normalize()
        return (value or "").strip() if isinstance(value, str) or value is None else value
    return all(norm(k, current.get(k)) == norm(k, v) for k, v in wanted.items())


def _located(exc: DomainError, sheet: str, rows: list[int]) -> DomainError:
    """Errors of a section service, re-addressed to the sheet and row they came from."""
    errors = []
    for error in exc.errors or [{"message": str(exc)}]:
        index = error.get("row")
        row = rows[index - 1] if isinstance(index, int) and 0 < index <= len(rows) else None
        errors.append({"sheet": sheet, "row": row, "column": error.get("column", ""),
                       "message": error["message"]})
    return DomainError(_("Файл не загружен: ошибок — %(count)s. Ничего не сохранено.") % {
        "count": len(errors)}, code="invalid", errors=errors)


@transaction.atomic
def report_upload_xlsx(*, actor, report: Report, content: bytes) -> dict:
    """Apply a filled-in template: all of it or nothing; unchanged rows are left alone."""
    from tendik.core.xlsx import read_workbook

    from .xlsx_bulk import PROGRESS_SHEET, VALUES_SHEET, read_report_workbook

    _ensure_can_write(actor, report)
    data, errors = read_report_workbook(read_workbook(content), report)
    if errors:
        raise DomainError(_("Файл не загружен: ошибок — %(count)s. Ничего не сохранено.") % {
            "count": len(errors)}, errors=errors)
    counts = {"progress": 0, "values": 0, "activities": 0}
    current = {p.measure_id: p for p in report.progress.all()}
    for number, row in enumerate(data["progress"], start=2):
        wanted = {k: row[k] for k in ("status", "narrative_ru", "spent_amount", "spent_currency",
                                      "reason")}
        wanted["spent_amount"] = wanted["spent_amount"] or None
        if _same_progress(progress_document(current[row["measure"]]), wanted):
            continue
        try:
            progress_save(actor=actor, report=report, measure_id=row["measure"],
                          version=row["version"], data=wanted)
        except DomainError as exc:
            raise _located(exc, PROGRESS_SHEET, [number]) from exc
        counts["progress"] += 1
    existing = {(o.indicator_id, o.disaggregation): (o.value, o.override_reason)
                for o in report.observations.all()}
    values = data["values"]
    wanted_values = {(v["indicator"], disaggregation_key(v["disaggregation"])):
                     (Decimal(str(v["value"]).replace(",", ".")) if _is_number(v["value"])
                      else v["value"], v["override_reason"]) for v in values}
    touched = {key[0] for key in wanted_values}
    if wanted_values != {k: v for k, v in existing.items() if k[0] in touched}:
        try:
            observations_save(actor=actor, report=report,
                              version=data["observations_version"] or report.observations_version,
                              values=values)
        except DomainError as exc:
            raise _located(exc, VALUES_SHEET, [v["row"] for v in values]) from exc
        counts["values"] = len(values)
    activities = data["activities"]
    if _activity_keys(activities) != _activity_keys(activities_document(report)["activities"]):
        try:
            activities_save(actor=actor, report=report,
                            version=data["activities_version"] or report.activities_version,
                            activities=activities)
        except DomainError as exc:
            from .xlsx_bulk import ACTIVITIES_SHEET

            raise _located(exc, ACTIVITIES_SHEET, [a["row"] for a in activities]) from exc
        counts["activities"] = len(activities)
    return counts


def _is_number(text) -> bool:
    try:
        Decimal(str(text).replace(",", "."))
    except ArithmeticError:
        return False
    return True


def _activity_keys(activities: list[dict]) -> list[tuple]:
    return sorted((str(a["kind"]), str(a["title"]), str(a["start"])[:10], str(a["end"])[:10],
                   int(a.get("participants_women") or 0), int(a.get("participants_men") or 0),
                   int(a.get("participants_total") or 0), tuple(sorted(a.get("measures") or [])))
                  for a in activities)
