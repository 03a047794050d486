"""Properties of the indicators over random case logs (hypothesis)."""

from datetime import timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridcity.evaluation.indicators import cases_behind, compute_all
from gridcity.evaluation.models import ObjectKind
from gridcity.evaluation.periods import Period

from .scenario import Log, t

JULY = Period.month(2026, 7)

# One case's life: which unit, when dispatched (hours after 25 June), its disposal limit, what
# happened (hours after dispatch, None: never), and whether it came back, was reworked, closed.
lives = st.fixed_dictionaries(
    {
        "unit": st.sampled_from(["urban-management", "environment"]),
        "dispatched": st.integers(0, 45 * 24),
        "limit": st.integers(1, 96),
        "disposed": st.one_of(st.none(), st.integers(1, 200)),
        "breach": st.booleans(),
        "returned": st.booleans(),
        "reworked": st.booleans(),
        "closed": st.booleans(),
        "public": st.booleans(),
        "grid": st.sampled_from(["001001", "001002", "002001"]),
    }
)


def write(log, life):
    """The events of one life, in the order the workflow would write them."""
    unit = log.unit(life["unit"])
    start = t("06-25 00:00") + timedelta(hours=life["dispatched"])
    case = log.reported(
        log.grid(life["grid"]), start - timedelta(hours=1), source="public" if life["public"] else "collector"
    )
    log.event(case, "filed", start - timedelta(minutes=30), due=start, actor=log.leader, role="shift_leader")
    log.event(case, "dispatched", start, unit=unit, due=start, actor=log.dispatcher, role="dispatcher")
    due = start + timedelta(hours=life["limit"])
    if life["returned"]:
        log.event(case, "returned", start + timedelta(hours=1), unit=unit)
        return case
    done = None if life["disposed"] is None else start + timedelta(hours=life["disposed"])
    if life["breach"] and (done is None or done > due):
        log.event(
            case,
            "deadline_breached",
            due + timedelta(minutes=1),
            unit=unit,
            due=due,
            from_state="in_disposal",
        )
    if done is None:
        return case
    log.event(case, "disposed", done, unit=unit, due=due, from_state="in_disposal")
    if life["reworked"]:
        log.event(case, "check_failed", done + timedelta(hours=1), unit=unit, due=done + timedelta(hours=2))
        done += timedelta(hours=5)
        log.event(case, "disposed", done, unit=unit, due=done + timedelta(hours=1), from_state="in_disposal")
    log.event(case, "check_passed", done + timedelta(hours=1), unit=unit, due=done + timedelta(hours=2))
    if life["closed"]:
        log.event(case, "closed", done + timedelta(hours=2), unit=unit, due=done + timedelta(hours=3))
    return case


def snapshot(jurisdiction):
    return {
        kind: {(f.object_id): (f.counts, f.rates, f.measures) for f in figures}
        for kind, figures in compute_all(jurisdiction, JULY).items()
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(lives, max_size=12), lives)
def test_rates_stay_in_range_recomputing_changes_nothing_and_other_units_are_untouched(
    demo_county, story, extra
):
    with transaction.atomic():
        log = Log(demo_county)
        log.leader, log.dispatcher = log.person("shiftleader"), log.person("dispatcher")
        for life in story:
            write(log, life)
        before = snapshot(demo_county)
        for figures in before.values():
            for counts, rates, _measures in figures.values():
                assert all(value is None or 0 <= value <= 1 for value in rates.values()), rates
                assert all(value >= 0 for value in counts.values())
        assert snapshot(demo_county) == before  # computed again: identical

        # A case of another unit changes none of this unit's figures.
        write(log, extra)
        after = snapshot(demo_county)
        touched = log.unit(extra["unit"]).pk
        for unit_id, figures in before[ObjectKind.UNIT].items():
            if unit_id != touched:
                assert after[ObjectKind.UNIT][unit_id] == figures

        # Each count is the number of cases it lists.
        for unit_id, (counts, _rates, _measures) in after[ObjectKind.UNIT].items():
            for code in ("due", "disposed_on_time", "overdue_open", "closed"):
                listed = cases_behind(demo_county, ObjectKind.UNIT, unit_id, JULY, code)
                assert len(listed) == counts[code]
        transaction.set_rollback(True)
