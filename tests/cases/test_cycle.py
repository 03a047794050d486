"""A case from report to closure, and the record it leaves."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gridcity.cases import workflow
from gridcity.cases.models import Attachment, Case, Event, State

from .conftest import ZONE_01, local, photo


def test_a_case_goes_from_report_to_closure_and_every_step_is_recorded(people, units, reported):
    at = local(2026, 11, 24, 9, 0)  # a Tuesday
    case = reported(at=at)
    assert re.fullmatch(r"37132720261124\d{5}", case.number)
    assert case.state == State.REPORTED and case.grid.code == "371327001001002" and case.zone.code == "01"
    workflow.file(case, actor=people["shiftleader"], at=local(2026, 11, 24, 9, 5))
    workflow.dispatch(
        case, unit=units["urban-management"], actor=people["dispatcher"], at=local(2026, 11, 24, 9, 10)
    )
    # 暴露垃圾: 4 working hours from 09:10 → 13:10 of working time = 09:10–12:00 (2h50) + 13:30–14:40.
    assert case.disposal_due_at == local(2026, 11, 24, 14, 40)
    workflow.sign(case, actor=people["handler"], at=local(2026, 11, 24, 9, 30))
    workflow.feedback(
        case, actor=people["handler"], note="已清理", photos=[photo()], at=local(2026, 11, 24, 11, 0)
    )
    workflow.pass_check(case, actor=people["collector01"], at=local(2026, 11, 24, 11, 20))
    workflow.close(case, actor=people["shiftleader"], at=local(2026, 11, 24, 11, 30))

    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closed_at == local(2026, 11, 24, 11, 30)
    events = list(case.events.values_list("type", "from_state", "to_state", "actor__username"))
    assert events == [
        ("case.reported", "", "reported", "collector01"),
        ("case.filed", "reported", "filed", "shiftleader"),
        ("case.dispatched", "filed", "dispatched", "dispatcher"),
        ("case.signed", "dispatched", "in_disposal", "handler"),
        ("case.disposed", "in_disposal", "checking", "handler"),
        ("case.check_passed", "checking", "checked", "collector01"),
        ("case.closed", "checked", "closed", "shiftleader"),
    ]
    feedback = case.events.get(type="case.disposed")
    assert feedback.data["on_time"] is True and feedback.actor_unit == units["urban-management"]
    assert sorted(case.attachments.values_list("kind", flat=True)) == ["after", "report"]


def test_case_numbers_count_up_within_a_day(reported):
    first, second = reported(at=local(2026, 11, 24, 9, 0)), reported(at=local(2026, 11, 24, 9, 1))
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1
    assert reported(at=local(2026, 11, 25, 9, 0)).number.endswith("00001")


def test_the_same_work_order_sent_twice_gives_the_same_case(demo_county, garbage):
    kwargs = {
        "jurisdiction": demo_county,
        "source": "12345",
        "minor_class": garbage,
        "description": "市民反映路边垃圾",
        "lon": ZONE_01[0],
        "lat": ZONE_01[1],
        "external_id": "GD-2026-0001",
    }
    assert workflow.report(**kwargs).pk == workflow.report(**kwargs).pk
    assert Case.objects.count() == 1


def test_a_collector_reporting_a_problem_needs_a_photo(reported):
    with translation.override("en"), pytest.raises(ValidationError, match="A photo is required"):
        reported(photos=[])
    assert not Case.objects.exists()


def test_a_point_outside_every_grid_is_refused(reported):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        reported(lon=116.4, lat=39.9)
    assert "不在管理区域内" in error.value.messages[0]
    assert not Case.objects.exists()


def test_an_unknown_class_is_refused(demo_county, people):
    with translation.override("en"), pytest.raises(ValidationError, match="Choose the class"):
        workflow.report(
            jurisdiction=demo_county,
            source="collector",
            minor_class=None,
            description="x",
            lon=ZONE_01[0],
            lat=ZONE_01[1],
            actor=people["collector01"],
        )


def test_an_upload_that_is_not_a_photo_or_video_is_refused(reported):
    from django.core.files.base import ContentFile

    with translation.override("en"), pytest.raises(ValidationError, match="neither a photo"):
        reported(photos=[photo(), ContentFile(b"%PDF-1.4 not a photo", name="report.pdf")])
    assert not Case.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_photo_is_refused(reported, settings):
    settings.CASE_PHOTO_MAX_BYTES = 100
    with translation.override("en"), pytest.raises(ValidationError, match="the limit is"):
        reported()


def test_a_step_not_allowed_now_is_refused_and_writes_nothing(reported, people):
    case = reported()
    with translation.override("zh-hans"), pytest.raises(workflow.NotAllowed) as error:
        workflow.close(case, actor=people["shiftleader"])
    assert "待受理" in str(error.value) or "已上报" in str(error.value)
    with pytest.raises(workflow.NotAllowed):
        workflow.file(case, actor=people["handler"])
    assert Event.objects.filter(case=case).count() == 1
    case.refresh_from_db()
    assert case.state == State.REPORTED and case.version == 0


def test_a_failed_check_sends_the_case_back_to_the_same_unit(reported, cycle, people, units):
    case = reported(at=local(2026, 11, 24, 9, 0))
    cycle["feedback"](case, at=local(2026, 11, 24, 10, 0))
    workflow.fail_check(case, actor=people["collector01"], note="仍有垃圾", at=local(2026, 11, 24, 10, 30))
    assert case.state == State.IN_DISPOSAL and case.rework_count == 1
    assert case.current_unit == units["urban-management"]
    # A new disposal period of 4 working hours from 10:30: 10:30–12:00 + 13:30–16:00.
    assert case.disposal_due_at == local(2026, 11, 24, 16, 0)


def test_self_disposal_is_closed_by_the_shift_leader(reported, people):
    case = reported()
    workflow.self_dispose(case, actor=people["collector01"], note="已现场清理", photos=[photo()])
    assert case.state == State.CHECKED and case.self_disposed
    workflow.close(case, actor=people["shiftleader"])
    assert case.state == State.CLOSED


def test_a_closed_case_reopens_within_the_allowed_days_only(reported, cycle, people):
    case = reported(at=local(2026, 11, 2, 9, 0))
    cycle["checked"](case, at=local(2026, 11, 2, 10, 0))
    workflow.close(case, actor=people["shiftleader"], at=local(2026, 11, 2, 11, 0))
    with pytest.raises(workflow.NotAllowed):
        workflow.reopen(
            case, actor=people["acceptor"], reason="市民反映仍未解决", at=local(2026, 11, 10, 9, 0)
        )
    workflow.reopen(case, actor=people["acceptor"], reason="市民反映仍未解决", at=local(2026, 11, 5, 9, 0))
    assert case.state == State.FILED and case.current_unit is None


def test_urging_marks_the_case_supervised_without_changing_its_state(reported, people):
    case = reported()
    workflow.urge(case, actor=people["leader01"], note="请尽快处理")
    assert case.state == State.REPORTED and case.supervised and case.urge_count == 1
    assert case.events.last().type == "case.urged"
