from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "gridcity.console"
    verbose_name = _("Staff console")

    def ready(self):
        # Connects the receiver that writes new-task notifications after each committed event.
        from . import notifications  # noqa: F401
