"""Units' and communities' monthly results, and their award eligibility (R9, R11).

The rule (docs/inspection.md):

* A unit is *inspected* in a month when it is responsible in a drawn grid: the supervising unit
  of the grid's zone, a unit that signed a grid-management agreement (Sponsorship) of the grid
  in force during the month, or a unit named in one of the month's findings. Communities
  (units of kind "community") follow the same rule.
* Its monthly score is 100 less the points deducted by the month's findings that name it, never
  below 0; it passes at PASS_MARK (80, as the frontage inspections).
* Three failed monthly inspections in a row (the months in which the unit was inspected, in
  order, with no pass between) within a calendar year make it ineligible for that year's awards.

The results are computed once, when the month is closed, and stored (UnitResult).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gridcity.frontage.inspections import FAILURES_IN_A_ROW, PASS_MARK
from gridcity.frontage.models import SponsorshipMember

from .models import InspectionState, UnitIneligibility, UnitResult

FULL_MARKS = Decimal(100)
SUPERVISING, SPONSORSHIP, FINDING = "supervising", "sponsorship", "finding"


@dataclass(frozen=True)
class UnitMonth:
    """One closed month of a unit, as the quarterly evaluation reads it."""

    month: date
    score: Decimal
    passed: bool
    inspection_id: int


def month_end(month):
    """The last day of the month that starts on ``month``."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def responsible_units(inspection):
    """{unit_id: {grid_code: set of reasons}} for the units responsible in the drawn grids."""
    grounds = defaultdict(lambda: defaultdict(set))
    sheets = list(inspection.sheets.select_related("grid__zone"))
    for sheet in sheets:
        if sheet.grid.zone.supervising_unit_id:
            grounds[sheet.grid.zone.supervising_unit_id][sheet.grid.code].add(SUPERVISING)
    members = SponsorshipMember.objects.filter(
        unit__isnull=False,
        sponsorship__grid__in=[sheet.grid_id for sheet in sheets],
        sponsorship__starts_on__lte=month_end(inspection.month),
        sponsorship__ends_on__gte=inspection.month,
    ).values_list("unit_id", "sponsorship__grid__code")
    for unit_id, grid_code in members:
        grounds[unit_id][grid_code].add(SPONSORSHIP)
    for unit_id, grid_code in inspection.findings.filter(unit__isnull=False).values_list(
        "unit_id", "sheet__grid__code"
    ):
        grounds[unit_id][grid_code].add(FINDING)
    return grounds


def score_units(inspection):
    """The UnitResult rows (not saved) of the month, by the rule above."""
    deducted = defaultdict(Decimal)
    counted = defaultdict(int)
    for unit_id, deduction in inspection.findings.filter(unit__isnull=False).values_list(
        "unit_id", "deduction"
    ):
        deducted[unit_id] += deduction
        counted[unit_id] += 1
    rows = []
    for unit_id, grids in responsible_units(inspection).items():
        score = max(FULL_MARKS - deducted[unit_id], Decimal(0))
        rows.append(
            UnitResult(
                inspection=inspection,
                unit_id=unit_id,
                deductions=deducted[unit_id],
                findings=counted[unit_id],
                score=score,
                pass_mark=PASS_MARK,
                passed=score >= PASS_MARK,
                grounds=[
                    {"grid": code, "reasons": sorted(reasons)} for code, reasons in sorted(grids.items())
                ],
            )
        )
    return rows


def failing_run(unit_id, year):
    """The first FAILURES_IN_A_ROW failed results in a row of the unit in ``year``, or None."""
    run = []
    results = UnitResult.objects.filter(
        unit_id=unit_id, inspection__month__year=year, inspection__state=InspectionState.CLOSED
    ).order_by("inspection__month")
    for result in results.select_related("inspection"):
        if result.passed:
            run = []
            continue
        run.append(result)
        if len(run) == FAILURES_IN_A_ROW:
            return run
    return None


def update_unit_eligibility(unit_id, year, now=None):
    """Write the unit's UnitIneligibility for ``year`` once it failed three months in a row;
    returns it (or the one already there), or None while the unit is eligible."""
    existing = UnitIneligibility.objects.filter(unit_id=unit_id, year=year).first()
    if existing is not None:
        return existing
    run = failing_run(unit_id, year)
    if run is None:
        return None
    ineligibility = UnitIneligibility.objects.create(
        unit_id=unit_id, year=year, since=run[-1].inspection.month, computed_at=now or timezone.now()
    )
    ineligibility.results.set(run)
    return ineligibility


def is_unit_eligible(unit, year):
    return not UnitIneligibility.objects.filter(unit=unit, year=year).exists()


def unit_results(jurisdiction, start, end):
    """{unit id: [UnitMonth, …]}: each unit's closed months with ``start <= month < end``, in
    month order. The quarterly evaluation reads the monthly inspection through this."""
    rows = (
        UnitResult.objects.filter(
            inspection__jurisdiction=jurisdiction,
            inspection__state=InspectionState.CLOSED,
            inspection__month__gte=start,
            inspection__month__lt=end,
        )
        .order_by("inspection__month", "unit_id")
        .values_list("unit_id", "inspection__month", "score", "passed", "inspection_id")
    )
    found = defaultdict(list)
    for unit_id, month, score, passed, inspection_id in rows:
        found[unit_id].append(UnitMonth(month, score, passed, inspection_id))
    return dict(found)
