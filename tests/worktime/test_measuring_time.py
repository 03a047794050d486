"""elapsed(): the time used so far, which the traffic lights divide by the limit."""

from datetime import UTC, date, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gridcity.worktime.calendar import SHANGHAI, WorkCalendar
from gridcity.worktime.units import LimitUnit

from .conftest import at

calendar = WorkCalendar()


def test_working_time_between_two_moments():
    # Friday 2026-03-06 16:00 → Monday 11:00: 1.5 h Friday + 2.5 h Monday = 4 h.
    start, end = at(2026, 3, 6, 16, 0), at(2026, 3, 9, 11, 0)
    assert calendar.elapsed(start, end, LimitUnit.WORKING_HOURS) == 4
    assert calendar.elapsed(start, end, LimitUnit.WORKING_MINUTES) == 240
    assert calendar.elapsed(start, end, LimitUnit.WORKING_DAYS) == 4 / 7.5
    # The same span in natural time: 67 hours.
    assert calendar.elapsed(start, end, LimitUnit.NATURAL_HOURS) == 67


def test_nothing_passes_outside_working_time():
    # Saturday 10:00 → Sunday 18:00, and a lunch break, and a night.
    assert calendar.elapsed(at(2026, 3, 7, 10, 0), at(2026, 3, 8, 18, 0), LimitUnit.WORKING_HOURS) == 0
    assert calendar.elapsed(at(2026, 3, 9, 12, 0), at(2026, 3, 9, 13, 30), LimitUnit.WORKING_HOURS) == 0
    assert calendar.elapsed(at(2026, 3, 9, 17, 30), at(2026, 3, 10, 8, 30), LimitUnit.WORKING_HOURS) == 0


def test_a_whole_holiday_week_holds_no_working_time():
    assert calendar.elapsed(at(2026, 10, 1, 0, 0), at(2026, 10, 8, 0, 0), LimitUnit.WORKING_DAYS) == 0


def test_end_before_start_is_zero():
    assert calendar.elapsed(at(2026, 3, 9, 11, 0), at(2026, 3, 9, 10, 0), LimitUnit.WORKING_HOURS) == 0
    assert calendar.elapsed(at(2026, 3, 9, 11, 0), at(2026, 3, 9, 11, 0), LimitUnit.NATURAL_HOURS) == 0


def test_natural_hours_are_real_time_whatever_the_zones():
    # 00:00 UTC = 08:00 Shanghai: from 08:00 to 20:00 Shanghai is 12 h.
    assert (
        calendar.elapsed(at(2026, 3, 9, 0, 0).astimezone(UTC), at(2026, 3, 9, 12, 0), "natural_hours") == 12
    )


def test_a_limit_in_natural_hours_and_its_traffic_light():
    # An emergency with a 2-natural-hour limit reported Saturday 23:00: due Sunday 01:00,
    # and at 00:30 three quarters of it are used.
    reported = at(2026, 3, 7, 23, 0)
    assert calendar.add(reported, 2, LimitUnit.NATURAL_HOURS) == at(2026, 3, 8, 1, 0)
    assert calendar.elapsed(reported, at(2026, 3, 8, 0, 30), LimitUnit.NATURAL_HOURS) / 2 == 0.75


# Random starts over two years the package knows and the first it does not, on both clocks.
starts = st.datetimes(
    min_value=at(2025, 1, 1).replace(tzinfo=None),
    max_value=at(2027, 12, 31).replace(tzinfo=None),
    timezones=st.sampled_from([SHANGHAI, UTC]),
)
amounts = st.one_of(
    st.integers(min_value=0, max_value=500),
    st.decimals(min_value=0, max_value=500, places=4),
    st.floats(min_value=0, max_value=500, allow_nan=False, allow_infinity=False),
)
calendars = st.sampled_from(
    [
        calendar,
        WorkCalendar(periods=[(time(9, 0), time(17, 0))]),
        WorkCalendar(
            periods=[(time(0, 0), time(6, 0)), (time(6, 0), time(12, 0)), (time(20, 0), time(23, 59, 59))],
            overrides={date(2026, 3, 9): False, date(2027, 1, 1): False, date(2027, 2, 6): True},
        ),
    ]
)


@settings(max_examples=300, deadline=None)
@given(calendar=calendars, start=starts, amount=amounts, unit=st.sampled_from(list(LimitUnit)))
def test_elapsed_undoes_add(calendar, start, amount, unit):
    deadline = calendar.add(start, amount, unit)
    assert deadline >= start
    assert abs(calendar.elapsed(start, deadline, unit) - float(amount)) < 1e-6


@settings(max_examples=300, deadline=None)
@given(
    calendar=calendars,
    start=starts,
    amount=st.decimals(min_value="0.001", max_value=500, places=3),
    unit=st.sampled_from([LimitUnit.WORKING_MINUTES, LimitUnit.WORKING_HOURS, LimitUnit.WORKING_DAYS]),
)
def test_a_working_deadline_falls_inside_working_time(calendar, start, amount, unit):
    deadline = calendar.add(start, amount, unit).astimezone(calendar.tz)
    assert calendar.is_working_day(deadline.date())
    assert any(begin < deadline.time() <= end for begin, end in calendar.periods)
    # And not a moment later than needed: just before it, the limit was not yet used up.
    before = deadline - timedelta(microseconds=1)
    assert calendar.elapsed(start, before, unit) < float(Decimal(amount))
