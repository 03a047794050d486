"""The monthly random inspection (R9) and the award eligibility of units and communities (R11).

Each month the Civilisation Office opens the month's inspection: it forms the team from member
units, draws grids at random (the seed is recorded, so anyone can draw them again) and the
team inspects them: a score sheet per drawn grid for the frontage parties in it (each entry is
a frontage Inspection, so the party's own accountability follows), and findings, photographed
and filmed, that may become cases. Closing the month scores the units responsible in the drawn
grids (UnitResult); three failed months in a row within a year make a unit ineligible for that
year's awards (UnitIneligibility).

Rows change only through gridcity.inspection.monthly; none is ever deleted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction, Unit


class Strategy(models.TextChoices):
    """How the grids are drawn (gridcity.inspection.draw says exactly how)."""

    PER_ZONE = "per_zone", _("One grid per zone")
    ANY = "any", _("Any grids")


class InspectionState(models.TextChoices):
    OPEN = "open", _("Inspecting")
    CLOSED = "closed", _("Finished")


class MonthlyInspection(models.Model):
    """One month's inspection of a jurisdiction: the draw, the team, and its state."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="monthly_inspections",
        verbose_name=_("jurisdiction"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month inspected."))
    seed = models.PositiveBigIntegerField(_("seed of the draw"))
    seed_given = models.BooleanField(
        _("seed given by the office"), default=False, help_text=_("Otherwise generated at random.")
    )
    grid_count = models.PositiveSmallIntegerField(_("number of grids drawn"), default=11)
    strategy = models.CharField(
        _("way of drawing"), max_length=20, choices=Strategy.choices, default=Strategy.PER_ZONE
    )
    # The codes of the grids the draw was made from, in the order the rule reads them: with the
    # seed, the count and the strategy they reproduce the draw even after the layer changes.
    pool = models.JSONField(_("grids drawn from"), default=list)
    team_units = models.ManyToManyField(
        Unit, related_name="monthly_inspections", verbose_name=_("member units of the team")
    )
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="monthly_inspections", verbose_name=_("inspectors")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=InspectionState.choices, default=InspectionState.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("monthly inspection")
        verbose_name_plural = _("monthly inspections")
        ordering = ["jurisdiction", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "month"], name="one_inspection_per_month")
        ]

    def __str__(self):
        return f"{self.jurisdiction.name} {self.month:%Y-%m}"

    @property
    def is_open(self):
        return self.state == InspectionState.OPEN

    @property
    def key(self):
        """The month as it appears in addresses: 2026-11."""
        return f"{self.month:%Y-%m}"


class GridSheet(models.Model):
    """The score sheet of one drawn grid: an entry per frontage party, completed by an inspector."""

    inspection = models.ForeignKey(
        MonthlyInspection,
        on_delete=models.PROTECT,
        related_name="sheets",
        verbose_name=_("monthly inspection"),
    )
    position = models.PositiveSmallIntegerField(_("order drawn"))
    grid = models.ForeignKey(
        "grids.Grid", on_delete=models.PROTECT, related_name="inspection_sheets", verbose_name=_("grid")
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("grid score sheet")
        verbose_name_plural = _("grid score sheets")
        ordering = ["inspection", "grid__code"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "grid"], name="one_sheet_per_grid_and_month")
        ]

    def __str__(self):
        return f"{self.inspection} {self.grid.code}"

    @property
    def is_complete(self):
        return self.completed_at is not None


class SheetEntry(models.Model):
    """A party's result on a sheet: the frontage Inspection recorded through
    gridcity.frontage.inspections.record_inspection (so three failures in a row count)."""

    sheet = models.ForeignKey(
        GridSheet, on_delete=models.PROTECT, related_name="entries", verbose_name=_("grid score sheet")
    )
    party = models.ForeignKey(
        "frontage.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible party")
    )
    frontage_inspection = models.OneToOneField(
        "frontage.Inspection",
        on_delete=models.PROTECT,
        related_name="monthly_entry",
        verbose_name=_("frontage inspection"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("score sheet entry")
        verbose_name_plural = _("score sheet entries")
        ordering = ["sheet", "party__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "party"], name="one_entry_per_party_and_sheet")
        ]

    def __str__(self):
        return f"{self.sheet} {self.party}"


class Finding(models.Model):
    """A problem found in a drawn grid: where, what, who is responsible, the points deducted."""

    inspection = models.ForeignKey(
        MonthlyInspection,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("monthly inspection"),
    )
    sheet = models.ForeignKey(
        GridSheet, on_delete=models.PROTECT, related_name="findings", verbose_name=_("grid score sheet")
    )
    description = models.TextField(_("description"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    minor_class = models.ForeignKey(
        "catalog.MinorClass", on_delete=models.PROTECT, related_name="+", verbose_name=_("class")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_findings",
        verbose_name=_("responsible unit"),
    )
    party = models.ForeignKey(
        "frontage.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_findings",
        verbose_name=_("responsible party"),
    )
    deduction = models.DecimalField(_("points deducted"), max_digits=4, decimal_places=1)
    found_on = models.DateField(_("found on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_finding",
        verbose_name=_("case"),
    )
    case_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case made by"),
    )
    case_made_at = models.DateTimeField(_("case made at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["inspection", "pk"]

    def __str__(self):
        return f"{self.inspection} #{self.pk} {self.description[:30]}"


class FindingFile(models.Model):
    """A photo or video of a finding: the archive of what the team saw. Never deleted."""

    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, related_name="files", verbose_name=_("inspection finding")
    )
    file = models.FileField(_("file"), upload_to="inspection/%Y/%m/")
    media_type = models.CharField(_("media type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size"))
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("finding photo or video")
        verbose_name_plural = _("finding photos and videos")
        ordering = ["finding", "pk"]

    def __str__(self):
        return self.file.name

    @property
    def is_image(self):
        return self.media_type.startswith("image/")


class UnitResult(models.Model):
    """A unit's (or community's) result of a closed month: 100 less its findings' deductions."""

    inspection = models.ForeignKey(
        MonthlyInspection,
        on_delete=models.PROTECT,
        related_name="unit_results",
        verbose_name=_("monthly inspection"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="inspection_results", verbose_name=_("unit")
    )
    deductions = models.DecimalField(_("points deducted"), max_digits=6, decimal_places=1)
    findings = models.PositiveIntegerField(_("findings"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=1)
    passed = models.BooleanField(_("passed"))
    # Why the unit was inspected: [{"grid": code, "reasons": ["supervising", "sponsorship", "finding"]}]
    grounds = models.JSONField(_("inspected as"), default=list)

    class Meta:
        verbose_name = _("unit's monthly result")
        verbose_name_plural = _("units' monthly results")
        ordering = ["inspection", "unit__kind", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "unit"], name="one_result_per_unit_and_month")
        ]

    def __str__(self):
        return f"{self.unit} {self.inspection.month:%Y-%m} {self.score}"


class UnitIneligibility(models.Model):
    """A unit or community that failed three monthly inspections in a row within a calendar year
    is not eligible for that year's civilised-unit/civilised-community awards (细则 §六(四), R11).
    Written when the month that makes the third failure is closed."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="award_ineligibilities", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    since = models.DateField(_("since"), help_text=_("The month of the third failed inspection."))
    results = models.ManyToManyField(
        UnitResult, related_name="+", verbose_name=_("failed monthly inspections in a row")
    )
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        verbose_name = _("unit's award ineligibility")
        verbose_name_plural = _("units' award ineligibilities")
        ordering = ["-year", "unit__kind", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_unit_ineligibility_per_year")
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"
