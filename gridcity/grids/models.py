from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction, Unit

from .codes import parse_grid_code, validate_grid_code


class Zone(models.Model):
    """A grid zone (网区): a group of grids patrolled by one information collector, with a
    supervising unit (督导单位) and a sponsoring county leader (包扶县领导)."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="zones", verbose_name=_("jurisdiction")
    )
    code = models.CharField(
        _("code"), max_length=10, help_text=_("Number of the zone in its jurisdiction, e.g. 01.")
    )
    name = models.CharField(_("name"), max_length=100)
    supervising_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_zones",
        verbose_name=_("supervising unit"),
    )
    sponsor = models.ForeignKey(
        "org.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_zones",
        verbose_name=_("sponsoring county leader"),
    )

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["jurisdiction", "code"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="zone_code_unique_in_jurisdiction")
        ]

    def __str__(self):
        return self.name


class GridQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Grid(models.Model):
    """A unit grid (单元网格, GB/T 30428.1): the smallest area the platform manages."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="grids", verbose_name=_("jurisdiction")
    )
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="grids", verbose_name=_("zone"))
    code = models.CharField(_("grid code"), max_length=15, unique=True, validators=[validate_grid_code])
    name = models.CharField(_("name"), max_length=100)
    # A GeoJSON Polygon or MultiPolygon in WGS84 (lon, lat). Written by gridcity.grids.layer,
    # which validates the geometry and computes the area from it.
    boundary = models.JSONField(_("boundary"))
    area_m2 = models.FloatField(_("area (m²)"))
    collector = models.ForeignKey(
        "org.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collector_grids",
        verbose_name=_("information collector"),
    )
    # A grid that left the layer stays for the records that point at it.
    is_active = models.BooleanField(_("active"), default=True)

    objects = GridQuerySet.as_manager()

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = {}
        if self.code and self.jurisdiction_id:
            try:
                parse_grid_code(self.code, self.jurisdiction.code)
            except ValidationError as error:
                errors["code"] = error.messages
        if self.zone_id and self.jurisdiction_id and self.zone.jurisdiction_id != self.jurisdiction_id:
            errors["zone"] = _("The zone belongs to another jurisdiction.")
        if errors:
            raise ValidationError(errors)


class LayerRevision(models.Model):
    """A single row counting changes to zones and grids.

    Each process keeps its spatial index in memory; it compares this number now and then
    (GRID_INDEX_RECHECK_SECONDS) to learn that another process changed a boundary.
    """

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("grid layer revision")

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls):
        number = cls.objects.filter(pk=1).values_list("number", flat=True).first()
        return number or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
