"""Score sheets: each party's result is its frontage inspection (three failures in a row make it
ineligible), a sheet is completed only when every party is scored, and a month closes only when
every sheet is."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from gridcity.frontage.inspections import is_eligible
from gridcity.frontage.models import Inspection
from gridcity.inspection import monthly
from gridcity.inspection.models import SheetEntry

from .conftest import complete_all, sheet_of


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_sheet_entry_is_the_partys_frontage_inspection(october, make_party, score):
    shop = make_party("惠民超市")
    sheet = sheet_of(october)
    entry = score(sheet, shop, failed=2)  # 6 of 8 standards of a shop
    inspection = Inspection.objects.get(party=shop)
    assert entry.frontage_inspection == inspection
    assert (inspection.score, inspection.passed, inspection.inspected_on) == (75, False, date(2026, 10, 15))
    with pytest.raises(ValidationError, match="scored on this sheet already"):
        score(sheet, shop)
    assert Inspection.objects.filter(party=shop).count() == 1


def test_three_failed_months_make_the_party_ineligible(open_month, make_party, score):
    shop = make_party("惠民超市")
    for month in (8, 9, 10):
        inspection = open_month(date(2026, month, 1))
        score(sheet_of(inspection), shop, failed=3)
        assert is_eligible(shop, 2026) == (month < 10)


def test_entries_are_checked_before_anything_is_written(october, make_party, score, people, units):
    shop = make_party("惠民超市")
    sheet = sheet_of(october)
    with pytest.raises(ValidationError, match="not in the inspected month"):
        score(sheet, shop, day=date(2026, 9, 30))
    other_sheet = october.sheets.exclude(pk=sheet.pk).select_related("grid", "inspection").first()
    with pytest.raises(ValidationError, match="not an active party of grid"):
        score(other_sheet, shop)
    with pytest.raises(PermissionDenied):
        monthly.record_entry(
            sheet, shop, actor=people["handler"], inspected_on=date(2026, 10, 15), results={}
        )
    assert not Inspection.objects.exists() and not SheetEntry.objects.exists()


def test_sheets_and_the_month_are_completed_in_order(october, make_party, score, find, people):
    shop = make_party("惠民超市")
    sheet = sheet_of(october)
    with pytest.raises(ValidationError, match="Score these parties first: 惠民超市"):
        monthly.complete_sheet(sheet, actor=people["inspector"])
    with pytest.raises(ValidationError) as refused:
        monthly.close_inspection(october, actor=people["evaluator"])
    assert "Complete the score sheets of these grids first" in refused.value.messages[0]
    assert refused.value.messages[0].count("371327") == 11
    score(sheet, shop)
    complete_all(october, people["inspector"])
    with pytest.raises(ValidationError, match="completed"):
        score(sheet, make_party("明珠烧烤店"))
    with pytest.raises(PermissionDenied):
        monthly.close_inspection(october, actor=people["inspector"])  # the office closes the month
    monthly.close_inspection(october, actor=people["evaluator"])
    october.refresh_from_db()
    assert october.state == "closed" and october.closed_by == people["evaluator"]
    with pytest.raises(ValidationError, match="closed already"):
        monthly.close_inspection(october, actor=people["evaluator"])
    with pytest.raises(ValidationError, match="is closed; nothing more can be recorded"):
        find(sheet_of(october), unit=shop.grid.zone.supervising_unit)
