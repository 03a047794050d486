"""Deadlines: add() with the default periods 08:30–12:00 and 13:30–17:30 (7.5 h a day).

Every expected value is worked out by hand in the comment above it.
"""

import timeit
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from gridcity.worktime.calendar import SHANGHAI, WorkCalendar
from gridcity.worktime.units import LimitUnit

from .conftest import at

HOURS = LimitUnit.WORKING_HOURS
MINUTES = LimitUnit.WORKING_MINUTES
DAYS = LimitUnit.WORKING_DAYS
NATURAL = LimitUnit.NATURAL_HOURS

calendar = WorkCalendar()


def test_friday_afternoon_plus_four_working_hours_ends_on_monday_morning():
    # Friday 2026-03-06 16:00–17:30 = 1.5 h; 4 − 1.5 = 2.5 h left;
    # Monday 2026-03-09 08:30 + 2.5 h = 11:00.
    assert calendar.add(at(2026, 3, 6, 16, 0), 4, HOURS) == at(2026, 3, 9, 11, 0)


def test_the_lunch_break_does_not_count():
    # Tuesday 11:00–12:00 = 1 h; 2 − 1 = 1 h left; 13:30 + 1 h = 14:30.
    assert calendar.add(at(2026, 3, 10, 11, 0), 2, HOURS) == at(2026, 3, 10, 14, 30)
    # Reported at 12:30, during lunch: counting starts at 13:30; 13:30 + 30 min = 14:00.
    assert calendar.add(at(2026, 3, 10, 12, 30), 30, MINUTES) == at(2026, 3, 10, 14, 0)


def test_a_deadline_on_the_end_of_a_period_is_that_end_not_the_next_start():
    # Tuesday 11:00 + 60 min: 11:00–12:00 uses it all up, at 12:00 (not 13:30).
    assert calendar.add(at(2026, 3, 10, 11, 0), 60, MINUTES) == at(2026, 3, 10, 12, 0)
    # Friday 16:00 + 1.5 h = 17:30 Friday, not 08:30 Monday.
    assert calendar.add(at(2026, 3, 6, 16, 0), Decimal("1.5"), HOURS) == at(2026, 3, 6, 17, 30)


@pytest.mark.parametrize("reported", [at(2026, 3, 10, 22, 0), at(2026, 3, 11, 3, 0)], ids=["22:00", "03:00"])
def test_a_case_reported_outside_working_hours_starts_counting_next_morning(reported):
    # Tuesday 22:00 or Wednesday 03:00: counting starts Wednesday 08:30; + 30 min = 09:00.
    assert calendar.add(reported, 30, MINUTES) == at(2026, 3, 11, 9, 0)


def test_a_case_reported_at_midnight_exactly():
    # Wednesday 00:00 is before the first period: 08:30 + 1 h = 09:30.
    assert calendar.add(at(2026, 3, 11, 0, 0), 1, HOURS) == at(2026, 3, 11, 9, 30)
    # Saturday 00:00: nothing counts until Monday 08:30; + 1 h = 09:30 Monday.
    assert calendar.add(at(2026, 3, 7, 0, 0), 1, HOURS) == at(2026, 3, 9, 9, 30)
    # The 17:00 → midnight of a working day holds 0.5 h of working time.
    assert calendar.elapsed(at(2026, 3, 10, 17, 0), at(2026, 3, 11, 0, 0), HOURS) == 0.5


def test_a_case_reported_on_a_weekend_starts_on_monday():
    # Saturday 2026-03-07 10:00 → Monday 08:30 + 1 h = 09:30.
    assert calendar.add(at(2026, 3, 7, 10, 0), 1, HOURS) == at(2026, 3, 9, 9, 30)


def test_national_day_is_skipped():
    # Wednesday 2026-09-30 16:30–17:30 = 1 h; 1–7 October are holidays;
    # Thursday 8 October 08:30 + 1 h = 09:30.
    assert calendar.add(at(2026, 9, 30, 16, 30), 2, HOURS) == at(2026, 10, 8, 9, 30)


def test_a_swapped_saturday_counts_as_working_time():
    # Friday 2026-02-13 16:00–17:30 = 1.5 h; Saturday 14 February is a 调休 working day:
    # 08:30 + 2.5 h = 11:00 on that Saturday.
    assert calendar.add(at(2026, 2, 13, 16, 0), 4, HOURS) == at(2026, 2, 14, 11, 0)


def test_one_working_day_is_a_day_length_of_working_time():
    # 10:00 Monday + 7.5 working hours = 10:00 Tuesday (2 + 4 h Monday, 1.5 h Tuesday).
    assert calendar.add(at(2026, 3, 9, 10, 0), 1, DAYS) == at(2026, 3, 10, 10, 0)
    # From 08:30 the whole of Monday is the day: it ends at 17:30 Monday.
    assert calendar.add(at(2026, 3, 9, 8, 30), 1, DAYS) == at(2026, 3, 9, 17, 30)
    # Half a working day = 3 h 45 min: 08:30–12:00 = 3.5 h, then 13:30 + 15 min = 13:45.
    assert calendar.add(at(2026, 3, 9, 8, 30), Decimal("0.5"), DAYS) == at(2026, 3, 9, 13, 45)


def test_working_days_across_the_spring_festival():
    # Friday 2026-02-13 10:00 + 3 working days (22.5 h): Friday 10:00–17:30 = 6 h (16.5 h
    # left), Saturday 14th (调休) 7.5 h (9 h left), 15–23 February are holidays, Tuesday
    # 24th 7.5 h (1.5 h left), Wednesday 25th 08:30 + 1.5 h = 10:00.
    assert calendar.add(at(2026, 2, 13, 10, 0), 3, DAYS) == at(2026, 2, 25, 10, 0)


def test_twenty_working_days_across_the_spring_festival_are_fast():
    # From Monday 2026-02-02 09:00 the 20 next working days are 3–6, 9–13, 14 (调休), 24–27,
    # 28 (调休) February and 2–6 March: the deadline is Friday 6 March 09:00.
    start = at(2026, 2, 2, 9, 0)
    assert calendar.add(start, 20, DAYS) == at(2026, 3, 6, 9, 0)
    runs = 200
    seconds = timeit.timeit(lambda: calendar.add(start, 20, DAYS), number=runs)
    # About 0.05 ms here; the bound leaves room for a slow, busy CI machine.
    assert seconds / runs < 0.002


def test_natural_hours_run_through_nights_and_weekends():
    # Friday 22:00 + 10 h = Saturday 08:00.
    assert calendar.add(at(2026, 3, 6, 22, 0), 10, NATURAL) == at(2026, 3, 7, 8, 0)
    # Friday 20:00 + 60 h = Sunday 20:00 (48 h) + 12 h = Monday 08:00.
    assert calendar.add(at(2026, 3, 6, 20, 0), 60, NATURAL) == at(2026, 3, 9, 8, 0)
    # Holidays do not stop them either: 30 September 20:00 + 24 h = 1 October 20:00.
    assert calendar.add(at(2026, 9, 30, 20, 0), 24, NATURAL) == at(2026, 10, 1, 20, 0)


def test_utc_input_is_read_on_the_shanghai_clock_and_the_result_is_in_shanghai():
    # 02:00 UTC = 10:00 in Shanghai (UTC+8); + 1 h = 11:00 Shanghai = 03:00 UTC.
    deadline = calendar.add(datetime(2026, 3, 10, 2, 0, tzinfo=UTC), 1, HOURS)
    assert deadline == datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
    assert deadline.tzinfo == SHANGHAI
    assert (deadline.hour, deadline.minute) == (11, 0)
    # 16:00 UTC Friday = 00:00 Saturday in Shanghai: a weekend start, Monday 08:30 + 1 h.
    assert calendar.add(datetime(2026, 3, 6, 16, 0, tzinfo=UTC), 1, HOURS) == at(2026, 3, 9, 9, 30)


def test_the_year_the_package_does_not_know():
    # Thursday 2026-12-31 17:00–17:30 = 0.5 h. 2027 is unknown: Friday 1 January is then
    # counted as a working day (weekends only): 08:30 + 0.5 h = 09:00.
    assert calendar.add(at(2026, 12, 31, 17, 0), 1, HOURS) == at(2027, 1, 1, 9, 0)
    # Once the notice is entered (1 January off), Saturday and Sunday follow: Monday 4th 09:00.
    entered = WorkCalendar(overrides={date(2027, 1, 1): False})
    assert entered.add(at(2026, 12, 31, 17, 0), 1, HOURS) == at(2027, 1, 4, 9, 0)


def test_custom_periods():
    # One period 09:00–17:00 (8 h a day): Monday 16:00 + 2 h = 1 h Monday + Tuesday 10:00.
    single = WorkCalendar(periods=[(time(9, 0), time(17, 0))])
    assert single.add(at(2026, 3, 9, 16, 0), 2, HOURS) == at(2026, 3, 10, 10, 0)
    assert single.add(at(2026, 3, 9, 16, 0), 1, DAYS) == at(2026, 3, 10, 16, 0)


def test_amounts_may_be_int_float_or_decimal_and_units_plain_strings():
    start = at(2026, 3, 10, 9, 0)
    expected = at(2026, 3, 10, 10, 30)
    assert calendar.add(start, 90, MINUTES) == expected
    assert calendar.add(start, 1.5, HOURS) == expected
    assert calendar.add(start, Decimal("1.5"), "working_hours") == expected


def test_zero_returns_the_start_itself():
    assert calendar.add(at(2026, 3, 7, 10, 0), 0, HOURS) == at(2026, 3, 7, 10, 0)


@pytest.mark.parametrize("amount", [-1, Decimal("NaN"), float("inf")])
def test_a_negative_or_infinite_amount_is_refused(amount):
    with pytest.raises(ValueError):
        calendar.add(at(2026, 3, 10, 9, 0), amount, HOURS)


def test_naive_datetimes_are_refused():
    naive = datetime(2026, 3, 10, 9, 0)
    with pytest.raises(ValueError, match="naive"):
        calendar.add(naive, 1, HOURS)
    with pytest.raises(ValueError, match="naive"):
        calendar.elapsed(naive, at(2026, 3, 10, 10, 0), HOURS)
    with pytest.raises(ValueError, match="naive"):
        calendar.elapsed(at(2026, 3, 10, 10, 0), naive, NATURAL)
    with pytest.raises(ValueError):
        calendar.add(at(2026, 3, 10, 9, 0), 1, "fortnights")
