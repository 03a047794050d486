from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "gridcity.clients"
    verbose_name = _("API clients")

    def ready(self):
        from . import receivers  # noqa: F401
