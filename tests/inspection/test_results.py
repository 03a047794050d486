"""Units' and communities' monthly results, by hand, and the rule of three failed months in a
row within a year (R11)."""

from datetime import date
from decimal import Decimal

import pytest

from gridcity.frontage.models import Sponsorship, SponsorshipMember
from gridcity.inspection import monthly
from gridcity.inspection.models import UnitIneligibility, UnitResult
from gridcity.inspection.results import UnitMonth, is_unit_eligible, unit_results

from .conftest import complete_all, sheet_of


@pytest.fixture
def run_month(open_month, find, people, units):
    """run_month(date, {unit_code_or_unit: [deductions]}): open, find, complete and close a month."""

    def run(month, deductions):
        inspection = open_month(month)
        sheet = sheet_of(inspection)
        for unit, points in deductions.items():
            unit = units[unit] if isinstance(unit, str) else unit
            for point in points:
                find(sheet, deduction=Decimal(point), unit=unit)
        complete_all(inspection, people["inspector"])
        monthly.close_inspection(inspection, actor=people["evaluator"])
        return inspection

    return run


def test_the_units_results_follow_the_rule(demo_county, open_month, find, people, units, community):
    inspection = open_month(date(2026, 10, 1))
    sheet = sheet_of(inspection)
    # The street office signed the grid's sponsorship agreement: responsible there, no findings.
    sponsorship = Sponsorship.objects.create(
        jurisdiction=demo_county,
        leader=people["leader01"],
        grid=sheet.grid,
        duties="包扶网格",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    SponsorshipMember.objects.create(sponsorship=sponsorship, unit=units["shizilu-street"], duties="属地管理")
    find(sheet, deduction=Decimal("5"), unit=units["urban-management"])  # the zone's supervising unit
    find(sheet, deduction=Decimal("12.5"), unit=units["urban-management"])
    find(sheet, deduction=Decimal("30"), unit=community)
    find(sheet, deduction=Decimal("60"), unit=units["environment"])
    find(sheet, deduction=Decimal("50"), unit=units["environment"])  # 110 deducted: 0, not below
    complete_all(inspection, people["inspector"])
    monthly.close_inspection(inspection, actor=people["evaluator"])

    results = {
        r.unit.code: r for r in UnitResult.objects.filter(inspection=inspection).select_related("unit")
    }
    drawn = {
        s.grid.zone.supervising_unit.code
        for s in inspection.sheets.select_related("grid__zone__supervising_unit")
    }
    assert set(results) == drawn | {"shizilu-street", "renmin-community", "environment"}
    assert (results["urban-management"].score, results["urban-management"].passed) == (Decimal("82.5"), True)
    assert results["urban-management"].findings == 2
    assert (results["renmin-community"].score, results["renmin-community"].passed) == (Decimal("70"), False)
    assert results["environment"].score == 0
    assert (results["shizilu-street"].score, results["shizilu-street"].passed) == (Decimal("100"), True)
    assert results["shizilu-street"].grounds == [{"grid": sheet.grid.code, "reasons": ["sponsorship"]}]
    assert {"grid": sheet.grid.code, "reasons": ["finding", "supervising"]} in results[
        "urban-management"
    ].grounds

    by_unit = unit_results(demo_county, date(2026, 10, 1), date(2027, 1, 1))
    assert by_unit[community.pk] == [UnitMonth(date(2026, 10, 1), Decimal("70.0"), False, inspection.pk)]
    assert unit_results(demo_county, date(2026, 7, 1), date(2026, 10, 1)) == {}


def test_three_failed_months_in_a_row_take_away_the_years_awards(run_month, units, community):
    street = units["shizilu-street"]
    run_month(date(2026, 6, 1), {street: [25], community: [30]})
    run_month(date(2026, 7, 1), {street: [25], community: [10]})  # the community passes: its run restarts
    assert is_unit_eligible(street, 2026)
    run_month(date(2026, 8, 1), {street: [21], community: [30]})
    assert not is_unit_eligible(street, 2026) and is_unit_eligible(community, 2026)
    ineligibility = UnitIneligibility.objects.get(unit=street)
    assert (ineligibility.year, ineligibility.since) == (2026, date(2026, 8, 1))
    assert sorted(r.inspection.month.month for r in ineligibility.results.all()) == [6, 7, 8]
    run_month(date(2026, 9, 1), {community: [30]})
    assert is_unit_eligible(community, 2026)  # two failures in a row since the pass
    assert is_unit_eligible(street, 2027)


def test_failures_across_two_years_do_not_count_as_a_row(run_month, units):
    street = units["shizilu-street"]
    for month in (date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)):
        run_month(month, {street: [25]})
    assert is_unit_eligible(street, 2025) and is_unit_eligible(street, 2026)
    assert not UnitIneligibility.objects.exists()
