"""Fixtures for the monthly inspection, on the demo county (without its demo cases): the
personas of the case tests, parties made as in the frontage tests, and an opened month."""

from datetime import date

import pytest

from gridcity.frontage.standards import checklist
from gridcity.inspection import monthly
from gridcity.inspection.draw import draw_grids
from gridcity.inspection.models import Strategy
from gridcity.org.models import Unit

from ..cases.conftest import ZONE_01, garbage, people, photo, units  # noqa: F401
from ..frontage.conftest import _fresh_index, make_party, register  # noqa: F401

# The demo grid that ZONE_01 lies in, and its zone's supervising unit (县城市管理局).
GRID_01 = "371327001001002"
TEAM = ("civilization-office", "urban-management", "supervision")


def seed_drawing(jurisdiction, grid_code, count=11, strategy=Strategy.PER_ZONE):
    """The first seed whose draw includes ``grid_code``: tests choose the grid they work in."""
    grids = monthly.active_grids(jurisdiction)
    return next(
        seed
        for seed in range(1000)
        if grid_code in {grid.code for grid in draw_grids(grids, seed, count, strategy)}
    )


@pytest.fixture
def open_month(demo_county, people, units):  # noqa: F811
    """open_month(date(2026, 10, 1), **changes): the month's inspection, opened by the evaluation
    office with grid GRID_01 among the grids drawn."""

    def open_(month, **fields):
        fields.setdefault("seed", seed_drawing(demo_county, GRID_01))
        fields.setdefault("team_units", [units[code] for code in TEAM])
        fields.setdefault("inspectors", [people["inspector"]])
        return monthly.open_inspection(demo_county, month=month, actor=people["evaluator"], **fields)

    return open_


@pytest.fixture
def october(open_month):
    return open_month(date(2026, 10, 1))


def sheet_of(inspection, grid_code=GRID_01):
    return inspection.sheets.select_related("grid__zone", "inspection").get(grid__code=grid_code)


@pytest.fixture
def score(people):  # noqa: F811
    """score(sheet, party, failed=n, day=...): record the party's entry failing n of its items."""

    def run(sheet, party, failed=0, day=None):
        items = checklist(party.jurisdiction, party.kind)
        return monthly.record_entry(
            sheet,
            party,
            actor=people["inspector"],
            inspected_on=day or sheet.inspection.month.replace(day=15),
            results={item.number: index >= failed for index, item in enumerate(items)},
        )

    return run


@pytest.fixture
def find(people, garbage):  # noqa: F811
    """find(sheet, unit=..., deduction=...): record a finding with one photo."""

    def run(sheet, deduction=5, files=None, **fields):
        fields.setdefault("description", "背街小巷有暴露垃圾")
        return monthly.record_finding(
            sheet,
            actor=people["inspector"],
            minor_class=garbage,
            deduction=deduction,
            files=files if files is not None else [photo()],
            found_on=sheet.inspection.month.replace(day=15),
            **fields,
        )

    return run


def complete_all(inspection, person):
    for sheet in inspection.sheets.select_related("inspection", "grid"):
        if not sheet.is_complete:
            monthly.complete_sheet(sheet, actor=person)


@pytest.fixture
def community(demo_county):
    return Unit.objects.create(
        jurisdiction=demo_county, code="renmin-community", name="人民路社区", kind=Unit.Kind.COMMUNITY
    )
