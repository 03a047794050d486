"""The working-time calendar: which days are working days, and how working time adds up.

Pure code, no database: `WorkCalendar` takes the daily working periods and the local day
overrides as arguments (gridcity.worktime.selectors.calendar_for builds one from the rows
of a jurisdiction), so deadlines and traffic lights can be computed and tested with any
calendar and any clock.

Which days are working days, in this order:

1. a local override (`DayOverride`) for that date, either way;
2. for the years the chinese-calendar package covers, the State Council's public holidays
   and swapped working days (调休) from its tables;
3. otherwise Monday to Friday. A year the package does not know yet (1.11.0 ends with 2026)
   therefore never crashes: it counts weekends only, plus whatever an administrator entered
   from the State Council's annual notice.

Working time is measured on the wall clock of the calendar's time zone (Asia/Shanghai has
had no daylight saving time since 1991); natural time is real elapsed time.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo

import chinese_calendar

from .units import LimitUnit

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: The working periods when a jurisdiction has entered none: 08:30–12:00 and 13:30–17:30.
DEFAULT_PERIODS = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))

# The years the package has tables for, read from its data rather than hard-coded, so that
# upgrading the pin is all it takes to learn a new year. The package itself raises
# NotImplementedError outside this range.
PACKAGE_FIRST_YEAR = min(chinese_calendar.holidays).year
PACKAGE_LAST_YEAR = max(chinese_calendar.holidays).year

_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
_FIXED_LENGTHS = {
    LimitUnit.WORKING_MINUTES: timedelta(minutes=1),
    LimitUnit.WORKING_HOURS: timedelta(hours=1),
    LimitUnit.NATURAL_HOURS: timedelta(hours=1),
}


def package_knows_year(year):
    """Whether the installed chinese-calendar has the State Council's holidays for `year`."""
    return PACKAGE_FIRST_YEAR <= year <= PACKAGE_LAST_YEAR


def package_is_working_day(day):
    """The package's answer for `day` (a date): True or False, or None for a year it does not cover."""
    if not PACKAGE_FIRST_YEAR <= day.year <= PACKAGE_LAST_YEAR:
        return None
    # The rule of chinese_calendar.is_workday, on its exported tables: is_workday itself
    # rescans the whole holiday table for its range check on every call, which would make a
    # deadline across a Spring Festival cost milliseconds. tests/worktime checks that both
    # agree on every day the package covers.
    return day in chinese_calendar.workdays or (day.weekday() < 5 and day not in chinese_calendar.holidays)


def _offset(moment):
    """A time of day as the timedelta since midnight."""
    return timedelta(
        hours=moment.hour, minutes=moment.minute, seconds=moment.second, microseconds=moment.microsecond
    )


def _duration(amount, length):
    """`amount` times `length`, rounded to the microsecond."""
    if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal):
        raise TypeError(f"A time limit is an int, float or Decimal, not {type(amount).__name__}.")
    # Decimal(float) is exact, so a float amount is rounded once, here, and nowhere else.
    value = amount if isinstance(amount, Decimal) else Decimal(amount)
    if not value.is_finite() or value < 0:
        raise ValueError(f"A time limit must be a finite number of at least 0, not {amount!r}.")
    microseconds = value * (length // timedelta(microseconds=1))
    return timedelta(microseconds=int(microseconds.to_integral_value(ROUND_HALF_EVEN)))


class WorkCalendar:
    """Working periods of the day, working days of the year, and arithmetic on both.

    periods: (start, end) pairs of datetime.time, non-overlapping (given in any order);
        None means DEFAULT_PERIODS.
    overrides: {date: is_working_day}, local decisions and the State Council's notice for
        the years the package does not know; they win over the package.
    tz: the zone whose wall clock the periods are read on.

    Raises ValueError for an empty, inverted or overlapping set of periods.
    """

    def __init__(self, periods=None, overrides=None, tz=SHANGHAI):
        pairs = sorted(DEFAULT_PERIODS if periods is None else periods)
        if not pairs:
            raise ValueError("A working calendar needs at least one working period.")
        for start, end in pairs:
            if not start < end:
                raise ValueError(f"The working period {start}–{end} does not end after it starts.")
        for (_, first_end), (second_start, _) in pairwise(pairs):
            if second_start < first_end:
                raise ValueError(f"The working periods overlap around {second_start}.")
        overrides = dict(overrides or {})
        for day in overrides:
            # A datetime is a date too, but would never match a day looked up by date.
            if isinstance(day, datetime) or not isinstance(day, date):
                raise TypeError(f"Override keys are dates, not {type(day).__name__}.")
        self.periods = tuple((start, end) for start, end in pairs)
        self.overrides = MappingProxyType(overrides)
        self.tz = tz
        self._spans = tuple((_offset(start), _offset(end)) for start, end in pairs)
        self._override_years = frozenset(day.year for day in overrides)
        #: Working time in one working day (7 h 30 min with the default periods).
        self.day_length = sum((end - start for start, end in self._spans), _ZERO)

    def __repr__(self):
        periods = ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in self.periods)
        return f"<WorkCalendar {periods}, {len(self.overrides)} overrides, {self.tz}>"

    # Days

    def is_working_day(self, day):
        """Whether `day` (a date) is a working day: override, then the package, then Mon–Fri."""
        if isinstance(day, datetime):
            # Which date an aware moment falls on depends on the zone: the caller decides.
            raise TypeError("is_working_day() takes a date, not a datetime.")
        override = self.overrides.get(day)
        if override is not None:
            return override
        known = package_is_working_day(day)
        if known is not None:
            return known
        return day.weekday() < 5

    def knows_holidays(self, year):
        """Whether the public holidays of `year` are known: from the package, or because an
        administrator entered at least one override for that year (the State Council's notice)."""
        return package_knows_year(year) or year in self._override_years

    # Working time

    def unit_length(self, unit):
        """The duration one `unit` stands for: working time, or real time for NATURAL_HOURS."""
        unit = LimitUnit(unit)
        if unit == LimitUnit.WORKING_DAYS:
            return self.day_length
        return _FIXED_LENGTHS[unit]

    def add(self, start, amount, unit):
        """The deadline: the earliest moment at which `amount` `unit`s have passed since `start`.

        WORKING_MINUTES and WORKING_HOURS count only time inside the working periods of
        working days. WORKING_DAYS counts `amount` × day_length of that same working time, so
        one working day from 10:00 on a Monday is 10:00 on the next working day, and one
        working day from 08:30 ends at 17:30 the same day. A start outside working time (a
        night, a weekend, a holiday) starts counting at the next working period; a deadline
        that falls on the end of a period is that end (17:30), not the next morning.
        NATURAL_HOURS is plain elapsed time, nights and holidays included (emergencies).

        `start` must be timezone-aware; the result is aware, in the calendar's zone. An
        amount of 0 returns `start` itself. Raises ValueError for a naive `start` or a
        negative or non-finite amount.
        """
        unit = LimitUnit(unit)
        self._check_aware(start)
        duration = _duration(amount, self.unit_length(unit))
        if unit == LimitUnit.NATURAL_HOURS:
            # Through UTC: arithmetic between aware datetimes of one zone is wall-clock time.
            return (start.astimezone(UTC) + duration).astimezone(self.tz)
        return self._add_working(start, duration)

    def elapsed(self, start, end, unit):
        """How many `unit`s passed from `start` to `end`: working time only for the working
        units, real time for NATURAL_HOURS; 0.0 when `end` is not after `start`.

        The inverse of add(): elapsed(start, add(start, a, unit), unit) == a. A traffic light
        is elapsed(...) / limit.
        """
        unit = LimitUnit(unit)
        self._check_aware(start)
        self._check_aware(end)
        if end <= start:
            return 0.0
        if unit == LimitUnit.NATURAL_HOURS:
            return (end - start) / _FIXED_LENGTHS[unit]
        return self._working_between(start, end) / self.unit_length(unit)

    # Internals

    @staticmethod
    def _check_aware(moment):
        if not isinstance(moment, datetime):
            raise TypeError(f"Expected a datetime, not {type(moment).__name__}.")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{moment} is a naive datetime; working time needs timezone-aware ones.")

    def _local(self, moment):
        local = moment.astimezone(self.tz)
        return local.date(), _offset(local)

    def _at(self, day, offset):
        return datetime.combine(day, time(), tzinfo=self.tz) + offset

    def _add_working(self, start, work):
        if not work:
            return start.astimezone(self.tz)
        day, offset = self._local(start)
        while True:
            if self.is_working_day(day):
                if offset == _ZERO and work > self.day_length:
                    # A whole working day still to go: skip it without looking at its periods.
                    work -= self.day_length
                else:
                    for period_start, period_end in self._spans:
                        if offset >= period_end:
                            continue
                        begin = max(period_start, offset)
                        available = period_end - begin
                        if work <= available:
                            return self._at(day, begin + work)
                        work -= available
            day += _ONE_DAY
            offset = _ZERO

    def _working_between(self, start, end):
        first_day, first_offset = self._local(start)
        last_day, last_offset = self._local(end)
        total = _ZERO
        day = first_day
        while day <= last_day:
            if self.is_working_day(day):
                low = first_offset if day == first_day else _ZERO
                high = last_offset if day == last_day else None
                if low == _ZERO and high is None:
                    total += self.day_length
                else:
                    for period_start, period_end in self._spans:
                        begin = max(period_start, low)
                        finish = period_end if high is None else min(period_end, high)
                        if finish > begin:
                            total += finish - begin
            day += _ONE_DAY
        return total
