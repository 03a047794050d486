"""The 12345 hotline's business classes mapped to our minor classes (standards.md §9).

A work order transferred by 12345 names its class in 12345's own classification (a code and a
name). The command center keeps this table in the admin: each 12345 class points to the minor
class (部件/事件 小类) a case of it is filed under. A mapping of a single API client wins over the
jurisdiction's general one, so two hotline platforms with different codes can share a county.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gridcity.catalog.models import MinorClass
from gridcity.clients.models import ApiClient
from gridcity.org.models import Jurisdiction


class ClassMappingQuerySet(models.QuerySet):
    def for_client(self, client):
        """The mappings that apply to ``client``: its own, then its jurisdiction's general ones."""
        return self.filter(Q(client=client) | Q(client__isnull=True), jurisdiction_id=client.jurisdiction_id)


class ClassMapping(models.Model):
    """One 12345 business class → the minor class its work orders are filed under."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="+", verbose_name=_("jurisdiction")
    )
    client = models.ForeignKey(
        ApiClient,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("API client"),
        help_text=_("Leave empty for every hotline client of the jurisdiction."),
    )
    hotline_code = models.CharField(
        _("12345 class code"), max_length=50, help_text=_("The business class code in 12345's work orders.")
    )
    hotline_name = models.CharField(_("12345 class name"), max_length=100, blank=True)
    minor_class = models.ForeignKey(
        MinorClass, on_delete=models.PROTECT, related_name="+", verbose_name=_("minor class")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ClassMappingQuerySet.as_manager()

    class Meta:
        verbose_name = _("12345 class mapping")
        verbose_name_plural = _("12345 class mappings")
        ordering = ["jurisdiction", "hotline_code"]
        constraints = [
            # NULL never equals NULL in a unique constraint, so the general mapping needs its own.
            models.UniqueConstraint(
                fields=["jurisdiction", "hotline_code"],
                condition=Q(client__isnull=True),
                name="hotline_class_once_per_jurisdiction",
                violation_error_message=_("This 12345 class is already mapped for the jurisdiction."),
            ),
            models.UniqueConstraint(
                fields=["client", "hotline_code"],
                condition=Q(client__isnull=False),
                name="hotline_class_once_per_client",
                violation_error_message=_("This 12345 class is already mapped for the API client."),
            ),
        ]

    def __str__(self):
        return f"{self.hotline_code} {self.hotline_name} → {self.minor_class.full_code}".replace("  ", " ")

    def clean(self):
        if self.client_id and self.jurisdiction_id and self.client.jurisdiction_id != self.jurisdiction_id:
            raise ValidationError({"client": _("The API client belongs to another jurisdiction.")})
