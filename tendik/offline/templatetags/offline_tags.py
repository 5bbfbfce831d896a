"""The words app.js shows, translated here because scripts carry no text of their own."""

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


def offline_strings() -> dict[str, str]:
    # Counts follow a colon («…: 3»), the house style, so one form reads right for any number
    # in Russian without plural rules in the script.
    return {
        "offline_queue": _("Нет связи — изменения сохраняются на устройстве"),
        "offline_page": _("Нет связи: показана сохранённая копия страницы"),
        "cached": _("На устройстве сохранено отчётов: %(count)s (%(size)s КБ)"),
        "storage_low": _("Память устройства почти заполнена (свободно %(free)s МБ): новые "
                         "изменения могут не сохраниться. Отправьте их, когда будет связь, и "
                         "освободите место."),
        "logout_unsent": _("Не отправлено изменений: %(count)s. Если выйти, они будут удалены "
                           "с этого устройства. Выйти?"),
    }


@register.simple_tag
def offline_strings_script():
    return json_script(offline_strings(), "offline-strings")
