"""Overtime appeals: the unit asks, with a reason, about an overtime finding; the office decides."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gridcity.evaluation.appeals import approve_appeal, refuse_appeal, request_appeal
from gridcity.evaluation.models import AppealState, OvertimeAppeal

from .test_indicators import unit_log  # noqa: F401  (fixture)


def test_the_unit_appeals_and_the_office_decides(unit_log):  # noqa: F811
    handler, evaluator = unit_log.person("handler"), unit_log.person("evaluator")
    late, overdue = unit_log.cases["c2"], unit_log.cases["c4"]
    appeal = request_appeal(late, unit=unit_log.bureau, actor=handler, reason="连续暴雨无法施工")
    with pytest.raises(ValidationError, match="已有"):
        request_appeal(late, unit=unit_log.bureau, actor=handler, reason="再次申诉")
    with pytest.raises(PermissionDenied):
        approve_appeal(appeal, actor=handler)
    appeal = approve_appeal(appeal, actor=evaluator, note="属实")
    assert (appeal.state, appeal.decided_by) == (AppealState.APPROVED, evaluator)
    with pytest.raises(ValidationError):
        refuse_appeal(appeal, actor=evaluator, note="改判")  # decided already
    second = request_appeal(overdue, unit=unit_log.bureau, actor=handler, reason="材料未到")
    with pytest.raises(ValidationError, match="理由"):
        refuse_appeal(second, actor=evaluator, note=" ")
    refuse_appeal(second, actor=evaluator, note="理由不成立")
    # A refused appeal may be followed by a new one.
    assert (
        request_appeal(overdue, unit=unit_log.bureau, actor=handler, reason="补充材料").state
        == AppealState.PENDING
    )


def test_appeals_are_refused_without_an_overtime_finding_reason_or_right(unit_log):  # noqa: F811
    handler = unit_log.person("handler")
    on_time = unit_log.cases["c1"]
    with pytest.raises(ValidationError, match="没有对"):
        request_appeal(on_time, unit=unit_log.bureau, actor=handler, reason="无")
    with pytest.raises(ValidationError, match="理由"):
        request_appeal(unit_log.cases["c2"], unit=unit_log.bureau, actor=handler, reason="  ")
    with pytest.raises(PermissionDenied):
        request_appeal(
            unit_log.cases["c2"],
            unit=unit_log.bureau,
            actor=unit_log.person("handler-environment"),
            reason="x",
        )
    assert not OvertimeAppeal.objects.exists()
