from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "gridcity.org"
    verbose_name = _("Organisation")

    def ready(self):
        from gridcity import checks  # noqa: F401  (registers the deploy checks)
