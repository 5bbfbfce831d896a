"""Writes to the territory tree. An import checks every record first, then writes all or none."""

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tendik.core.errors import DomainError
from tendik.core.permissions import is_installation_admin
from tendik.core.selectors import user_country_code
from tendik.core.services import job_run, model_create, model_update

from .models import LEVEL_ORDER, Level, Territory, parent_level
from .open_admin_data import TerritoryRecord, parse_bytes

COUNTRY_NAMES = {
    "KG": ("Кыргызская Республика", "Кыргыз Республикасы", "Қырғыз Республикасы",
           "Kyrgyz Republic"),
    "KZ": ("Республика Казахстан", "Казакстан Республикасы", "Қазақстан Республикасы",
           "Republic of Kazakhstan"),
    "UZ": ("Республика Узбекистан", "Өзбекстан Республикасы", "Өзбекстан Республикасы",
           "Republic of Uzbekistan"),
    "TJ": ("Республика Таджикистан", "Тажикстан Республикасы", "Тәжікстан Республикасы",
           "Republic of Tajikistan"),
    "TM": ("Туркменистан", "Түркмөнстан", "Түрікменстан", "Turkmenistan"),
}

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
        if record.country_code not in COUNTRY_NAMES and record.country_code not in existing:
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
    ru, ky, kk, en = COUNTRY_NAMES[code]
    country = model_create(
        instance=Territory(code=code, level=Level.COUNTRY, country_code=code, name_ru=ru,
                           name_ky=ky, name_kk=kk, name_en=en),
        actor=actor,
    )
    existing[code] = country
    counts[Level.COUNTRY]["created"] += 1
    return country


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
