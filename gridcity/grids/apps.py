from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridsConfig(AppConfig):
    name = "gridcity.grids"
    verbose_name = _("Grids")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .locating import layer_changed
        from .models import Grid, Zone

        # Any change of a grid or zone (admin, import, shell) makes every process rebuild its
        # spatial index: this process at once, the others when they see the new revision.
        for model in (Grid, Zone):
            post_save.connect(layer_changed, sender=model, dispatch_uid=f"layer-save-{model.__name__}")
            post_delete.connect(layer_changed, sender=model, dispatch_uid=f"layer-delete-{model.__name__}")
