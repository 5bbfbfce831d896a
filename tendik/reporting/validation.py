"""Checks on indicator values: type and range per unit, code lists, breakdowns that add up."""

from decimal import Decimal, InvalidOperation
from itertools import product

from django.utils.translation import gettext as _

from tendik.plans.models import Aggregation, Indicator, Unit

from .models import MeasureProgress, Observation

# Limits on what a person types: generous for prose, and never unbounded.
NARRATIVE_MAX, REASON_MAX, TITLE_MAX, VENUE_MAX = 20_000, 2_000, 500, 255


def field_precision(model, name: str) -> tuple[int, int]:
    field = model._meta.get_field(name)
    return field.max_digits, field.decimal_places


VALUE_PRECISION = field_precision(Observation, "value")
AMOUNT_PRECISION = field_precision(MeasureProgress, "spent_amount")


def text_problem(value, limit: int) -> str | None:
    """Why `value` cannot be stored as a text of at most `limit` characters, if it cannot."""
    if not isinstance(value, str):
        return _("ожидается текст")
    if len(value) > limit:
        return _("не длиннее %(max)s знаков") % {"max": limit}
    if "\x00" in value:  # PostgreSQL refuses NUL in text
        return _("недопустимый символ")
    return None


def precision_problem(value: Decimal, precision: tuple[int, int]) -> str | None:
    """Refuse rather than round: a value the column cannot hold exactly is an error."""
    digits, places = precision
    if abs(value) >= Decimal(10) ** (digits - places):
        return _("не более %(n)s знаков до запятой") % {"n": digits - places}
    if value != value.quantize(Decimal(1).scaleb(-places)):
        return _("не более %(n)s знаков после запятой") % {"n": places}
    return None


def parse_decimal(raw) -> Decimal | None:
    """A finite number from a number or its text (comma or point), else None."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        return None
    try:
        value = Decimal(str(raw).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def disaggregation_key(codes: dict[str, str]) -> str:
    return "|".join(f"{dimension}={code}" for dimension, code in sorted(codes.items()))


def parse_key(key: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in key.split("|") if part)


def code_lists(indicator: Indicator) -> dict[str, set[str]]:
    """The indicator's dimensions with their allowed codes (dimensions and values prefetched).

    A dimension restricted to a single code (a women-only indicator's sex) is no breakdown.
    """
    restrictions = indicator.code_restrictions or {}
    lists = {}
    for dimension in indicator.dimensions.all():
        codes = {v.code for v in dimension.values.all()}
        if dimension.code in restrictions:
            codes &= set(restrictions[dimension.code])
        if len(codes) > 1:
            lists[dimension.code] = codes
    return lists


def breakdown_keys(lists: dict[str, set[str]]) -> list[str]:
    """The total ("") and then every full combination of codes, in a stable order."""
    dimensions = sorted(lists)
    if not dimensions:
        return [""]
    return [""] + [disaggregation_key(dict(zip(dimensions, combo, strict=True)))
                   for combo in product(*(sorted(lists[d]) for d in dimensions))]


def check_value(indicator: Indicator, raw) -> tuple[Decimal | None, str | None]:
    value = parse_decimal(raw)
    if value is None:
        return None, _("«%(value)s» — не число") % {"value": raw}
    problem = precision_problem(value, VALUE_PRECISION)
    if problem:
        return None, problem
    if indicator.unit == Unit.PERCENT and not 0 <= value <= 100:
        return None, _("процент должен быть от 0 до 100, указано %(value)s") % {"value": value}
    if indicator.unit == Unit.BOOLEAN and value not in (0, 1):
        return None, _("для «да/нет» допустимы только 0 и 1, указано %(value)s") % {
            "value": value}
    if indicator.unit in (Unit.NUMBER, Unit.CURRENCY) and value < 0:
        return None, _("значение не может быть отрицательным: %(value)s") % {"value": value}
    return value, None


def check_codes(indicator: Indicator, codes: dict[str, str], lists: dict[str, set[str]]):
    if not codes:
        return None
    unknown = set(codes) - set(lists)
    if unknown:
        return _("у индикатора %(code)s нет разреза %(dimension)s") % {
            "code": indicator.code, "dimension": ", ".join(sorted(unknown))}
    for dimension, code in codes.items():
        if code not in lists[dimension]:
            return _("код «%(code)s» не входит в список «%(dimension)s» (допустимо: %(allowed)s)") % {
                "code": code, "dimension": dimension,
                "allowed": ", ".join(sorted(lists[dimension]))}
    if set(codes) != set(lists):
        return _("укажите все разрезы индикатора: %(dimensions)s") % {
            "dimensions": ", ".join(sorted(lists))}
    return None


def breakdown_size(lists: dict[str, set[str]]) -> int:
    size = 1
    for codes in lists.values():
        size *= len(codes)
    return size if lists else 0


def check_total(indicator: Indicator, values: dict[str, Decimal], lists, override: str):
    """For `sum` indicators a complete breakdown must add up to the total, unless explained."""
    if indicator.aggregation != Aggregation.SUM or "" not in values or override:
        return None
    parts = {key: value for key, value in values.items() if key}
    if not lists or len(parts) != breakdown_size(lists):
        return None
    total = sum(parts.values(), Decimal(0))
    if total != values[""]:
        return _("сумма по разрезам (%(parts)s) не равна итогу (%(total)s); исправьте значения "
                 "или укажите причину расхождения") % {"parts": total, "total": values[""]}
    return None


def outlier(previous: Decimal | None, value: Decimal, factor: float) -> bool:
    if previous is None or previous == 0 or value == 0:
        return False
    ratio = float(value / previous)
    return ratio > factor or ratio < 1 / factor
