"""Stage deadlines across calendar boundaries, and the traffic light."""

from datetime import timedelta

import pytest

from gridcity.cases import workflow
from gridcity.cases.deadlines import Light, traffic_light
from gridcity.catalog.models import Condition

from .conftest import local


def test_a_report_after_hours_on_friday_is_due_on_monday_morning(reported):
    case = reported(at=local(2026, 11, 27, 17, 25))  # Friday; acceptance limit 10 working minutes
    # 17:25–17:30 on Friday, then 08:30–08:35 on Monday.
    assert case.stage_due_at == local(2026, 11, 30, 8, 35)


def test_a_report_at_midnight_starts_counting_at_half_past_eight(reported):
    assert reported(at=local(2026, 11, 24, 0, 0)).stage_due_at == local(2026, 11, 24, 8, 40)


def test_the_national_day_holiday_is_skipped(reported, cycle, people, units):
    case = reported(at=local(2026, 9, 30, 16, 0))
    cycle["dispatch"](case, at=local(2026, 9, 30, 16, 0))
    # 4 working hours: 16:00–17:30 on 30 September, then the holiday (1–7 October), then
    # 08:30–11:00 on Thursday 8 October, the first working day after it.
    assert case.disposal_due_at == local(2026, 10, 8, 11, 0)


def test_an_urgent_condition_counts_natural_hours_through_the_night(reported, cycle, people, units, manhole):
    missing = manhole.conditions.get(is_urgent=True)
    case = reported(minor_class=manhole, at=local(2026, 11, 28, 23, 0))  # Saturday night
    workflow.file(case, actor=people["shiftleader"], condition=missing, at=local(2026, 11, 28, 23, 5))
    assert case.urgent
    workflow.dispatch(
        case, unit=units["housing-construction"], actor=people["dispatcher"], at=local(2026, 11, 28, 23, 10)
    )
    assert missing.limit_unit == "natural_hours"
    assert case.disposal_due_at == local(2026, 11, 28, 23, 10) + timedelta(hours=float(missing.time_limit))


def test_a_class_with_several_conditions_must_be_filed_under_one(reported, people, manhole):
    from django.core.exceptions import ValidationError

    case = reported(minor_class=manhole)
    assert Condition.objects.filter(minor=manhole).count() >= 2
    with pytest.raises(ValidationError):
        workflow.file(case, actor=people["shiftleader"])


@pytest.mark.parametrize(
    ("minutes", "light"),
    [
        (0, Light.GREEN),
        (7, Light.GREEN),
        (8, Light.YELLOW),
        (9, Light.YELLOW),
        (10, Light.RED),
        (60, Light.RED),
    ],
)
def test_the_traffic_light_turns_yellow_at_80_percent_and_red_at_the_deadline(reported, minutes, light):
    case = reported(at=local(2026, 11, 24, 9, 0))  # 10 working minutes to accept
    assert traffic_light(case, local(2026, 11, 24, 9, 0) + timedelta(minutes=minutes))[0] == light


def test_no_light_once_the_case_is_closed(reported, cycle, people):
    case = reported()
    cycle["checked"](case)
    workflow.close(case, actor=people["shiftleader"])
    assert traffic_light(case, local(2026, 11, 24, 9, 0)) == (None, None)
