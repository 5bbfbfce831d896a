"""Writes to the territory tree. An import checks every record first, then writes all or none."""

import json
from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tendik.core.errors import DomainError
from tendik.core.permissions import is_installation_admin
from tendik.core.selectors import user_country_code
from tendik.core.services import job_run, model_create, model_update
from tendik.core.xlsx import check_upload_size

from .countries import country_code, country_names, is_country_code
from .geometry import geometry_problems, point_count, polygons_of, simplify
from .models import LEVEL_ORDER, Level, Territory, TerritoryBoundary, parent_level
from .open_admin_data import TerritoryRecord, parse_bytes

Progress = Callable[..., None]  # (percent, untranslated msgid, params)


def _no_progress(progress: int, message: str = "", params: dict | None = None) -> None:
    return None


def _merge(records: list[TerritoryRecord]) -> tuple[dict[str, TerritoryRecord], list[dict]]:
    """One record per code. A code twice in one file is an error; across files it must agree."""
    merged: dict[str, TerritoryRecord] = {}
    errors = []
    for record in records:
        known = merged.get(record.code)
        if known is None:
            merged[record.code] = record
            continue
        same_file = known.source.split(":")[0] == record.source.split(":")[0]
        agrees = (known.level, known.parent_code) == (record.level, record.parent_code) and (
            known.name_fields() == record.name_fields()
        )
        if same_file or not agrees:
            errors.append({
                "row": record.source,
                "column": "id",
                "message": _("код %(code)s повторяется (уже был: %(first)s)")
                % {"code": record.code, "first": known.source},
            })
    return merged, errors


def _find_cycles(parents: dict[str, str | None]) -> list[list[str]]:
    cycles, settled = [], set()
    for start in parents:
        path, seen, code = [], set(), start
        while code in parents and code not in settled:
            if code in seen:
                cycles.append(path[path.index(code):] + [code])
                break
            seen.add(code)
            path.append(code)
            code = parents[code]
        settled.update(seen)
    return cycles


def _check(merged: dict[str, TerritoryRecord], existing: dict[str, Territory]) -> list[dict]:
    errors = []
    for cycle in _find_cycles({code: record.parent_code for code, record in merged.items()}):
        errors.append({"row": merged[cycle[0]].source, "column": "parent.id",
                       "message": _("цикл в дереве: %(path)s") % {"path": " → ".join(cycle)}})
    if errors:
        return errors
    for code, record in merged.items():
        where = {"row": record.source}
        if not is_country_code(record.country_code) and record.country_code not in existing:
            errors.append({**where, "column": "id",
                           "message": _("код %(code)s: неизвестная страна %(country)s")
                           % {"code": code, "country": record.country_code}})
            continue
        if code in existing and existing[code].level != record.level:
            errors.append({**where, "column": "level",
                           "message": _("код %(code)s уже есть с уровнем «%(level)s»")
                           % {"code": code, "level": existing[code].get_level_display()}})
        if not record.name_fields():
            errors.append({**where, "column": "name", "message": _("нет названия")})
        if record.parent_code is None:
            if record.level != Level.REGION:
                errors.append({**where, "column": "parent.id",
                               "message": _("не указан вышестоящий код")})
            continue
        parent = merged.get(record.parent_code) or existing.get(record.parent_code)
        if parent is None:
            errors.append({**where, "column": "parent.id",
                           "message": _("неизвестный вышестоящий код %(code)s")
                           % {"code": record.parent_code}})
        elif parent.level != parent_level(record.level):
            errors.append({**where, "column": "parent.id",
                           "message": _("%(parent)s не может включать уровень «%(level)s»")
                           % {"parent": record.parent_code, "level": record.level}})
    return errors


def _country(code: str, actor, existing: dict[str, Territory], counts) -> Territory:
    if code in existing:
        return existing[code]
    country = model_create(instance=Territory(code=code, level=Level.COUNTRY, country_code=code,
                                              **country_names(code)), actor=actor)
    existing[code] = country
    counts[Level.COUNTRY]["created"] += 1
    return country


@transaction.atomic
def country_ensure(*, code: str, actor=None) -> tuple[Territory, bool]:
    """The country of an ISO 3166-1 code, added with its names when missing (a 400 for a code
    that is not ISO 3166-1). Adding a country is an installation admin's act."""
    code = country_code(code)
    country = Territory.objects.filter(code=code, level=Level.COUNTRY).first()
    if country is not None:
        return country, False
    if actor is not None and not is_installation_admin(actor):
        raise DomainError(_("Добавить страну может только администратор"), code="forbidden")
    counts = {Level.COUNTRY: Counter()}
    return _country(code, actor, {}, counts), True


@transaction.atomic
def territory_save(*, code: str, data: dict, actor=None, reason: str = "") -> tuple[Territory, str]:
    """Create the territory with this code, or update it; says "created", "updated" or "unchanged"."""
    current = Territory.objects.filter(code=code).first()
    if current is None:
        return model_create(instance=Territory(code=code, **data), actor=actor,
                            reason=reason), "created"
    _, changes = model_update(instance=current, data=data, actor=actor, reason=reason)
    return current, "updated" if changes else "unchanged"


@transaction.atomic
def territory_import(
    *,
    records: list[TerritoryRecord],
    actor=None,
    report: Progress = _no_progress,
    allowed_countries: set[str] | None = None,
) -> dict[str, dict[str, int]]:
    """Create or update the records' territories. Unchanged rows are left untouched."""
    merged, errors = _merge(records)
    if allowed_countries is not None:
        errors += [
            {"row": r.source, "column": "id",
             "message": _("код %(code)s относится к другой стране") % {"code": r.code}}
            for r in merged.values() if r.country_code not in allowed_countries
        ][:20]
    codes = set(merged) | {r.parent_code for r in merged.values() if r.parent_code}
    codes |= {r.country_code for r in merged.values()}
    existing = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    errors += _check(merged, existing) if not errors else []
    if errors:
        raise DomainError(
            _("Импорт не выполнен: %(count)s ошибок; ничего не сохранено.") % {"count": len(errors)},
            errors=errors,
        )
    report(40, gettext_noop("Проверка пройдена"))
    counts = defaultdict(Counter)
    ordered = sorted(merged.values(), key=lambda r: (LEVEL_ORDER.index(r.level), r.code))
    for index, record in enumerate(ordered, start=1):
        country = _country(record.country_code, actor, existing, counts)
        parent = existing[record.parent_code] if record.parent_code else country
        data = {"level": record.level, "parent": parent, "country_code": record.country_code,
                **record.name_fields()}
        territory, outcome = territory_save(
            code=record.code, data=data, actor=actor,
            reason=_("импорт: %(source)s") % {"source": record.source})
        existing[record.code] = territory
        counts[record.level][outcome] += 1
        if index % 100 == 0:
            report(40 + 60 * index // len(ordered), gettext_noop("Записано %(n)s"), {"n": index})
    return {str(level): dict(counter) for level, counter in counts.items()}


def territory_import_job_run(*, job_id: int):
    """The worker's entry point for an import launched from the UI."""

    def handler(job, report: Progress) -> dict:
        report(5, gettext_noop("Чтение файла"))
        with job.input_file.open("rb") as handle:
            records = parse_bytes(handle.read(), job.input_name or job.input_file.name)
        report(20, gettext_noop("Прочитано записей: %(n)s"), {"n": len(records)})
        actor = job.created_by
        allowed = None if is_installation_admin(actor) else {user_country_code(actor)}
        counts = territory_import(records=records, actor=actor, report=report,
                                  allowed_countries=allowed)
        return {"counts": counts}

    return job_run(job_id=job_id, handler=handler)


# ---------------------------------------------------------------- boundaries (GeoJSON)


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON numbers


def _geojson_features(content: bytes) -> list:
    try:
        data = json.loads(content.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DomainError(_("Файл не является корректным JSON (UTF-8): %(error)s")
                          % {"error": str(exc)[:200]}) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise DomainError(_("Нужен GeoJSON FeatureCollection со списком features"))
    if not data["features"]:
        raise DomainError(_("В FeatureCollection нет ни одного объекта"))
    return data["features"]


def _feature_code(feature, code_property: str) -> str:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    value = properties.get(code_property) if isinstance(properties, dict) else None
    return "" if value is None or isinstance(value, dict | list) else str(value).strip()


def _boundary_problem(index: int, code: str, column: str, message: str) -> dict:
    return {"feature": index, "code": code, "row": f"features[{index}]", "column": column,
            "message": message}


def _checked_boundaries(features: list, code_property: str) -> tuple[dict, list[dict]]:
    """{code: (feature index, MultiPolygon coordinates)} and every problem, feature by feature."""
    named, found, errors = {}, {}, []
    for index, feature in enumerate(features):
        code = _feature_code(feature, code_property)
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        problems = [_boundary_problem(index, code, where, message)
                    for where, message in geometry_problems(geometry)]
        column = f"properties.{code_property}"
        if not code:
            problems.append(_boundary_problem(
                index, code, column,
                _("нет свойства «%(name)s» с кодом территории") % {"name": code_property}))
        elif code in named:
            problems.append(_boundary_problem(
                index, code, column, _("код %(code)s уже был в features[%(first)s]")
                % {"code": code, "first": named[code]}))
        else:
            named[code] = index
        errors += problems
        if code and not problems:
            found[code] = (index, polygons_of(geometry))
    known = set(Territory.objects.filter(code__in=list(named)).values_list("code", flat=True))
    errors += [_boundary_problem(index, code, f"properties.{code_property}",
                                 _("неизвестный код территории %(code)s") % {"code": code})
               for code, index in named.items() if code not in known]
    return found, sorted(errors, key=lambda error: error["feature"])


@transaction.atomic
def boundaries_import(*, actor, content: bytes, code_property: str = "code",
                      source: str = "") -> dict[str, int]:
    """Territory outlines from a GeoJSON FeatureCollection, matched by territory code.

    All or nothing: any problem refuses the whole file, naming each feature. A boundary already
    stored is replaced; one whose simplified geometry is unchanged is left as it is (no write,
    no audit row). Boundaries of territories not in the file stay.
    """
    check_upload_size(len(content))
    found, errors = _checked_boundaries(_geojson_features(content), code_property)
    if errors:
        raise DomainError(
            _("Границы не импортированы: ошибок %(count)s; ничего не сохранено.")
            % {"count": len(errors)}, errors=errors)
    territories = Territory.objects.in_bulk(list(found), field_name="code")
    existing = {b.territory_id: b for b in TerritoryBoundary.objects.filter(
        territory__in=territories.values())}
    counts = Counter(created=0, updated=0, unchanged=0, points=0)
    now, reason = timezone.now(), _("импорт границ: %(source)s") % {"source": source}
    for code, (_index, polygons) in found.items():
        territory = territories[code]
        geometry = {"type": "MultiPolygon", "coordinates": simplify(polygons)}
        counts["points"] += point_count(geometry["coordinates"])
        current = existing.get(territory.pk)
        if current is None:
            model_create(instance=TerritoryBoundary(territory=territory, geometry=geometry,
                                                    source=source[:255], imported_at=now),
                         actor=actor, reason=reason)
            counts["created"] += 1
        elif current.geometry == geometry:
            counts["unchanged"] += 1
        else:
            model_update(instance=current, actor=actor, reason=reason,
                         data={"geometry": geometry, "source": source[:255], "imported_at": now})
            counts["updated"] += 1
    return dict(counts)
