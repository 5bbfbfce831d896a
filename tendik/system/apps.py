from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SystemConfig(AppConfig):
    name = "tendik.system"
    verbose_name = _("Состояние системы")

    def ready(self) -> None:
        # A failed or missing backup, or a silent worker, on the installation admin's home page.
        from .home import register

        register()
