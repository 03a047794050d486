"""Evaluation periods: a day, a month, a quarter or a year, in the jurisdiction's local time.

A period is the half-open range [start, end) of local dates; its figures count the events
recorded in it, so a period that has ended always gives the same figures again.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PeriodKind(models.TextChoices):
    DAY = "day", gettext_lazy("Day")
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    YEAR = "year", gettext_lazy("Year")


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: date

    @classmethod
    def day(cls, day):
        return cls(PeriodKind.DAY, day)

    @classmethod
    def month(cls, year, month):
        return cls(PeriodKind.MONTH, date(year, month, 1))

    @classmethod
    def quarter(cls, year, quarter):
        if quarter not in (1, 2, 3, 4):
            raise ValueError(_("A quarter is 1, 2, 3 or 4."))
        return cls(PeriodKind.QUARTER, date(year, 3 * quarter - 2, 1))

    @classmethod
    def year(cls, year):
        return cls(PeriodKind.YEAR, date(year, 1, 1))

    @classmethod
    def containing(cls, kind, day):
        """The period of ``kind`` that contains the date ``day``."""
        if kind == PeriodKind.DAY:
            return cls.day(day)
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.year(day.year)

    @classmethod
    def parse(cls, text):
        """A period from its slug: 2026, 2026-Q3, 2026-07 or 2026-07-15; ValueError names the problem."""
        text = (text or "").strip()
        try:
            if len(text) == 4:
                return cls.year(int(text))
            if len(text) == 7 and text[4:6].upper() == "-Q":
                return cls.quarter(int(text[:4]), int(text[6]))
            if len(text) == 7:
                return cls.month(int(text[:4]), int(text[5:7]))
            if len(text) == 10:
                return cls.day(date.fromisoformat(text))
        except ValueError:
            pass
        raise ValueError(
            _("“%(text)s” is not a period: write 2026, 2026-Q3, 2026-07 or 2026-07-15.") % {"text": text}
        )

    @property
    def end(self):
        """The first date after the period."""
        if self.kind == PeriodKind.DAY:
            return self.start + timedelta(days=1)
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self.kind]
        return _add_months(self.start, months)

    @property
    def days(self):
        return (self.end - self.start).days

    @property
    def slug(self):
        if self.kind == PeriodKind.YEAR:
            return f"{self.start.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        return self.start.isoformat()

    @property
    def label(self):
        """How people name it, e.g. 2026年第3季度."""
        if self.kind == PeriodKind.YEAR:
            return _("Year %(year)s") % {"year": self.start.year}
        if self.kind == PeriodKind.QUARTER:
            return _("Q%(quarter)s %(year)s") % {
                "year": self.start.year,
                "quarter": (self.start.month - 1) // 3 + 1,
            }
        if self.kind == PeriodKind.MONTH:
            return _("%(month)s/%(year)s") % {"year": self.start.year, "month": self.start.month}
        return self.start.isoformat()

    def bounds(self):
        """The period as aware datetimes [start, end) in the current time zone."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )

    def previous(self):
        if self.kind == PeriodKind.DAY:
            return Period.day(self.start - timedelta(days=1))
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self.kind]
        return Period(self.kind, _add_months(self.start, -months))

    def has_ended(self, now=None):
        return timezone.localdate(now or timezone.now()) >= self.end
