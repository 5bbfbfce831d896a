from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "tendik.offline"
    verbose_name = _("Работа без связи")
