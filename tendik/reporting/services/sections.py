"""Report sections: progress, indicator values, activities. Optimistic locking: nothing is lost."""

import uuid
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log, audit_value, diff, snapshot
from tendik.core.errors import DomainError
from tendik.core.i18n import per_language
from tendik.plans.models import Indicator, Measure

from ..models import NEEDS_REASON, Activity, MeasureProgress, Observation, ProgressStatus, Report
from ..selectors import (
    ACTIVITY_FIELDS,
    PROGRESS_FIELDS,
    activities_document,
    activity_document,
    observations_document,
    previous_report,
    progress_document,
)
from ..validation import (
    AMOUNT_PRECISION,
    NARRATIVE_MAX,
    REASON_MAX,
    TITLE_MAX,
    VENUE_MAX,
    check_codes,
    check_total,
    check_value,
    code_lists,
    disaggregation_key,
    outlier,
    parse_decimal,
    precision_problem,
    text_problem,
)
from .common import as_int, conflict, lock_for_write, touch
from .replay import lock_unless_replayed, write_remember


@transaction.atomic
def progress_save(*, actor, report: Report, measure_id: int, version: int, data: dict,
                  client_id: uuid.UUID | None = None) -> dict:
    """Save one measure's progress if nobody saved it since `version` was read.

    A device's resent write (same `client_id`) gets its first result back and writes nothing."""
    report, first = lock_unless_replayed(actor=actor, report=report, client_id=client_id,
                                         kind=f"progress:{as_int(measure_id)}")
    if first is not None:
        return first
    progress = MeasureProgress.objects.select_for_update().filter(
        report=report, measure_id=as_int(measure_id)).first()
    if progress is None:
        raise DomainError(_("Такого мероприятия в отчёте нет."), code="not_found")
    if progress.version != version:
        raise conflict(_("Эту запись уже изменил другой пользователь. Проверьте изменения и "
                         "сохраните ещё раз."), progress_document(progress))
    values = _progress_values(data)
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
    touch(report)
    audit_log(actor=actor, instance=progress, action=AuditAction.UPDATE, changes=changes)
    document = progress_document(progress)
    write_remember(actor=actor, report=report, client_id=client_id,
                   kind=f"progress:{progress.measure_id}", result=document)
    return document


PROGRESS_TEXT_LIMITS = {**dict.fromkeys(per_language("narrative"), NARRATIVE_MAX),
                        "reason": REASON_MAX, "status": 24, "spent_currency": 3}


def _progress_values(data: dict) -> dict:
    """The given progress fields, blanks made uniform; a wrong type or size is refused."""
    values, errors = {}, []
    for name in (n for n in PROGRESS_FIELDS if n in data):
        value = data[name]
        if name == "spent_amount":
            value, problem = _amount(value)
        else:
            value = "" if value is None else value
            problem = text_problem(value, PROGRESS_TEXT_LIMITS[name])
        if problem:
            errors.append({"column": name, "message": problem})
        values[name] = value
    if errors:
        raise DomainError("; ".join(e["message"] for e in errors), errors=errors)
    return values


def _amount(raw) -> tuple[Decimal | None, str | None]:
    if raw in (None, ""):
        return None, None
    value = parse_decimal(raw)
    if value is None:
        return None, _("ожидается число")
    problem = precision_problem(value, AMOUNT_PRECISION)
    # Stored as the column holds it, so an unchanged amount compares equal and writes nothing.
    cents = Decimal(1).scaleb(-AMOUNT_PRECISION[1])
    return (None, problem) if problem else (value.quantize(cents), None)


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


def _key_or_raw(codes) -> str:
    return disaggregation_key(codes) if isinstance(codes, dict) and all(
        isinstance(v, str) for v in codes.values()) else str(codes or "")


def _item_shape_problem(item: dict) -> tuple[str, str | None]:
    """The column of a value whose breakdown or override reason has the wrong type or size."""
    codes = item.get("disaggregation") or {}
    if not (isinstance(codes, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in codes.items())):
        return "disaggregation", _("разрез задаётся как {\"sex\": \"F\", …}")
    return "override_reason", text_problem(item.get("override_reason") or "", REASON_MAX)


def _previous_values(report: Report, indicator_ids) -> dict[tuple[int, str], Decimal]:
    previous = previous_report(report)
    if previous is None:
        return {}
    rows = previous.observations.filter(indicator_id__in=indicator_ids).values_list(
        "indicator_id", "disaggregation", "value")
    return {(indicator, key): value for indicator, key, value in rows}


@transaction.atomic
def observations_save(*, actor, report: Report, version: int, values: list[dict],
                      client_id: uuid.UUID | None = None) -> dict:
    """Replace the given indicators' values. All are checked first; warnings do not block."""
    report, first = lock_unless_replayed(actor=actor, report=report, client_id=client_id,
                                         kind="observations")
    if first is not None:
        return first
    if report.observations_version != version:
        raise conflict(_("Значения индикаторов уже изменил другой пользователь."),
                       observations_document(report))
    allowed = {i.pk: i for i in Indicator.objects.filter(
        measures__progress__report=report).distinct().prefetch_related("dimensions__values")}
    rows, errors, totals = [], [], defaultdict(dict)
    overrides: dict[int, str] = {}
    code_list_cache: dict[int, dict[str, set[str]]] = {}
    author_id = actor.pk if actor is not None and actor.is_authenticated else None
    for number, item in enumerate(values, start=1):
        if not isinstance(item, dict):
            errors.append({"row": number, "column": "", "indicator": None, "disaggregation": "",
                           "message": _("ожидается объект {\"indicator\": …, \"value\": …}")})
            continue
        where = {"row": number, "column": "value", "indicator": as_int(item.get("indicator")),
                 "disaggregation": _key_or_raw(item.get("disaggregation"))}
        indicator = allowed.get(as_int(item.get("indicator")))
        if indicator is None:
            errors.append({**where, "column": "indicator",
                           "message": _("индикатора %(id)s нет среди индикаторов отчёта") % {
                               "id": item.get("indicator")}})
            continue
        lists = code_list_cache.get(indicator.pk)
        if lists is None:
            lists = code_list_cache[indicator.pk] = code_lists(indicator)
        codes = item.get("disaggregation") or {}
        column, problem = _item_shape_problem(item)
        if not problem:
            column, problem = "disaggregation", check_codes(indicator, codes, lists)
        if problem:
            errors.append({**where, "column": column, "message": problem})
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
        return {**observations_document(report), "warnings": []}  # nothing changed: no write
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
    touch(report)
    factor = settings.TENDIK_OUTLIER_FACTOR
    previous = _previous_values(report, list(totals))
    warnings = [{"indicator": o.indicator_id, "disaggregation": o.disaggregation,
                 "message": _("%(code)s: значение %(value)s сильно отличается от прошлого "
                              "периода (%(previous)s)") % {
                     "code": allowed[o.indicator_id].code, "value": o.value,
                     "previous": previous[(o.indicator_id, o.disaggregation)]}}
                for o in rows if outlier(previous.get((o.indicator_id, o.disaggregation)),
                                         o.value, factor)]
    result = {**observations_document(Report.objects.get(pk=report.pk)), "warnings": warnings}
    write_remember(actor=actor, report=report, client_id=client_id, kind="observations",
                   result=result)
    return result


COUNT_MAX = 10_000_000  # participants of one activity: anything above is a typing slip


def _count(raw) -> int | None:
    if raw in (None, ""):
        return 0
    if isinstance(raw, str) and raw.strip().lstrip("-").isdecimal():
        raw = int(raw.strip())
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def _check_activity(number: int, item: dict) -> list[dict]:
    if not isinstance(item, dict):
        return [{"row": number, "column": "", "message": _("ожидается объект мероприятия")}]
    errors = []
    counts = {}
    for name in ("participants_women", "participants_men", "participants_total"):
        counts[name] = _count(item.get(name))
        if counts[name] is None:
            counts[name] = 0
            errors.append({"row": number, "column": name, "message": _("ожидается целое число")})
        elif not 0 <= counts[name] <= COUNT_MAX:
            errors.append({"row": number, "column": name, "message": _(
                "число участников — от 0 до %(max)s") % {"max": COUNT_MAX}})
    if counts["participants_women"] + counts["participants_men"] > counts["participants_total"]:
        errors.append({"row": number, "column": "participants_total",
                       "message": _("женщин и мужчин (%(sum)s) больше, чем всего участников "
                                    "(%(total)s)") % {
                           "sum": counts["participants_women"] + counts["participants_men"],
                           "total": counts["participants_total"]}})
    for name, limit in (("kind", 24), ("title", TITLE_MAX), ("venue", VENUE_MAX)):
        problem = text_problem(item.get(name) or "", limit)
        if problem:
            errors.append({"row": number, "column": name, "message": problem})
    if isinstance(item.get("title") or "", str) and not (item.get("title") or "").strip():
        errors.append({"row": number, "column": "title", "message": _("укажите название")})
    if item.get("start") and item.get("end") and str(item["end"]) < str(item["start"]):
        errors.append({"row": number, "column": "end",
                       "message": _("окончание раньше начала")})
    return errors


@transaction.atomic
def activities_save(*, actor, report: Report, version: int, activities: list[dict]) -> dict:
    """Replace the report's activities with the given list (all checked first)."""
    report = lock_for_write(actor, report)
    if report.activities_version != version:
        raise conflict(_("Список мероприятий уже изменил другой пользователь."),
                       activities_document(report))
    errors = [error for number, item in enumerate(activities, start=1)
              for error in _check_activity(number, item)]
    # An activity may support any measure of the plan, not only the organisation's own.
    for number, item in enumerate(activities, start=1):
        errors += _activity_references(report, number, item)
    if errors:
        raise DomainError(_("Мероприятия не сохранены: ошибок — %(count)s.") % {
            "count": len(errors)}, errors=errors)
    report.activities.all().delete()
    for number, item in enumerate(activities, start=1):
        activity = Activity(report=report, created_by=actor, updated_by=actor,
                            **{k: item.get(k) for k in ACTIVITY_FIELDS if k in item
                               and k != "territory"},
                            territory_id=as_int(item.get("territory")))
        _full_clean(activity, number)
        activity.save()
        for name in ("organisers", "partners", "measures"):
            getattr(activity, name).set([as_int(pk) for pk in item.get(name) or []])
    Report.objects.filter(pk=report.pk).update(activities_version=F("activities_version") + 1)
    audit_log(actor=actor, instance=report, action=AuditAction.UPDATE,
              changes={"activities": {"old": None, "new": [a.get("title") for a in activities]}})
    touch(report)
    return activities_document(Report.objects.get(pk=report.pk))


def _activity_references(report: Report, number: int, item: dict) -> list[dict]:
    """Measures from the report's plan; territories, organisers and partners of its country."""
    if not isinstance(item, dict):
        return []  # _check_activity has said so
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
        wanted = {as_int(value) for value in given} if isinstance(given, list | tuple) else {None}
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
            pk=as_int(territory), country_code=country.code).exists():
        errors.append({"row": number, "column": "territory",
                       "message": _("территории %(id)s нет в стране отчёта") % {"id": territory}})
    return errors


def _activity_errors(report: Report, item: dict, number: int = 1) -> list[dict]:
    return _check_activity(number, item) + _activity_references(report, number, item)


def _activity_write(actor, report: Report, activity: Activity, data: dict) -> dict:
    """Set the fields and links of one activity; returns the audited changes."""
    before = activity_document(activity) if activity.pk else {}
    errors = _activity_errors(report, data)
    if errors:
        raise DomainError(_("Мероприятие не сохранено: ошибок — %(count)s.") % {
            "count": len(errors)}, errors=errors)
    for name in (n for n in ACTIVITY_FIELDS if n in data):
        if name == "territory":
            activity.territory_id = as_int(data[name]) if data[name] not in (None, "") else None
        else:
            setattr(activity, name, data[name])
    activity.updated_by = actor if actor is not None and actor.is_authenticated else None
    _full_clean(activity)
    activity.save()
    for name in ("organisers", "partners", "measures"):
        if name in data:
            getattr(activity, name).set([int(pk) for pk in data[name] or []])
    after = activity_document(activity)
    return {k: {"old": audit_value(before.get(k)), "new": audit_value(v)}
            for k, v in after.items() if k not in ("id", "version") and before.get(k) != v}


def _full_clean(activity: Activity, number: int = 1) -> None:
    """The model's own field checks (dates, choices), reported like every other row error."""
    try:
        activity.full_clean(exclude=["report", "created_by", "updated_by"])
    except ValidationError as exc:
        raise DomainError(_("Мероприятие не сохранено."), errors=[
            {"row": number, "column": field, "message": " ".join(messages)}
            for field, messages in exc.message_dict.items()]) from exc


def _activity_locked(report: Report, activity_id: int, version: int) -> Activity:
    activity = Activity.objects.select_for_update().filter(report=report,
                                                            pk=as_int(activity_id)).first()
    if activity is None:
        raise DomainError(_("Такого мероприятия в отчёте нет."), code="not_found")
    if activity.version != version:
        raise conflict(_("Это мероприятие уже изменил другой пользователь."),
                       activity_document(activity))
    return activity


def _activities_changed(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(activities_version=F("activities_version") + 1)
    touch(report)


@transaction.atomic
def activity_create(*, actor, report: Report, data: dict,
                    client_id: uuid.UUID | None = None) -> dict:
    """Add one activity; a device's resent request (same `client_id`) adds nothing more."""
    report, first = lock_unless_replayed(actor=actor, report=report, client_id=client_id,
                                         kind="activity")
    if first is not None:
        return first
    author = actor if actor is not None and actor.is_authenticated else None
    activity = Activity(report=report, created_by=author)
    changes = _activity_write(actor, report, activity, data)
    audit_log(actor=actor, instance=activity, action=AuditAction.CREATE, changes=changes)
    _activities_changed(report)
    document = activity_document(activity)
    write_remember(actor=actor, report=report, client_id=client_id, kind="activity",
                   result=document)
    return document


@transaction.atomic
def activity_update(*, actor, report: Report, activity_id: int, version: int,
                    data: dict) -> dict:
    """Edit one activity if nobody saved it since `version`; an unchanged form writes nothing."""
    report = lock_for_write(actor, report)
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
    report = lock_for_write(actor, report)
    activity = _activity_locked(report, activity_id, version)
    audit_log(actor=actor, instance=activity, action=AuditAction.DELETE,
              changes={k: {"old": audit_value(v), "new": None}
                       for k, v in activity_document(activity).items() if k != "version"})
    activity.delete()
    _activities_changed(report)
