from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class WorkPeriod(models.Model):
    """One working period of the day (e.g. 08:30–12:00) in a jurisdiction.

    A jurisdiction without any counts the default 08:30–12:00 and 13:30–17:30
    (gridcity.worktime.calendar.DEFAULT_PERIODS).
    """

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="work_periods",
        verbose_name=_("jurisdiction"),
    )
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))

    class Meta:
        verbose_name = _("working period")
        verbose_name_plural = _("working periods")
        ordering = ["jurisdiction", "start"]
        constraints = [
            # clean() says it in words; this keeps a shell or a fixture from storing a period
            # that WorkCalendar would refuse to build.
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="work_period_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        if self.start is None or self.end is None:
            return  # the field errors say so
        if self.start >= self.end:
            raise ValidationError({"end": _("A working period must end after it starts.")})
        if self.jurisdiction_id is None:
            return
        # Periods that only touch (one ends at 12:00, the next starts at 12:00) do not overlap.
        others = WorkPeriod.objects.filter(
            jurisdiction_id=self.jurisdiction_id, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        clash = others.first()
        if clash is not None:
            raise ValidationError(
                _("This period overlaps the working period %(period)s of the same jurisdiction.")
                % {"period": clash}
            )


class DayOverrideQuerySet(models.QuerySet):
    def in_year(self, year):
        return self.filter(date__year=year)


class DayOverride(models.Model):
    """A date whose working status is decided locally, against the package's tables.

    Two uses: a local decision (a day off for a county event, a make-up working day), and the
    State Council's annual notice of holidays and swapped working days (调休) for a year the
    installed chinese-calendar package does not cover yet; one such row makes the year count
    as known (WorkCalendar.knows_holidays).
    """

    jurisdiction = models.ForeignKey(
        "org.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="day_overrides",
        verbose_name=_("jurisdiction"),
    )
    date = models.DateField(_("date"))
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Ticked: a working day (e.g. a swapped Saturday). Not ticked: a day off (a holiday)."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Why, e.g. “Spring Festival” or the State Council notice it comes from."),
    )

    objects = DayOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("day override")
        verbose_name_plural = _("day overrides")
        ordering = ["jurisdiction", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "date"], name="day_override_unique_in_jurisdiction"
            ),
        ]

    def __str__(self):
        status = _("working day") if self.is_working_day else _("day off")
        return f"{self.date:%Y-%m-%d} {status}"
