"""Numbers as people type them: «41,5», not «41,5000»."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import get_format

register = template.Library()


@register.filter
def typed_number(value) -> str:
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number, "f")
    if "." in text:  # 100.0000 → 100, 41.5000 → 41.5; normalize() alone gives 1E+2
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))
