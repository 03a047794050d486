"""Every indicator on small scenarios computed by hand (standards.md §7; docs/indicators.md)."""

from decimal import Decimal

import pytest

from gridcity.evaluation.indicators import cases_behind, compute
from gridcity.evaluation.models import AppealState, ObjectKind, OvertimeAppeal
from gridcity.evaluation.periods import Period
from gridcity.evaluation.scoring import composite, grade, method_for

from .scenario import Log, t

JULY = Period.month(2026, 7)


def figures_of(jurisdiction, kind, object_id, period=JULY):
    return next(f for f in compute(jurisdiction, kind, period) if f.object_id == object_id)


@pytest.fixture
def unit_log(demo_county):
    """Eight cases of the urban-management bureau around July 2026, in zone 02."""
    log = Log(demo_county)
    bureau, dispatcher = log.unit("urban-management"), log.person("dispatcher")
    grid = log.grid("002001")
    log.bureau, log.dispatcher = bureau, dispatcher
    cases = {}

    def dispatched(name, at, due, reported=None):
        case = cases[name] = log.reported(grid, reported or at)
        log.event(
            case,
            "dispatched",
            at,
            unit=bureau,
            due=due,
            actor=dispatcher,
            role="dispatcher",
            from_state="filed",
        )
        return case

    # c1: disposed on time, closed.
    c = dispatched("c1", t("07-02 09:00"), t("07-02 10:00"))
    log.event(c, "disposed", t("07-03 09:00"), unit=bureau, due=t("07-05 18:00"), from_state="in_disposal")
    log.event(c, "closed", t("07-04 09:00"), unit=bureau, due=t("07-04 18:00"), from_state="checked")
    # c2: the disposal deadline passed (tick's breach), disposed late, closed.
    c = dispatched("c2", t("07-02 09:00"), t("07-02 10:00"))
    log.event(
        c, "deadline_breached", t("07-06 18:01"), unit=bureau, due=t("07-06 18:00"), from_state="in_disposal"
    )
    log.event(c, "disposed", t("07-10 09:00"), unit=bureau, due=t("07-06 18:00"), from_state="in_disposal")
    log.event(c, "closed", t("07-11 09:00"), unit=bureau, due=t("07-11 18:00"), from_state="checked")
    # c3: returned by the unit: not its case.
    c = dispatched("c3", t("07-05 09:00"), t("07-05 10:00"))
    log.event(c, "returned", t("07-06 09:00"), unit=bureau, from_state="dispatched", to_state="filed")
    # c4: deadline passed on the 25th, not disposed by the end of July.
    c = dispatched("c4", t("07-20 09:00"), t("07-20 09:30"))
    log.event(
        c, "deadline_breached", t("07-25 18:01"), unit=bureau, due=t("07-25 18:00"), from_state="in_disposal"
    )
    # c5: dispatched on the 28th, due in August: not due yet.
    dispatched("c5", t("07-28 09:00"), t("07-28 10:00"))
    # c6: dispatched in June, disposed in July: June's case, not July's.
    c = dispatched("c6", t("06-28 09:00"), t("06-28 10:00"))
    log.event(c, "disposed", t("07-02 09:00"), unit=bureau, due=t("07-03 18:00"), from_state="in_disposal")
    # c7: disposed on time, failed the check (rework), disposed on time again, closed.
    c = dispatched("c7", t("07-03 09:00"), t("07-03 10:00"))
    log.event(c, "disposed", t("07-04 09:00"), unit=bureau, due=t("07-06 18:00"), from_state="in_disposal")
    log.event(c, "check_failed", t("07-05 09:00"), unit=bureau, due=t("07-05 12:00"), from_state="checking")
    log.event(c, "disposed", t("07-08 09:00"), unit=bureau, due=t("07-09 18:00"), from_state="in_disposal")
    log.event(c, "closed", t("07-09 12:00"), unit=bureau, due=t("07-09 18:00"), from_state="checked")
    # c8: dispatched on the 30th (an hour late), disposed on time in August: not read for July.
    c = dispatched("c8", t("07-30 09:00"), t("07-30 08:00"))
    log.event(c, "disposed", t("08-01 09:00"), unit=bureau, due=t("08-03 18:00"), from_state="in_disposal")
    log.cases = cases
    return log


def test_unit_figures(unit_log):
    figures = figures_of(unit_log.jurisdiction, ObjectKind.UNIT, unit_log.bureau.pk)
    assert figures.counts == {
        "dispatched": 7,  # c1 c2 c3 c4 c5 c7 c8 (c6 was dispatched in June)
        "returned": 1,  # c3
        "kept": 6,  # 7 − 1
        "due": 5,  # disposed c1 c2 c6 c7 + overdue c4
        "disposed": 4,  # c1 c2 c6 c7 (c6 dispatched in June, disposed in July)
        "disposed_on_time": 3,  # c1 c6 c7
        "disposed_late": 1,  # c2
        "overdue_open": 1,  # c4 (c2's deadline passed too, but it was disposed after)
        "closed": 3,  # c1 c2 c7
        "due_closure": 5,  # closed c1 c2 c7 + disposed, not closed c6 + overdue c4
        "reworked": 1,  # c7
        "appealed": 0,
    }
    assert figures.rates["on_time_disposal_rate"] == 3 / 5
    assert figures.rates["closure_rate"] == 3 / 5
    assert figures.rates["rework_rate"] == 1 / 5
    assert figures.rates["disposal_rate"] == 4 / 5
    assert figures.rates["overdue_rate"] == 1 / 5
    assert figures.rates["return_rate"] == 1 / 7
    assert figures.measures["cases_per_month"] == round(6 * 30 / 31, 2)
    # 立案数分值 100 (≤ 50 a month) × 10 % + 结案率 60 × 30 % + 按期处置率 60 × 30 % + (1 − 返工率) 80 × 30 %
    score = composite(method_for(unit_log.jurisdiction, ObjectKind.UNIT), figures)
    assert score == Decimal("10") + Decimal("18") + Decimal("18") + Decimal("24")  # 70.0
    assert grade(score) == "C"


def test_each_unit_figure_lists_its_cases(unit_log):
    names = {case.pk: name for name, case in unit_log.cases.items()}

    def behind(code):
        ids = cases_behind(unit_log.jurisdiction, ObjectKind.UNIT, unit_log.bureau.pk, JULY, code)
        return sorted(names[pk] for pk in ids)

    assert behind("due") == ["c1", "c2", "c4", "c6", "c7"]
    assert behind("disposed_late") == ["c2"]
    assert behind("overdue_open") == ["c4"]
    assert behind("returned") == ["c3"]
    assert behind("on_time_disposal_rate") == ["c1", "c6", "c7"]  # a rate lists its numerator's cases


def test_an_approved_appeal_takes_the_case_out_of_overtime_but_not_a_pending_or_refused_one(unit_log):
    bureau, c2, c4 = unit_log.bureau, unit_log.cases["c2"], unit_log.cases["c4"]
    handler = unit_log.person("handler")
    appeal = OvertimeAppeal.objects.create(
        case=c2, unit=bureau, reason="暴雨", requested_by=handler, requested_at=t("07-12 09:00")
    )
    figures = figures_of(unit_log.jurisdiction, ObjectKind.UNIT, bureau.pk)
    assert figures.counts["disposed_late"] == 1  # pending: still late
    appeal.state, appeal.decided_at = AppealState.APPROVED, t("07-15 09:00")
    appeal.save()
    OvertimeAppeal.objects.create(
        case=c4,
        unit=bureau,
        reason="施工",
        requested_by=handler,
        requested_at=t("07-26 09:00"),
        state=AppealState.REFUSED,
        decided_at=t("07-27 09:00"),
    )
    figures = figures_of(unit_log.jurisdiction, ObjectKind.UNIT, bureau.pk)
    assert (figures.counts["disposed_late"], figures.counts["disposed_on_time"]) == (0, 4)
    assert figures.counts["overdue_open"] == 1  # c4's appeal was refused
    assert figures.counts["appealed"] == 1
    # 10 + 结案率 60 × 30 % + 按期处置率 80 × 30 % + 80 × 30 % = 76
    assert composite(method_for(unit_log.jurisdiction, ObjectKind.UNIT), figures) == Decimal("76.0")
    # The breach stays on record.
    assert c2.events.filter(type="case.deadline_breached").exists()
    # An appeal decided after the period's end does not change the period.
    appeal.decided_at = t("08-02 09:00")
    appeal.save()
    assert figures_of(unit_log.jurisdiction, ObjectKind.UNIT, bureau.pk).counts["disposed_late"] == 1


def test_dispatcher_figures(unit_log):
    figures = figures_of(unit_log.jurisdiction, ObjectKind.DISPATCHER, unit_log.dispatcher.pk)
    # Seven dispatches in July; c8's was late (due 08:00, done 09:00); c3 came back.
    assert figures.counts == {
        "dispatched": 7,
        "dispatched_on_time": 6,
        "returned": 1,
        "dispatched_accurately": 6,
    }
    # 派遣数分值 0 (7 × 30 / 31 a month, ≤ 100) × 20 % + 按时派遣率 6/7 × 40 % + 准确派遣率 6/7 × 40 %
    score = composite(method_for(unit_log.jurisdiction, ObjectKind.DISPATCHER), figures)
    assert score == Decimal("68.6")  # 0 + 34.2857… + 34.2857… = 68.571…


@pytest.fixture
def region_log(demo_county):
    """Grid 01-1's July: reports, filing, voiding, closing, verification and checks."""
    log = Log(demo_county)
    grid = log.grid("001001")
    collector = grid.collector
    leader, acceptor = log.person("shiftleader"), log.person("acceptor")
    log.grid_, log.collector, log.leader, log.acceptor = grid, collector, leader, acceptor

    def filed(case, at, due):
        log.event(
            case,
            "filed",
            at,
            due=due,
            actor=leader,
            role="shift_leader",
            from_state="reported",
            to_state="filed",
        )

    # r1: the collector's report, filed, checked on time, closed on time.
    r1 = log.reported(grid, t("07-01 09:00"), reporter=collector)
    filed(r1, t("07-01 10:00"), t("07-01 11:00"))
    log.event(r1, "check_passed", t("07-02 10:00"), due=t("07-02 12:00"), from_state="checking")
    log.event(r1, "closed", t("07-03 09:00"), due=t("07-03 18:00"), actor=leader, role="shift_leader")
    # r2: a 12345 report (the collector missed it), verified late, filed, disposed late, checked
    # late, closed.
    r2 = log.reported(grid, t("07-02 09:00"), source="12345")
    log.event(
        r2, "verification_requested", t("07-02 09:30"), due=t("07-02 10:00"), actor=acceptor, role="acceptor"
    )
    log.event(r2, "verified", t("07-03 09:00"), due=t("07-02 18:00"), actor=collector, role="collector")
    filed(r2, t("07-03 10:00"), t("07-03 11:00"))
    log.event(r2, "deadline_breached", t("07-05 18:01"), due=t("07-05 18:00"), from_state="in_disposal")
    log.event(r2, "disposed", t("07-06 09:00"), due=t("07-05 18:00"), from_state="in_disposal")
    log.event(r2, "check_passed", t("07-07 09:00"), due=t("07-06 12:00"), from_state="checking")
    log.event(r2, "closed", t("07-08 09:00"), due=t("07-08 18:00"), actor=leader, role="shift_leader")
    # r3: the collector's report, voided by the acceptor.
    r3 = log.reported(grid, t("07-03 09:00"), reporter=collector)
    log.event(r3, "voided", t("07-03 09:20"), due=t("07-03 10:00"), actor=acceptor, role="acceptor")
    # r4: a public report, filed late, and its dispatch deadline passed: overdue at the end.
    r4 = log.reported(grid, t("07-10 09:00"), source="public")
    filed(r4, t("07-10 12:00"), t("07-10 11:00"))
    log.event(r4, "deadline_breached", t("07-20 18:01"), due=t("07-20 18:00"), from_state="filed")
    # r5: the collector's report on the 25th, filed, within its limits at the end.
    r5 = log.reported(grid, t("07-25 09:00"), reporter=collector)
    filed(r5, t("07-25 10:00"), t("07-25 11:00"))
    # r6: reported in June, closed in July: June's report.
    r6 = log.reported(grid, t("06-30 09:00"), reporter=collector)
    log.event(r6, "closed", t("07-02 09:00"), due=t("07-02 18:00"), actor=leader, role="shift_leader")
    # r7, in zone 02: filed by the shift leader, then voided as filed in error.
    r7 = log.reported(log.grid("002001"), t("07-12 09:00"))
    filed(r7, t("07-12 10:00"), t("07-12 11:00"))
    log.event(
        r7,
        "voided",
        t("07-13 09:00"),
        due=t("07-13 10:00"),
        actor=leader,
        role="shift_leader",
        from_state="filed",
    )
    return log


def test_grid_and_zone_figures(region_log):
    grid = region_log.grid_
    figures = figures_of(region_log.jurisdiction, ObjectKind.GRID, grid.pk)
    assert figures.counts == {
        "reported": 5,  # r1–r5
        "collector_reports": 3,  # r1 r3 r5
        "public_reports": 2,  # r2 r4
        "filed": 4,  # r1 r2 r4 r5
        "voided": 1,  # r3
        "public_confirmed": 2,  # r2 r4
        "closed": 2,  # r1 r2
        "closed_on_time": 1,  # r1 (r2 was late)
        "overdue_open": 1,  # r4
        "due_closure": 3,  # r1 r2 r4
    }
    assert figures.rates == {
        "closure_rate": 2 / 3,
        "on_time_closure_rate": 1 / 3,
        "public_report_rate": 2 / 4,
    }
    # (1 − 监督举报率) 50 × 10 % + 立案数分值 75 (4 × 30/31 = 3.87 a month, < 5) × 20 % + 结案率 66.67 × 30 %
    # + 按期结案率 33.33 × 40 % = 5 + 15 + 20 + 13.33 = 53.3
    assert composite(method_for(region_log.jurisdiction, ObjectKind.GRID), figures) == Decimal("53.3")
    zone = figures_of(region_log.jurisdiction, ObjectKind.ZONE, grid.zone_id)
    assert zone.counts == figures.counts  # the zone's other two grids had no case
    # Per grid of the zone's three: 1.29 a month, < 3 → 90: 5 + 18 + 20 + 13.33 = 56.3
    assert composite(method_for(region_log.jurisdiction, ObjectKind.ZONE), zone) == Decimal("56.3")


def test_collector_figures(region_log):
    figures = figures_of(region_log.jurisdiction, ObjectKind.COLLECTOR, region_log.collector.pk)
    assert figures.counts == {
        "reports": 3,  # r1 r3 r5
        "valid_reports": 2,  # r1 r5 (r3 voided)
        "missed": 2,  # r2 r4: public reports confirmed in the collector's grids
        "grid_filed": 4,
        "verifications_due": 1,  # r2
        "verified_on_time": 0,  # due 07-02 18:00, done 07-03
        "checks_due": 2,  # r1 r2
        "checked_on_time": 1,  # r1
    }
    # 有效上报率 2/3 × 40 % + (1 − 漏报率 2/4) × 20 % + 按时核实率 0 × 20 % + 按时核查率 1/2 × 20 %
    score = composite(method_for(region_log.jurisdiction, ObjectKind.COLLECTOR), figures)
    assert score == Decimal("46.7")  # 26.67 + 10 + 0 + 10


def test_shift_leader_and_acceptor_figures(region_log):
    leader = figures_of(region_log.jurisdiction, ObjectKind.SHIFT_LEADER, region_log.leader.pk)
    assert leader.counts == {
        "filed": 5,  # r1 r2 r4 r5 r7
        "filed_on_time": 4,  # r4 was late
        "filed_then_voided": 1,  # r7
        "closed": 3,  # r1 r2 r6
        "closed_on_time": 3,
        "filed_accurately": 4,
    }
    # 按时立案率 0.8 × 25 % + 准确立案率 0.8 × 40 % + 按时结案率 1 × 35 % = 20 + 32 + 35
    assert composite(method_for(region_log.jurisdiction, ObjectKind.SHIFT_LEADER), leader) == Decimal("87.0")
    acceptor = figures_of(region_log.jurisdiction, ObjectKind.ACCEPTOR, region_log.acceptor.pk)
    assert acceptor.counts == {
        "accepted": 2,  # r2 (verification) r3 (voided)
        "verifications_sent": 1,
        "verifications_sent_on_time": 1,
        "decided": 1,
        "decided_on_time": 1,
    }
    # 受理数分值 0 (≤ 100 a month) × 25 % + 100 × 40 % + 100 × 35 % = 75
    assert composite(method_for(region_log.jurisdiction, ObjectKind.ACCEPTOR), acceptor) == Decimal("75.0")


def test_a_period_reads_no_event_after_its_end_and_nothing_before_its_start(unit_log):
    june = figures_of(unit_log.jurisdiction, ObjectKind.UNIT, unit_log.bureau.pk, Period.month(2026, 6))
    assert (june.counts["dispatched"], june.counts["disposed"]) == (1, 0)  # c6: disposed in July
    august = figures_of(unit_log.jurisdiction, ObjectKind.UNIT, unit_log.bureau.pk, Period.month(2026, 8))
    assert (august.counts["dispatched"], august.counts["disposed_on_time"]) == (0, 1)  # c8


def test_objects_without_anything_due_have_no_rate_and_no_composite(demo_county):
    figures = compute(demo_county, ObjectKind.UNIT, JULY)
    assert figures and all(f.rates["closure_rate"] is None for f in figures)
    method = method_for(demo_county, ObjectKind.UNIT)
    # Only the step term could be scored (nothing dispatched: 0 a month → 100): no composite.
    assert {composite(method, f) for f in figures} == {None}
    assert grade(None) == ""
