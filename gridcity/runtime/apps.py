from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuntimeConfig(AppConfig):
    name = "gridcity.runtime"
    verbose_name = _("Background work")
