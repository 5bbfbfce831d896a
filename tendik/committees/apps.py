from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "tendik.committees"
    verbose_name = _("Местные комитеты и службы помощи")

    def ready(self) -> None:
        # The months a committee's secretary or a crisis centre still has to fill, on their home.
        from .statistics.home import register

        register()
