from django import template

from tendik.analytics.charts import format_number

register = template.Library()


@register.filter
def figure(value) -> str:
    """A number as the reader writes it («1 424», «41,5»), the same as on the charts."""
    return format_number(None if value is None else float(value))
