from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tendik.core.i18n import localized

register = template.Library()


@register.simple_tag
def loc(instance, field: str):
    """Text in the current language; a fallback is shown and marked with its language."""
    text = localized(instance, field)
    if not text.is_fallback or not text.text:
        return text.text
    return format_html('{} <span class="badge fallback" title="{}">{}</span>', text.text,
                       _("Перевода нет: показан текст на другом языке"), text.language)


@register.filter
def join_if_list(value):
    """Audit values that are lists (links, budget lines) read as «a; b», not as Python lists."""
    return "; ".join(str(item) for item in value) if isinstance(value, list) else value
