from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    name = "gridcity.open311"
    verbose_name = _("Open311 GeoReport v2")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from gridcity.catalog.models import Condition, MajorClass, MinorClass
        from gridcity.clients.models import ApiClient
        from gridcity.org.models import Jurisdiction

        from . import keys
        from .catalogue import catalogue_changed
        from .models import ServiceAttribute

        # The services each process holds (catalogue.py) are built again after any change of
        # what they are made of: in this process at once, in the others after the recheck time.
        for model in (MajorClass, MinorClass, Condition, ServiceAttribute, Jurisdiction):
            name = model.__name__
            post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"open311-save-{name}")
            post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"open311-delete-{name}")
        # A key switched off or replaced stops working in this process at once (keys.py).
        post_save.connect(keys.forget, sender=ApiClient, dispatch_uid="open311-client-saved")
        post_delete.connect(keys.forget, sender=ApiClient, dispatch_uid="open311-client-deleted")
