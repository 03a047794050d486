"""The county's public sanitation and order day (公共卫生秩序日, 细则 §六(三), R14).

On the 15th of every month each grid's sponsoring county leader, its supervising unit and its
responsible units clean up together, and the leading group inspects. The platform keeps, per
jurisdiction and month, the day (OrderDay) and per grid who took part, what was done, the
photos, the leading group's check and its findings (GridRecord, Finding, Photo). Whoever was
expected and is missing from a grid's record is shown as absent (R16).

Rows are written only by gridcity.orderday.actions; photos are never deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction, Unit

# The day of the month the seed fixes (每月15日); another day needs a reason.
USUAL_DAY = 15


class OrderDay(models.Model):
    """One month's order day of a jurisdiction."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="order_days", verbose_name=_("jurisdiction")
    )
    date = models.DateField(_("date"))
    # The first day of the date's month: the unique constraint "one order day per month" holds on it
    # the same way on SQLite and PostgreSQL (no date-truncating expression needed).
    month = models.DateField(_("month"), editable=False)
    reason = models.CharField(
        _("reason for another date"),
        max_length=200,
        blank=True,
        help_text=_("Required when the day is not the 15th, e.g. moved for a public holiday."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("public order day")
        verbose_name_plural = _("public order days")
        ordering = ["jurisdiction", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "month"], name="one_order_day_per_month"),
            models.CheckConstraint(condition=Q(date__gte=models.F("month")), name="order_day_in_its_month"),
        ]

    def __str__(self):
        return f"{self.jurisdiction.name} {self.date:%Y-%m-%d}"


class GridRecord(models.Model):
    """What happened in one grid on an order day: who took part, what was done, the check.

    The leader and the units listed here took part; the grid's expected participants that are
    missing (gridcity.orderday.selectors.expected_participants) are the absent ones.
    """

    order_day = models.ForeignKey(
        OrderDay, on_delete=models.PROTECT, related_name="records", verbose_name=_("public order day")
    )
    grid = models.ForeignKey(
        "grids.Grid", on_delete=models.PROTECT, related_name="order_day_records", verbose_name=_("grid")
    )
    # Participation. Empty (participation_recorded_at is None) until somebody records it; a check
    # or a finding may come first, for a grid where nobody turned up.
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_day_records_led",
        verbose_name=_("sponsoring leader who took part"),
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="order_day_records", verbose_name=_("units that took part")
    )
    parties = models.ManyToManyField(
        "frontage.Party",
        blank=True,
        related_name="order_day_records",
        verbose_name=_("responsible parties that took part"),
    )
    head_count = models.PositiveIntegerField(_("head-count"), null=True, blank=True)
    work_done = models.TextField(_("work done"), blank=True)
    participation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participation recorded by"),
    )
    participation_recorded_at = models.DateTimeField(_("participation recorded at"), null=True, blank=True)
    # The leading group's check (督导检查).
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True, blank=True)
    check_note = models.TextField(_("check note"), blank=True)
    check_recorded_at = models.DateTimeField(_("check recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("grid record of an order day")
        verbose_name_plural = _("grid records of order days")
        ordering = ["order_day", "grid"]
        constraints = [
            models.UniqueConstraint(fields=["order_day", "grid"], name="one_record_per_grid_and_day")
        ]

    def __str__(self):
        return f"{self.order_day} · {self.grid}"

    @property
    def participation_recorded(self):
        return self.participation_recorded_at is not None

    @property
    def checked(self):
        return self.check_recorded_at is not None


class Finding(models.Model):
    """A problem the leading group found in a grid on the order day; it may become a case."""

    record = models.ForeignKey(
        GridRecord, on_delete=models.PROTECT, related_name="findings", verbose_name=_("grid record")
    )
    description = models.TextField(_("description"))
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("found by")
    )
    found_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # Set once, by actions.make_case; a second attempt is refused.
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_day_finding",
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
        verbose_name = _("order day finding")
        verbose_name_plural = _("order day findings")
        ordering = ["record", "found_at", "pk"]

    def __str__(self):
        return f"{self.record} · {self.description[:30]}"


class PhotoKind(models.TextChoices):
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")
    FINDING = "finding", _("Finding")


class Photo(models.Model):
    """A photo or video of an order day: before or after the clean-up, or of a finding.
    Checked by gridcity.cases.uploads.check_upload; never deleted."""

    record = models.ForeignKey(
        GridRecord, on_delete=models.PROTECT, related_name="photos", verbose_name=_("grid record")
    )
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("finding"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PhotoKind.choices)
    file = models.FileField(_("file"), upload_to="orderday/%Y/%m/")
    media_type = models.CharField(_("media type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size"))
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("order day photo")
        verbose_name_plural = _("order day photos")
        ordering = ["record", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="finding", finding__isnull=False)
                | (~Q(kind="finding") & Q(finding__isnull=True)),
                name="order_day_photo_of_finding_has_finding",
            )
        ]

    def __str__(self):
        return self.file.name

    @property
    def is_image(self):
        return self.media_type.startswith("image/")
