"""The workflow writes what the indicators read: the unit and the deadline of the stage ended."""

from datetime import timedelta

import pytest

from gridcity.cases import workflow
from gridcity.cases.models import Event
from gridcity.evaluation.indicators import compute
from gridcity.evaluation.models import ObjectKind
from gridcity.evaluation.periods import Period
from tests.cases.conftest import garbage, local, people, photo, reported, units  # noqa: F401  (fixtures)


@pytest.fixture
def two_cycles(people, units, reported):  # noqa: F811
    """Two cases of July 2026 through the real cycle: one on time, one late (tick saw it)."""
    bureau = units["urban-management"]

    def through_disposal(at, disposed_after):
        case = reported(at=at)
        workflow.file(case, actor=people["shiftleader"], at=at + timedelta(minutes=10))
        workflow.dispatch(case, unit=bureau, actor=people["dispatcher"], at=at + timedelta(minutes=20))
        workflow.sign(case, actor=people["handler"], at=at + timedelta(minutes=30))
        done = at + disposed_after
        if done > case.disposal_due_at:
            workflow.mark_breach(case.pk, case.disposal_due_at + timedelta(minutes=1))
        workflow.feedback(case, actor=people["handler"], note="已清理", photos=[photo()], at=done)
        return case

    on_time = through_disposal(local(2026, 7, 1, 9, 0), timedelta(hours=1))
    workflow.pass_check(on_time, actor=people["collector01"], at=local(2026, 7, 1, 11, 0))
    workflow.close(on_time, actor=people["shiftleader"], at=local(2026, 7, 1, 11, 30))
    late = through_disposal(local(2026, 7, 2, 9, 0), timedelta(days=3))
    return bureau, on_time, late


def test_events_carry_the_unit_and_the_deadline_of_the_stage_they_end(two_cycles):
    bureau, on_time, late = two_cycles
    dispatched = on_time.events.get(type="case.dispatched")
    filed = on_time.events.get(type="case.filed")
    # Dispatching ended the "filed" stage, whose deadline ran from filing.
    assert dispatched.unit == bureau and filed.at < dispatched.due_at
    assert filed.unit is None and filed.due_at is not None  # the reported stage's deadline
    disposed = late.events.get(type="case.disposed")
    assert disposed.unit == bureau and disposed.due_at == late.disposal_due_at
    assert disposed.at > disposed.due_at
    breach = late.events.get(type="case.deadline_breached")
    assert (breach.unit, breach.due_at, breach.from_state) == (bureau, late.disposal_due_at, "in_disposal")
    assert not Event.objects.filter(case=on_time, type="case.closed", unit__isnull=True).exists()


def test_the_figures_of_a_real_cycle(two_cycles):
    bureau, _on_time, _late = two_cycles
    figures = next(
        f
        for f in compute(bureau.jurisdiction, ObjectKind.UNIT, Period.month(2026, 7))
        if f.object_id == bureau.pk
    )
    assert (figures.counts["dispatched"], figures.counts["due"]) == (2, 2)
    assert (figures.counts["disposed_on_time"], figures.counts["disposed_late"]) == (1, 1)
    assert figures.counts["closed"] == 1
