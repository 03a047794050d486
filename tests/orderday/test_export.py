"""The day as an Excel workbook."""

import io

from openpyxl import load_workbook

from gridcity.orderday import actions

from .conftest import GRID


def test_the_export_opens_with_every_grid_and_the_absent(client, people, units, order_day, grid):
    actions.record_participation(
        order_day, grid, actor=people["handler"], leader_took_part=False, units=[units["urban-management"]]
    )
    actions.add_finding(order_day, grid, actor=people["inspector"], description="绿化带内有垃圾")
    client.force_login(people["leader01"])
    response = client.get(f"/order-days/{order_day.pk}/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["网格", "缺席", "检查发现"]
    grids = list(workbook["网格"].iter_rows(min_row=2, values_only=True))
    assert len(grids) == 33
    row = next(row for row in grids if row[1] == GRID)
    assert row[4] == "缺席" and row[6] == "已参加"
    absent = list(workbook["缺席"].iter_rows(min_row=2, values_only=True))
    assert (GRID, grid.name, "包扶县领导", str(people["leader01"])) in absent
    assert [row[2] for row in workbook["检查发现"].iter_rows(min_row=2, values_only=True)] == [
        "绿化带内有垃圾"
    ]
