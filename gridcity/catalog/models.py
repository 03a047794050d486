"""The class catalogue of components (部件) and events (事件), and the component register.

Classes and their codes follow CJ/T 214-2007 / GB/T 30428.2 (docs: standards.md §4–5); the
standard classes are loaded by migration 0002 and edited in the admin afterwards. Each minor
class carries its filing conditions (立案条件), each with a disposal time limit (处置时限) and a
closing condition (结案条件), as CJ/T 315 arranges them.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gridcity.worktime.units import LimitUnit

from .codes import parse_component_code, validate_component_code
from .positions import grid_location, parse_position

two_digits = RegexValidator(r"^\d{2}\Z", _("Enter two digits, e.g. 01."), code="two_digits")

# Disposal limits are counted in working hours or days; emergencies in natural hours
# (standards.md §6.4). Working minutes are for the command center's own steps, not disposal.
DISPOSAL_LIMIT_UNITS = [LimitUnit.NATURAL_HOURS, LimitUnit.WORKING_HOURS, LimitUnit.WORKING_DAYS]

# How people separate the other names of a class: commas (either width), 、, semicolons, spaces.
SYNONYM_SEPARATORS = re.compile(r"[,，、;；\s]+")


class MajorClass(models.Model):
    """A major class (大类) of components or of events, e.g. 部件 01 公用设施, 事件 05 街面秩序."""

    class Kind(models.TextChoices):
        COMPONENT = "component", _("Component")
        EVENT = "event", _("Event")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=2, validators=[two_digits])
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("major class")
        verbose_name_plural = _("major classes")
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="major_class_code_unique")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code} {self.name}"


class MinorClassQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def components(self):
        return self.filter(major__kind=MajorClass.Kind.COMPONENT)

    def events(self):
        return self.filter(major__kind=MajorClass.Kind.EVENT)


class MinorClass(models.Model):
    """A minor class (小类), the class a case is filed under, e.g. 部件 0101 上水井盖.

    Its conditions (``conditions``) say when a case of this class is filed, how long the
    responsible unit has to dispose of it, and when it is closed. Which unit is responsible
    is not stored here: units belong to a jurisdiction, so the routing "class × place → unit"
    lives in the duties of gridcity.org.
    """

    major = models.ForeignKey(
        MajorClass, on_delete=models.PROTECT, related_name="minors", verbose_name=_("major class")
    )
    code = models.CharField(_("code"), max_length=2, validators=[two_digits])
    name = models.CharField(_("name"), max_length=50)
    synonyms = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Words people also use for this class, separated by commas or spaces, e.g. 井盖 小广告."),
    )
    photo_required = models.BooleanField(
        _("photo required"), default=True, help_text=_("A report of this class must carry a photo.")
    )
    # A class taken out of use stays for the cases and components filed under it.
    is_active = models.BooleanField(_("active"), default=True)

    objects = MinorClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("minor class")
        verbose_name_plural = _("minor classes")
        ordering = ["major__kind", "major__code", "code"]
        constraints = [models.UniqueConstraint(fields=["major", "code"], name="minor_class_code_unique")]

    def __str__(self):
        return f"{self.major.get_kind_display()} {self.full_code} {self.name}"

    @property
    def full_code(self):
        """Major and minor code together, e.g. "0101"."""
        return self.major.code + self.code

    @property
    def kind(self):
        return self.major.kind

    @property
    def synonym_list(self):
        return [word for word in SYNONYM_SEPARATORS.split(self.synonyms) if word]


class Condition(models.Model):
    """One filing condition of a minor class with its disposal time limit and closing condition.

    A class has several (井盖 丢失 → 2 natural hours, urgent; 井盖 破损 → 1 working day); the
    person who files the case picks the one that applies, and the case's deadline follows it.
    """

    minor = models.ForeignKey(
        MinorClass, on_delete=models.CASCADE, related_name="conditions", verbose_name=_("minor class")
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Order within the class, from 1."))
    filing_condition = models.TextField(_("filing condition"))
    closing_condition = models.TextField(_("closing condition"))
    time_limit = models.DecimalField(
        _("time limit"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    limit_unit = models.CharField(
        _("limit unit"), max_length=20, choices=[(unit.value, unit.label) for unit in DISPOSAL_LIMIT_UNITS]
    )
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("An emergency (a missing manhole cover, a burst pipe): dispatched first."),
    )

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["minor", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minor", "number"], name="condition_number_unique"),
            models.CheckConstraint(condition=Q(time_limit__gt=0), name="condition_time_limit_positive"),
        ]

    def __str__(self):
        return f"{self.minor.full_code}-{self.number} {self.filing_condition[:40]}"


class Component(models.Model):
    """A physical component in public space (a manhole cover, a lamp, a bin) in the register.

    Written by gridcity.catalog.register (``import_components``, ``save_component``), which
    checks the code and the position and sets the grid from it.
    """

    class State(models.TextChoices):
        # GB/T 30428.2 attribute OBJSTATE.
        INTACT = "intact", _("intact")
        DAMAGED = "damaged", _("damaged")
        MISSING = "missing", _("missing")
        OCCUPIED = "occupied", _("occupied")

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="components",
        verbose_name=_("jurisdiction"),
    )
    code = models.CharField(
        _("component code"), max_length=16, unique=True, validators=[validate_component_code]
    )
    minor = models.ForeignKey(
        MinorClass,
        on_delete=models.PROTECT,
        related_name="components",
        limit_choices_to={"major__kind": MajorClass.Kind.COMPONENT},
        verbose_name=_("class"),
    )
    lon = models.FloatField(_("longitude"), help_text=_("WGS84 degrees east."))
    lat = models.FloatField(_("latitude"), help_text=_("WGS84 degrees north."))
    # Set from the position whenever the register writes the component; null only if that
    # never happened (a row written by hand).
    grid = models.ForeignKey(
        "grids.Grid",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="components",
        verbose_name=_("grid"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.INTACT)
    competent_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competent_components",
        verbose_name=_("competent unit"),
    )
    owner_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_components",
        verbose_name=_("owner unit"),
    )
    maintenance_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maintained_components",
        verbose_name=_("maintenance unit"),
    )
    owner_name = models.CharField(
        _("owner"),
        max_length=100,
        blank=True,
        help_text=_("An owner that is not a unit of the platform, e.g. a company."),
    )
    note = models.TextField(_("note"), blank=True)
    # A component taken out of use (现势性: 作废) stays for the cases that point at it.
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["code"]
        indexes = [models.Index(fields=["jurisdiction", "minor"], name="component_jurisdiction_class")]

    def __str__(self):
        return f"{self.code} {self.minor.name}" if self.minor_id else self.code

    def clean(self):
        errors = {}
        minor = self.minor if self.minor_id else None
        if minor is not None and minor.kind != MajorClass.Kind.COMPONENT:
            errors["minor"] = _("%(class)s is an event class, not a component class.") % {"class": minor}
        if self.code and self.jurisdiction_id:
            try:
                parse_component_code(
                    self.code,
                    self.jurisdiction.code,
                    minor.full_code if minor is not None and "minor" not in errors else None,
                )
            except ValidationError as error:
                errors["code"] = error.messages
        for name in ("competent_unit", "owner_unit", "maintenance_unit"):
            unit = getattr(self, name) if getattr(self, f"{name}_id") else None
            if unit is not None and self.jurisdiction_id and unit.jurisdiction_id != self.jurisdiction_id:
                errors[name] = _("The unit belongs to another jurisdiction.")
        if self.lon is not None and self.lat is not None:
            try:
                parse_position(self.lon, self.lat)
                if self.jurisdiction_id:
                    grid_location(self.lon, self.lat, self.jurisdiction)
            except ValidationError as error:
                errors["lon"] = error.messages
        if errors:
            raise ValidationError(errors)
