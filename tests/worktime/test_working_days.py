"""Which days are working days: weekends, State Council holidays, 调休, unknown years, overrides."""

from datetime import date, datetime, time, timedelta

import chinese_calendar
import pytest

from gridcity.worktime.calendar import (
    DEFAULT_PERIODS,
    PACKAGE_FIRST_YEAR,
    PACKAGE_LAST_YEAR,
    WorkCalendar,
    package_is_working_day,
)


def test_weekdays_work_and_weekends_rest():
    calendar = WorkCalendar()
    # 2026-03-09 is an ordinary Monday; no holiday that week.
    monday = date(2026, 3, 9)
    assert [calendar.is_working_day(monday + timedelta(days=i)) for i in range(7)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_state_council_holidays_are_days_off():
    calendar = WorkCalendar()
    # Spring Festival 2026: Sunday 15 to Monday 23 February.
    assert not calendar.is_working_day(date(2026, 2, 16))  # a Monday
    assert not calendar.is_working_day(date(2026, 2, 23))  # a Monday
    assert calendar.is_working_day(date(2026, 2, 24))
    # National Day 2026: Thursday 1 to Wednesday 7 October.
    assert not any(calendar.is_working_day(date(2026, 10, day)) for day in range(1, 8))
    assert calendar.is_working_day(date(2026, 10, 8))


def test_swapped_weekend_days_are_working_days():
    calendar = WorkCalendar()
    # 调休 of 2026: Sunday 4 January, Saturdays 14 and 28 February, 9 May and 10 October,
    # Sunday 20 September.
    for swapped in [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 10, 10)]:
        assert swapped.weekday() >= 5
        assert calendar.is_working_day(swapped), swapped
    assert not calendar.is_working_day(date(2026, 2, 21))  # a Saturday inside the Spring Festival


def test_the_package_tables_agree_with_chinese_calendar_is_workday():
    # package_is_working_day reads the package's tables directly (for speed); it must give
    # the package's own answer on every day the package covers.
    day, last = date(PACKAGE_FIRST_YEAR, 1, 1), date(PACKAGE_LAST_YEAR, 12, 31)
    while day <= last:
        assert package_is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_a_year_the_package_does_not_know_counts_weekends_only_and_never_raises():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 1))  # what we must not let through
    calendar = WorkCalendar()
    assert not calendar.knows_holidays(2027)
    assert calendar.knows_holidays(2026)
    assert package_is_working_day(date(2027, 1, 1)) is None
    assert calendar.is_working_day(date(2027, 1, 1))  # a Friday: New Year's Day is not known
    assert not calendar.is_working_day(date(2027, 1, 2))  # Saturday
    assert not calendar.is_working_day(date(2027, 1, 3))  # Sunday
    assert calendar.is_working_day(date(1999, 10, 1))  # before the package's tables: a Friday


def test_an_override_for_an_unknown_year_is_honoured_and_makes_the_year_known():
    calendar = WorkCalendar(overrides={date(2027, 1, 1): False})
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.knows_holidays(2027)
    assert not calendar.knows_holidays(2028)


def test_overrides_win_over_the_package_both_ways():
    calendar = WorkCalendar(overrides={date(2026, 3, 9): False, date(2026, 10, 3): True})
    assert not calendar.is_working_day(date(2026, 3, 9))  # a local day off on a Monday
    assert calendar.is_working_day(date(2026, 10, 3))  # a Saturday of National Day, worked locally


def test_is_working_day_refuses_a_datetime():
    # The date of an aware moment depends on the zone; the caller must pick it.
    with pytest.raises(TypeError):
        WorkCalendar().is_working_day(datetime(2026, 3, 9, 10, 0))


def test_day_length_of_the_default_and_of_custom_periods():
    assert WorkCalendar().day_length == timedelta(hours=7, minutes=30)  # 3 h 30 + 4 h
    assert WorkCalendar().periods == DEFAULT_PERIODS
    custom = WorkCalendar(periods=[(time(14, 0), time(18, 0)), (time(9, 0), time(12, 0))])
    assert custom.day_length == timedelta(hours=7)
    assert custom.periods == ((time(9, 0), time(12, 0)), (time(14, 0), time(18, 0)))


@pytest.mark.parametrize(
    "periods",
    [
        [],
        [(time(12, 0), time(8, 30))],
        [(time(9, 0), time(9, 0))],
        [(time(8, 30), time(12, 0)), (time(11, 0), time(17, 30))],
    ],
    ids=["none", "inverted", "empty", "overlapping"],
)
def test_a_calendar_refuses_impossible_periods(periods):
    with pytest.raises(ValueError):
        WorkCalendar(periods=periods)
