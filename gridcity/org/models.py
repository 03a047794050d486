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
