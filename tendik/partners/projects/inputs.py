"""What a client sends for a project, checked field by field before anything is written.

Every problem names its field as the form and the API show it (`budget[0].currency`); an id that
is not in the country's (or the reader's) scope is a 404 on its field, anything else a 400."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.plans.models import FrameworkItem, FrameworkKind, FundingSource, Measure
from tendik.reporting.services.common import as_int
from tendik.territories.models import Level, Territory

from ..models import AMOUNT, PartnerRole, Project
from ..money.currencies import currency_check
from .selectors import partner_organisations

AMOUNT_LIMIT = Decimal(10) ** (AMOUNT["max_digits"] - AMOUNT["decimal_places"])
CENT = Decimal("0.01")
THEMATIC_KINDS = (FrameworkKind.SDG, FrameworkKind.BEIJING)
TEXT_LIMITS = {name: Project._meta.get_field(name).max_length
               for name in ("title_ru", "title_ky", "title_kk", "title_en", "code")}


class Problems:
    """Collects field errors so a form shows all of them at once; a 404 outranks a 400."""

    def __init__(self):
        self.errors: list[dict] = []
        self.code = "invalid"

    def add(self, field: str, message: str, code: str = "invalid") -> None:
        self.errors.append({"field": field, "message": str(message)})
        if code == "not_found":
            self.code = code

    def check(self) -> None:
        if self.errors:
            detail = self.errors[0]["message"] if len(self.errors) == 1 else _(
                "Данные не приняты: ошибок — %(count)s.") % {"count": len(self.errors)}
            raise DomainError(detail, code=self.code, errors=self.errors)


def pk_of(value) -> int | None:
    return as_int(getattr(value, "pk", value))


def clean_date(problems: Problems, field: str, value) -> datetime.date | None:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.add(field, _("Дата в формате ГГГГ-ММ-ДД."))
        return None


def clean_amount(problems: Problems, field: str, value, *, positive: bool = False):
    try:
        amount = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        amount = None
    if isinstance(value, bool) or amount is None or not amount.is_finite():
        problems.add(field, _("Укажите сумму числом, например 15000.50."))
    elif amount != amount.quantize(CENT):
        problems.add(field, _("Не больше двух знаков после запятой."))
    elif amount < 0 or (positive and amount == 0):
        problems.add(field, _("Сумма должна быть больше нуля.") if positive
                     else _("Сумма не может быть отрицательной."))
    elif amount >= AMOUNT_LIMIT:
        problems.add(field, _("Слишком большая сумма."))
    else:
        return amount.quantize(CENT)
    return None


def clean_currency(problems: Problems, field: str, value) -> str | None:
    try:
        return currency_check(value if isinstance(value, str) else "", field=field)
    except DomainError as exc:
        problems.errors += exc.errors
        return None


def clean_texts(problems: Problems, data: dict) -> dict:
    texts = {name: data[name].strip() if isinstance(data[name], str) else data[name]
             for name in (*TEXT_LIMITS, "summary") if name in data}
    for name, value in texts.items():
        if not isinstance(value, str):
            problems.add(name, _("Ожидается текст."))
        elif name in TEXT_LIMITS and len(value) > TEXT_LIMITS[name]:
            problems.add(name, _("Не длиннее %(max)s символов.") % {"max": TEXT_LIMITS[name]})
    if "title_ru" in texts and not texts["title_ru"]:
        problems.add("title_ru", _("Укажите название на русском языке."))
    return texts


def clean_period(problems: Problems, start, end) -> tuple:
    start = clean_date(problems, "period_start", start)
    end = clean_date(problems, "period_end", end)
    if start and end and end < start:
        problems.add("period_end", _("Окончание раньше начала."))
    return start, end


def organisation_in(problems, actor, country, field: str, value):
    """An organisation of the project's country or an international one, seen by the actor."""
    pk = pk_of(value)
    found = partner_organisations(actor, country).filter(pk=pk).first() if pk else None
    if found is None:
        problems.add(field, _("Организация не найдена."), code="not_found")
    return found


def clean_partners(problems: Problems, actor, country, rows) -> list[tuple]:
    """[(organisation, role)]; one organisation may hold several roles, each once."""
    cleaned, seen = [], set()
    for index, row in enumerate(_rows(problems, "partners", rows)):
        organisation = organisation_in(problems, actor, country,
                                       f"partners[{index}].organisation", row.get("organisation"))
        role = row.get("role")
        if role not in PartnerRole.values:
            problems.add(f"partners[{index}].role", _("Выберите роль из списка."))
        elif organisation is not None and (organisation.pk, role) in seen:
            problems.add(f"partners[{index}].role", _("Эта организация уже указана с этой ролью."))
        elif organisation is not None:
            seen.add((organisation.pk, role))
            cleaned.append((organisation, role))
    return cleaned


def clean_budget(problems: Problems, actor, country, rows, period: tuple) -> list[dict]:
    cleaned = []
    for index, row in enumerate(_rows(problems, "budget", rows)):
        name = f"budget[{index}]"
        line = {"year": _year(problems, f"{name}.year", row.get("year"), period),
                "amount": clean_amount(problems, f"{name}.amount", row.get("amount")),
                "currency": clean_currency(problems, f"{name}.currency", row.get("currency")),
                "source": row.get("source"), "funder": None, "measure": None}
        if line["source"] not in FundingSource.values:
            problems.add(f"{name}.source", _("Выберите источник из списка."))
        if row.get("funder") not in (None, ""):
            line["funder"] = organisation_in(problems, actor, country, f"{name}.funder",
                                             row["funder"])
        if row.get("measure") not in (None, ""):
            line["measure"] = _one(problems, f"{name}.measure", country_measures(country),
                                   row["measure"], _("Мероприятие плана не найдено."))
        cleaned.append(line)
    return cleaned


def _rows(problems: Problems, field: str, rows) -> list[dict]:
    if rows is None:
        return []
    if not isinstance(rows, list | tuple) or not all(isinstance(r, dict) for r in rows):
        problems.add(field, _("Ожидается список строк."))
        return []
    return list(rows)


def _year(problems: Problems, field: str, value, period: tuple) -> int | None:
    year = as_int(value)
    start, end = period
    if year is None:
        problems.add(field, _("Укажите год числом."))
    elif start and end and not start.year <= year <= end.year:
        problems.add(field, _("Год вне срока проекта (%(start)s–%(end)s).") % {
            "start": start.year, "end": end.year})
    else:
        return year
    return None


def _one(problems: Problems, field: str, queryset, value, message):
    pk = pk_of(value)
    found = queryset.filter(pk=pk).first() if pk else None
    if found is None:
        problems.add(field, message, code="not_found")
    return found


def country_measures(country):
    return Measure.objects.filter(plan__country=country)


def country_territories(country):
    return Territory.objects.filter(country_code=country.country_code).exclude(
        level=Level.COUNTRY)


def clean_links(problems: Problems, country, data: dict) -> dict:
    """The many-to-many links given in `data`: territories by code, measures and frameworks by id."""
    links = {}
    if "territories" in data:
        links["territories"] = _many(problems, "territories", country_territories(country),
                                     data["territories"], "code", _("Территория не найдена."))
    if "measures" in data:
        links["measures"] = _many(problems, "measures", country_measures(country),
                                  data["measures"], "pk", _("Мероприятие плана не найдено."))
    if "frameworks" in data:
        links["frameworks"] = _many(
            problems, "frameworks", FrameworkItem.objects.filter(kind__in=THEMATIC_KINDS),
            data["frameworks"], "pk", _("Нет такой задачи ЦУР или области Пекинской платформы."))
    return links


def _many(problems: Problems, field: str, queryset, values, key: str, message) -> list:
    if values is None:
        values = []
    if not isinstance(values, list | tuple):
        problems.add(field, _("Ожидается список."))
        return []
    wanted = [getattr(v, key, v) if key == "code" else pk_of(v) for v in values]
    if any(w in (None, "") for w in wanted):
        problems.add(field, message, code="not_found")
        return []
    found = {getattr(item, key): item for item in queryset.filter(**{f"{key}__in": wanted})}
    missing = [w for w in wanted if w not in found]
    if missing:
        problems.add(field, f"{message} ({', '.join(map(str, missing))})", code="not_found")
    return list({item.pk: item for item in found.values()}.values())
