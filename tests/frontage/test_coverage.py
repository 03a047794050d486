"""Coverage: parties signed and not signed per grid, zone and town; unsigned per signing unit."""

import io

from openpyxl import load_workbook

from gridcity.frontage import agreements
from gridcity.frontage.exports import write_coverage
from gridcity.frontage.models import PartyKind
from gridcity.frontage.selectors import (
    coverage_by_grid,
    coverage_by_town,
    coverage_by_zone,
    frontages_geojson,
    unsigned_by_signing_unit,
)
from gridcity.org.models import Place

from .conftest import ZONE_01, ZONE_10


def test_counts_per_grid_zone_and_town(make_party, people, demo_county):
    office = people["evaluator"]
    signed = make_party("惠民超市")
    agreements.sign(agreements.draft_agreement(signed, actor=office), actor=office)
    make_party("阳光花店", at=(ZONE_01[0], ZONE_01[1] + 0.001))  # a draft only: not signed
    agreements.draft_agreement(make_party("福满饭店", at=(ZONE_01[0], ZONE_01[1] + 0.002)), actor=office)
    make_party("开发区超市", at=ZONE_10)

    grids = {row.key.code: row for row in coverage_by_grid(demo_county)}
    assert len(grids) == 33
    assert (grids["371327001001002"].parties, grids["371327001001002"].signed) == (3, 1)
    assert grids["371327001001002"].unsigned == 2 and grids["371327001001002"].share_signed == 33.3
    assert (grids["371327001010001"].parties, grids["371327001010001"].signed) == (1, 0)
    assert grids["371327001005001"].parties == 0
    zones = {row.key.code: row for row in coverage_by_zone(demo_county)}
    assert (zones["01"].parties, zones["01"].signed, zones["10"].parties) == (3, 1, 1)
    (town,) = coverage_by_town(demo_county)
    assert (town.key, town.parties, town.signed) == ("001", 4, 1)


def test_unsigned_parties_are_listed_under_the_unit_that_should_sign(make_party, people, units, demo_county):
    office = people["evaluator"]
    make_party("惠民超市")  # 十字路街道 signs with shops in zone 01
    make_party("开发区超市", at=ZONE_10)  # the development zone in zone 10
    organ = make_party(
        "莒南县财政局", kind=PartyKind.ORGAN, place=Place.MAIN_ROAD, at=(ZONE_01[0], ZONE_01[1] + 0.001)
    )
    agreements.draft_agreement(
        organ, actor=office, signing_unit=units["urban-management"]
    )  # the draft's unit
    groups = {
        group.unit.code: [p.name for p in group.parties] for group in unsigned_by_signing_unit(demo_county)
    }
    assert groups == {
        "shizilu-street": ["惠民超市"],
        "development-zone": ["开发区超市"],
        "urban-management": ["莒南县财政局"],
    }


def test_the_export_has_a_sheet_per_level_and_masks_contacts(make_party, demo_county):
    make_party("惠民超市", contact_person="王伟", contact_phone="13812345678")
    buffer = io.BytesIO()
    write_coverage(demo_county, buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert len(book.sheetnames) == 4
    by_grid = book.worksheets[0]
    assert by_grid.max_row == 1 + 33 + 1  # header, grids, total
    unsigned = book.worksheets[3]
    row = [cell.value for cell in unsigned[2]]
    assert "惠民超市" in row and "王*" in row and "138****5678" in row
    assert "13812345678" not in [cell.value for line in unsigned.iter_rows() for cell in line]


def test_the_map_layer_colours_frontages_by_agreement_state_without_contacts(make_party, people, demo_county):
    office = people["evaluator"]
    signed = make_party("惠民超市")
    agreements.sign(agreements.draft_agreement(signed, actor=office), actor=office)
    make_party("阳光花店", at=(ZONE_01[0], ZONE_01[1] + 0.001))
    layer = frontages_geojson(demo_county)
    states = {
        f["properties"]["name"]: (f["properties"]["state"], f["properties"]["colour"])
        for f in layer["features"]
    }
    assert states["惠民超市"][0] == "signed" and states["阳光花店"][0] == "unsigned"
    assert states["惠民超市"][1] != states["阳光花店"][1]
    assert "13812345678" not in str(layer) and "contact" not in str(layer)
