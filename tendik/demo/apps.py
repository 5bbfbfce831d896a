from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data set. It sits above every other app so that `core` imports none of them."""

    name = "tendik.demo"
    verbose_name = _("Демонстрационные данные")
