from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontageConfig(AppConfig):
    name = "gridcity.frontage"
    verbose_name = _("Frontage responsibility")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import accountability  # noqa: F401  (links reported cases to parties)
        from .lookup import frontage_changed
        from .models import Party

        # Any change of a party (admin, import, shell) makes every process rebuild its frontage
        # index: this process at once, the others when they see the new revision.
        post_save.connect(frontage_changed, sender=Party, dispatch_uid="frontage-party-saved")
        post_delete.connect(frontage_changed, sender=Party, dispatch_uid="frontage-party-deleted")
