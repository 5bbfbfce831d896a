"""The overview's measure rows, rendered with Jinja2 (docs/decisions/0002-plan-overview-renderer.md).

300 rows through Django template loops cost 40–50 ms a page; the same rows through a compiled
Jinja2 template with autoescape cost a few, and every value is escaped without anyone having to
remember to.
"""

from pathlib import Path

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tendik.core.i18n import localized

register = template.Library()

# One environment for this fragment alone: the rest of the site stays on Django templates.
_ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "jinja2"),
    autoescape=True, undefined=StrictUndefined, auto_reload=False)
_ROWS = _ENVIRONMENT.get_template("plans/measure_rows.html")


@register.simple_tag
def measure_rows(measures: list[dict]):
    html = _ROWS.render(
        measures=measures, titles=[localized(measure, "title") for measure in measures],
        url=reverse("plans:measure", args=[0])[:-2],  # ".../measures/"; the id is appended
        fallback=_("Перевода нет: показан текст на другом языке"))
    # Jinja2 escaped every value above; Django must not escape the finished markup again.
    return mark_safe(html)  # noqa: S308
