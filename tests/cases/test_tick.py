"""manage.py tick: deadlines passed are recorded once; due suspensions resume."""

from io import StringIO

from django.core.management import call_command

from gridcity.cases import workflow
from gridcity.cases.models import Event, State

from .conftest import local


def tick(at):
    out = StringIO()
    call_command("tick", "--at", at.isoformat(), stdout=out)
    return out.getvalue()


def test_a_passed_deadline_is_recorded_once(reported):
    case = reported(at=local(2026, 11, 24, 9, 0))  # due 09:10
    assert "0 deadline(s) passed" in tick(local(2026, 11, 24, 9, 9))
    assert "1 deadline(s) passed" in tick(local(2026, 11, 24, 9, 11))
    assert "0 deadline(s) passed" in tick(local(2026, 11, 24, 9, 12))
    breach = Event.objects.get(case=case, type="case.deadline_breached")
    assert breach.data["stage"] == "reported" and breach.from_state == breach.to_state == "reported"
    case.refresh_from_db()
    assert case.stage_breached


def test_the_next_stage_gets_its_own_clock(reported, people):
    case = reported(at=local(2026, 11, 24, 9, 0))
    tick(local(2026, 11, 24, 9, 30))
    workflow.file(case, actor=people["shiftleader"], at=local(2026, 11, 24, 9, 31))
    assert not case.stage_breached  # dispatch has 15 minutes from 09:31
    tick(local(2026, 11, 24, 9, 50))
    assert Event.objects.filter(case=case, type="case.deadline_breached").count() == 2


def test_a_suspension_resumes_on_its_date(reported, cycle, people):
    case = reported(at=local(2026, 11, 24, 9, 0))
    cycle["sign"](case, at=local(2026, 11, 24, 9, 10))
    workflow.request_suspension(
        case,
        actor=people["handler"],
        reason="待改造",
        resume_at=local(2026, 12, 1, 8, 30),
        at=local(2026, 11, 24, 10, 0),
    )
    workflow.approve_suspension(case, actor=people["dispatcher"], at=local(2026, 11, 24, 10, 10))
    assert "0 case(s) resumed" in tick(local(2026, 11, 30, 9, 0))
    assert "1 case(s) resumed" in tick(local(2026, 12, 1, 8, 31))
    case.refresh_from_db()
    assert case.state == State.IN_DISPOSAL
    resumed = case.events.get(type="case.resumed")
    assert resumed.actor is None and resumed.actor_role == ""
