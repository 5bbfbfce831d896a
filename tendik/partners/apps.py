from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "tendik.partners"
    verbose_name = _("Партнёры")

    def ready(self) -> None:
        # The follow-ups due soon or overdue join their owners' home page.
        from .engagements.home import register

        register()
