from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .validators import validate_admin_code


class Jurisdiction(models.Model):
    """A county (or district, or city) that runs its grid management on this platform.

    Every top-level row belongs to one, so one deployment can serve several counties.
    """

    code = models.CharField(
        _("administrative code"), max_length=6, unique=True, validators=[validate_admin_code]
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Unit(models.Model):
    """An organisation that takes part: the leading group's office, a member department, the
    command center, a town or street, the development zone."""

    class Kind(models.TextChoices):
        LEADING_OFFICE = "leading_office", _("Leading group office")
        COMMAND_CENTER = "command_center", _("Command center")
        DEPARTMENT = "department", _("County department")
        DEVELOPMENT_ZONE = "development_zone", _("Development zone")
        TOWN = "town", _("Town or street")
        COMMUNITY = "community", _("Village or community")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="units", verbose_name=_("jurisdiction")
    )
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Short, stable identifier, e.g. urban-management.")
    )
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    is_member = models.BooleanField(
        _("member of the leading group"),
        default=False,
        help_text=_("Member units of the grid-management leading group share its duties."),
    )
    duties = models.TextField(_("duties"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["jurisdiction", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="unit_code_unique_in_jurisdiction")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id and self.parent.jurisdiction_id != self.jurisdiction_id:
            raise ValidationError({"parent": _("The parent unit belongs to another jurisdiction.")})


class User(AbstractUser):
    """A person who signs in: staff of the command center, a department, a town, the office.

    Roles are Django groups named after gridcity.org.roles.Role.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("jurisdiction"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("unit")
    )
    zone = models.ForeignKey(
        "grids.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collectors",
        verbose_name=_("zone"),
        help_text=_("The zone an information collector patrols."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["username"]

    def __str__(self):
        full_name = f"{self.last_name}{self.first_name}".strip()
        return full_name or self.username

    @property
    def display_name(self):
        return str(self)

    @property
    def roles(self):
        """The set of Role values this person holds (cached for the request)."""
        if not hasattr(self, "_roles"):
            self._roles = frozenset(self.groups.values_list("name", flat=True))
        return self._roles

    def has_role(self, role):
        return Role(role) in self.roles

    def clean(self):
        errors = {}
        if self.unit_id and self.jurisdiction_id and self.unit.jurisdiction_id != self.jurisdiction_id:
            errors["unit"] = _("The unit belongs to another jurisdiction.")
        if self.zone_id and self.jurisdiction_id and self.zone.jurisdiction_id != self.jurisdiction_id:
            errors["zone"] = _("The zone belongs to another jurisdiction.")
        if errors:
            raise ValidationError(errors)


class Place(models.TextChoices):
    """Kinds of place that decide, with the class of a problem, which unit must handle it (R3)."""

    ANY = "any", _("Anywhere")
    MAIN_ROAD = "main_road", _("Main road or public place")
    CONSTRUCTION_SITE = "construction_site", _("Construction site")
    PROPERTY_COMPOUND = "property_compound", _("Residential compound under property management")
    VILLAGE_COMMUNITY = "village_community", _("Village or community")
    STREET_BUSINESS = "street_business", _("Street-facing business")
    STREET_RESTAURANT = "street_restaurant", _("Street-facing restaurant")


class DutyRule(models.Model):
    """One line of the duty matrix (R3): problems of this class, at this kind of place, are
    the duty of this unit. gridcity.org.duties picks the most specific line for a case."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="duty_rules", verbose_name=_("jurisdiction")
    )
    major_class = models.ForeignKey(
        "catalog.MajorClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("major class"),
        help_text=_("Empty: every class."),
    )
    minor_class = models.ForeignKey(
        "catalog.MinorClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("minor class"),
        help_text=_("Empty: every minor class of the major class."),
    )
    place = models.CharField(_("place"), max_length=30, choices=Place.choices, default=Place.ANY)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="duty_rules", verbose_name=_("unit")
    )
    informs = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="informed_by_rules",
        verbose_name=_("result reported to"),
        help_text=_("A unit the handling unit tells the result, e.g. 城管局 for 环保局's measurements."),
    )
    reason = models.CharField(_("reason"), max_length=200, help_text=_("Shown to the dispatcher."))

    class Meta:
        verbose_name = _("duty rule")
        verbose_name_plural = _("duty matrix")
        ordering = ["jurisdiction", "major_class", "minor_class", "place", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "major_class", "minor_class", "place"],
                name="one_duty_rule_per_class_and_place",
            )
        ]

    def __str__(self):
        target = self.minor_class or self.major_class or _("every class")
        return f"{target} · {self.get_place_display()} → {self.unit}"

    def clean(self):
        if self.minor_class_id and self.major_class_id and self.minor_class.major_id != self.major_class_id:
            raise ValidationError({"minor_class": _("The minor class belongs to another major class.")})
        if self.unit_id and self.unit.jurisdiction_id != self.jurisdiction_id:
            raise ValidationError({"unit": _("The unit belongs to another jurisdiction.")})
