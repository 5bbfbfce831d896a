from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tendik.plans"
    verbose_name = _("Стратегии и планы")
