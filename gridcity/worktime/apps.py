from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorktimeConfig(AppConfig):
    name = "gridcity.worktime"
    verbose_name = _("Working time")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks  # noqa: F401  (registers worktime.W001)
        from .models import DayOverride, WorkPeriod
        from .selectors import calendar_changed

        # Any change of a period or an override (admin, shell, fixture) makes this process
        # rebuild that jurisdiction's calendar; other processes do within a minute.
        for model in (WorkPeriod, DayOverride):
            post_save.connect(calendar_changed, sender=model, dispatch_uid=f"worktime-save-{model.__name__}")
            post_delete.connect(
                calendar_changed, sender=model, dispatch_uid=f"worktime-delete-{model.__name__}"
            )
