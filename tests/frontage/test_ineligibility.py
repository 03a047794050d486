"""Three failed inspections in a row within a year: not eligible for that year's awards (R11);
only a system administrator lifts it, with a reason."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from gridcity.frontage.exports import write_ineligible
from gridcity.frontage.inspections import is_eligible, override_ineligibility, record_inspection
from gridcity.frontage.models import Ineligibility
from gridcity.frontage.selectors import ineligible_parties
from gridcity.frontage.standards import checklist
from gridcity.org.roles import Role

from ..conftest import make_person


@pytest.fixture
def shop(make_party):
    return make_party("惠民超市")


@pytest.fixture
def inspect(shop, people):
    """inspect(day, failed=n): record an inspection of the shop failing n of its items."""
    items = checklist(shop.jurisdiction, shop.kind)

    def run(day, failed=0, party=shop):
        return record_inspection(
            party,
            inspector=people["inspector"],
            inspected_on=day,
            results={item.number: index >= failed for index, item in enumerate(items)},
        )

    return run


def test_an_inspection_scores_the_checklist_of_the_kind(inspect):
    passed = inspect(date(2026, 3, 15), failed=1)  # 7 of 8 items
    assert (passed.score, passed.passed) == (87.5, True)
    failed = inspect(date(2026, 4, 15), failed=2)  # 6 of 8
    assert (failed.score, failed.passed) == (75.0, False)
    assert [r.passed for r in failed.results.all()][:3] == [False, False, True]
    assert "店外经营" in failed.results.get(number=3).text


def test_three_failures_in_a_row_make_the_party_ineligible_that_year(shop, inspect, demo_county):
    inspect(date(2026, 3, 15), failed=3)
    inspect(date(2026, 4, 15), failed=3)
    assert is_eligible(shop, 2026)
    third = inspect(date(2026, 5, 15), failed=4)
    assert not is_eligible(shop, 2026)
    ineligibility = Ineligibility.objects.get(party=shop, year=2026)
    assert ineligibility.since == date(2026, 5, 15) and third in ineligibility.inspections.all()
    assert is_eligible(shop, 2027)  # the next year starts afresh
    assert list(ineligible_parties(demo_county, 2026)) == [ineligibility]


def test_a_pass_in_between_breaks_the_run(shop, inspect):
    inspect(date(2026, 3, 15), failed=3)
    inspect(date(2026, 4, 15), failed=3)
    inspect(date(2026, 5, 15), failed=0)
    inspect(date(2026, 6, 15), failed=3)
    inspect(date(2026, 7, 15), failed=3)
    assert is_eligible(shop, 2026)


def test_failures_across_the_new_year_do_not_count_together(shop, inspect):
    inspect(date(2025, 11, 15), failed=3)
    inspect(date(2025, 12, 15), failed=3)
    inspect(date(2026, 1, 15), failed=3)
    assert is_eligible(shop, 2025) and is_eligible(shop, 2026)


def test_a_late_entry_is_placed_by_its_date(shop, inspect):
    inspect(date(2026, 3, 15), failed=3)
    inspect(date(2026, 5, 15), failed=3)
    inspect(date(2026, 4, 15), failed=3)  # April's inspection entered last
    assert not is_eligible(shop, 2026)


def test_only_an_administrator_lifts_it_and_gives_the_reason(shop, inspect, people, demo_county):
    for month in (3, 4, 5):
        inspect(date(2026, month, 15), failed=3)
    ineligibility = Ineligibility.objects.get(party=shop)
    with pytest.raises(PermissionDenied):
        override_ineligibility(ineligibility, actor=people["evaluator"], reason="已整改")
    admin = make_person(demo_county, "root2", Role.SYSTEM_ADMIN)
    with pytest.raises(ValidationError):
        override_ineligibility(ineligibility, actor=admin, reason="  ")
    assert not is_eligible(shop, 2026)
    override = override_ineligibility(ineligibility, actor=admin, reason="经复查，检查记录有误")
    assert (override.by, override.reason) == (admin, "经复查，检查记录有误") and override.at
    assert is_eligible(shop, 2026)
    with pytest.raises(ValidationError):
        override_ineligibility(ineligibility, actor=admin, reason="again")
    # The override does not hide the record: the list and the export still show it, reinstated.
    buffer = io.BytesIO()
    write_ineligible(demo_county, 2026, buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    row = [cell.value for cell in sheet[2]]
    assert row[0] == "惠民超市" and "经复查" in row[-1] and str(admin) in row


def test_an_incomplete_inspection_is_refused(shop, people):
    with pytest.raises(ValidationError):
        record_inspection(
            shop, inspector=people["inspector"], inspected_on=date(2026, 3, 1), results={1: True}
        )
    with pytest.raises(PermissionDenied):
        record_inspection(shop, inspector=people["collector01"], inspected_on=date(2026, 3, 1), results={})
