"""Returns, extensions and suspensions: asked by the unit, decided by the dispatcher."""

import pytest
from django.utils import translation

from gridcity.cases import workflow
from gridcity.cases.models import PendingRequest, State

from .conftest import local, photo


def test_a_return_goes_back_for_dispatch_to_another_unit(reported, cycle, people, units):
    case = reported(at=local(2026, 11, 24, 9, 0))
    cycle["sign"](case, at=local(2026, 11, 24, 9, 10))
    workflow.request_return(case, actor=people["handler"], reason="不属于本单位职责")
    assert case.pending_request == PendingRequest.RETURN and case.state == State.IN_DISPOSAL
    with pytest.raises(workflow.NotAllowed):  # nothing else while the request waits
        workflow.feedback(case, actor=people["handler"], note="x", photos=[photo()])
    workflow.approve_return(case, actor=people["dispatcher"])
    assert case.state == State.FILED and case.current_unit is None and case.return_count == 1
    workflow.dispatch(case, unit=units["environment"], actor=people["dispatcher"])
    assert case.current_unit == units["environment"]


def test_a_refused_return_leaves_the_case_with_the_unit(reported, cycle, people, units):
    case = reported()
    cycle["sign"](case)
    workflow.request_return(case, actor=people["handler"], reason="不属于本单位职责")
    workflow.refuse_return(case, actor=people["dispatcher"], reason="属于城管局职责")
    assert case.pending_request == "" and case.current_unit == units["urban-management"]


def test_a_return_needs_a_reason(reported, cycle, people):
    from django.core.exceptions import ValidationError

    case = reported()
    cycle["sign"](case)
    with translation.override("en"), pytest.raises(ValidationError, match="Please give the reason"):
        workflow.request_return(case, actor=people["handler"], reason="  ")


def test_an_extension_moves_the_deadline_at_most_twice(reported, cycle, people):
    case = reported(at=local(2026, 11, 24, 9, 0))
    cycle["sign"](case, at=local(2026, 11, 24, 9, 10))
    assert case.disposal_due_at == local(2026, 11, 24, 14, 40)
    for _n in range(2):
        workflow.request_extension(case, actor=people["handler"], amount=2, reason="需协调")
        workflow.approve_extension(case, actor=people["dispatcher"])
    # 4 more working hours after 14:40 on Tuesday: 14:40–17:30 (2h50) + Wednesday 08:30–09:40.
    assert case.disposal_due_at == local(2026, 11, 25, 9, 40)
    assert case.extension_count == 2 and case.stage_limit == 8
    with (
        translation.override("en"),
        pytest.raises(workflow.NotAllowed, match="already been extended 2 times"),
    ):
        workflow.request_extension(case, actor=people["handler"], amount=1, reason="还需时间")


def test_a_suspension_stops_the_clock_and_resuming_gives_back_the_time_left(reported, cycle, people):
    case = reported(at=local(2026, 11, 24, 9, 0))
    cycle["sign"](case, at=local(2026, 11, 24, 9, 10))
    workflow.request_suspension(
        case, actor=people["handler"], reason="需列入改造计划", at=local(2026, 11, 24, 10, 10)
    )
    workflow.approve_suspension(case, actor=people["dispatcher"], at=local(2026, 11, 24, 11, 10))
    assert case.state == State.SUSPENDED and case.stage_due_at is None
    # 2 hours of the 4 had passed (09:10–11:10); 2 are left.
    assert case.disposal_remaining == pytest.approx(2.0)
    workflow.resume(case, actor=people["dispatcher"], at=local(2026, 11, 30, 9, 0))  # next Monday
    assert case.state == State.IN_DISPOSAL and case.disposal_due_at == local(2026, 11, 30, 11, 0)
