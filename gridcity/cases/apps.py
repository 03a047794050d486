from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gridcity.cases"
    verbose_name = _("Cases")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .deadlines import forget_stage_limits
        from .models import StageLimit

        post_save.connect(forget_stage_limits, sender=StageLimit, dispatch_uid="stage-limit-saved")
        post_delete.connect(forget_stage_limits, sender=StageLimit, dispatch_uid="stage-limit-deleted")
