from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "gridcity.hotline"
    verbose_name = _("Citizen hotline exchange (12345)")

    def ready(self):
        from . import webhooks  # noqa: F401  (connects the case-event receiver)
