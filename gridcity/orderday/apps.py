from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrderDayConfig(AppConfig):
    name = "gridcity.orderday"
    verbose_name = _("Public order day")
