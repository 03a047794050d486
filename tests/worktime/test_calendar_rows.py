"""The rows behind a jurisdiction's calendar: periods, overrides, validation and the cache."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gridcity.worktime import selectors
from gridcity.worktime.calendar import DEFAULT_PERIODS
from gridcity.worktime.models import DayOverride, WorkPeriod
from gridcity.worktime.selectors import calendar_for
from gridcity.worktime.units import LimitUnit

from .conftest import at


def test_a_jurisdiction_without_periods_works_the_default_hours(county):
    calendar = calendar_for(county)
    assert calendar.periods == DEFAULT_PERIODS
    assert calendar.day_length == timedelta(hours=7, minutes=30)


def test_a_jurisdiction_s_own_periods_and_overrides(county):
    WorkPeriod.objects.create(jurisdiction=county, start=time(9, 0), end=time(12, 0))
    WorkPeriod.objects.create(jurisdiction=county, start=time(14, 0), end=time(18, 0))
    DayOverride.objects.create(jurisdiction=county, date=date(2026, 3, 9), note="县庆")
    calendar = calendar_for(county.pk)
    assert calendar.day_length == timedelta(hours=7)
    assert not calendar.is_working_day(date(2026, 3, 9))
    # Friday 17:00–18:00 = 1 h; Monday the 9th is off; Tuesday 09:00 + 1 h = 10:00.
    assert calendar.add(at(2026, 3, 6, 17, 0), 2, LimitUnit.WORKING_HOURS) == at(2026, 3, 10, 10, 0)


def test_the_calendar_is_cached_and_forgotten_when_an_override_is_saved_or_deleted(
    county, django_assert_num_queries, settings
):
    settings.WORKTIME_CALENDAR_RECHECK_SECONDS = 60  # the production default (tests use 0)
    first = calendar_for(county)
    with django_assert_num_queries(0):
        assert calendar_for(county) is first
    override = DayOverride.objects.create(jurisdiction=county, date=date(2027, 1, 1), is_working_day=False)
    second = calendar_for(county)
    assert second is not first
    assert not second.is_working_day(date(2027, 1, 1))
    override.is_working_day = True
    override.save()
    assert calendar_for(county).is_working_day(date(2027, 1, 1))
    override.delete()
    assert not calendar_for(county).knows_holidays(2027)


def test_saving_a_period_forgets_the_calendar_too(county):
    assert calendar_for(county).day_length == timedelta(hours=7, minutes=30)
    WorkPeriod.objects.create(jurisdiction=county, start=time(8, 0), end=time(16, 0))
    assert calendar_for(county).day_length == timedelta(hours=8)


def test_another_process_s_change_is_read_within_a_minute(county, monkeypatch, settings):
    settings.WORKTIME_CALENDAR_RECHECK_SECONDS = 60  # the production default (tests use 0)
    clock = [1000.0]
    monkeypatch.setattr(selectors, "_monotonic", lambda: clock[0])
    first = calendar_for(county)
    # A row written by another process: no signal reaches this one.
    DayOverride.objects.bulk_create([DayOverride(jurisdiction=county, date=date(2027, 1, 1))])
    clock[0] += 59
    assert calendar_for(county) is first
    clock[0] += 2
    assert calendar_for(county).knows_holidays(2027)


def period(county, start, end):
    return WorkPeriod(jurisdiction=county, start=start, end=end)


def test_a_period_must_end_after_it_starts(county):
    with pytest.raises(ValidationError) as error:
        period(county, time(12, 0), time(8, 30)).full_clean()
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError):
        period(county, time(9, 0), time(9, 0)).full_clean()


def test_the_database_refuses_an_inverted_period_too(county):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkPeriod.objects.create(jurisdiction=county, start=time(12, 0), end=time(8, 30))


def test_periods_of_a_jurisdiction_must_not_overlap(county):
    morning = WorkPeriod.objects.create(jurisdiction=county, start=time(8, 30), end=time(12, 0))
    with pytest.raises(ValidationError, match="08:30–12:00"):
        period(county, time(11, 0), time(14, 0)).full_clean()
    with pytest.raises(ValidationError):
        period(county, time(9, 0), time(10, 0)).full_clean()  # inside it
    # Touching is not overlapping; a period does not clash with itself; nor with another county's.
    period(county, time(12, 0), time(17, 30)).full_clean()
    morning.end = time(11, 30)
    morning.full_clean()


def test_one_override_per_date_and_jurisdiction(county):
    DayOverride.objects.create(jurisdiction=county, date=date(2027, 1, 1))
    with pytest.raises(ValidationError):
        DayOverride(jurisdiction=county, date=date(2027, 1, 1), is_working_day=True).full_clean()
