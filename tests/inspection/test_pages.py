"""The inspection pages: who may read, record and manage; the forms refuse clearly; Chinese first."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gridcity.inspection.models import MonthlyInspection, UnitIneligibility

from .conftest import GRID_01, TEAM, sheet_of


def test_a_collector_sees_no_inspection_page(october, people, client):
    client.force_login(people["collector01"])
    for url in (
        reverse("inspection:list"),
        reverse("inspection:month", args=[october.key]),
        reverse("inspection:summary_pdf", args=[october.key]),
        reverse("inspection:ineligible"),
        reverse("inspection:open"),
    ):
        assert client.get(url).status_code == 403, url


def test_only_logged_in_people_see_the_pages(client):
    response = client.get(reverse("inspection:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("reader", ["leader01", "handler", "inspector"])
def test_readers_see_the_month_but_only_the_office_opens_and_closes(
    october, make_party, people, client, reader
):
    shop = make_party("惠民超市")
    client.force_login(people[reader])
    page = client.get(reverse("inspection:month", args=[october.key]))
    assert page.status_code == 200
    text = page.content.decode()
    # Chinese first: the page's own heading; the seed is shown.
    assert "莒南县 2026-10 月度检查" in text and str(october.seed) in text
    assert client.get(reverse("inspection:open")).status_code == 403
    assert client.post(reverse("inspection:close", args=[october.key])).status_code == 403
    sheet = client.get(reverse("inspection:sheet", args=[october.key, GRID_01]))
    assert sheet.status_code == 200
    text = sheet.content.decode()
    assert f"网格 {GRID_01}" in text and "评分表" in text
    assert reverse("console:party", args=[shop.pk]) in text and "惠民超市" in text  # the grid's party row
    finding_form = client.get(reverse("inspection:finding_new", args=[october.key, GRID_01]))
    if reader == "inspector":
        assert finding_form.status_code == 200 and "记录发现的问题" in finding_form.content.decode()
    else:
        assert finding_form.status_code == 403
        assert "只有检查人员或考核办公室可以记录问题。" in finding_form.content.decode()


def test_the_office_opens_a_month_from_the_form(demo_county, people, units, client):
    client.force_login(people["evaluator"])
    form = client.get(reverse("inspection:open"))
    assert form.status_code == 200 and "县城市管理局" in form.content.decode()
    # The office's own staff may be named inspectors too, as monthly.open_inspection accepts.
    for person in ("inspector", "evaluator"):
        assert f'name="inspectors" value="{people[person].pk}"' in form.content.decode()
    data = {
        "month": "2026-09",
        "grid_count": "11",
        "strategy": "per_zone",
        "seed": "20260901",
        "team_units": [units[code].pk for code in TEAM],
        "inspectors": [people["inspector"].pk],
    }
    bad = client.post(reverse("inspection:open"), {**data, "grid_count": "12"})
    assert bad.status_code == 400 and "只有 11 个网区" in bad.content.decode()  # only 11 zones
    command_center = units["command-center"].pk
    not_member = client.post(reverse("inspection:open"), {**data, "team_units": [command_center]})
    assert not_member.status_code == 400
    assert f"检查组由领导小组成员单位组成；{command_center} 不是成员单位。" in not_member.content.decode()
    assert not MonthlyInspection.objects.exists()
    response = client.post(reverse("inspection:open"), data)
    assert response.status_code == 303
    inspection = MonthlyInspection.objects.get()
    assert response["Location"] == reverse("inspection:month", args=["2026-09"])
    assert (inspection.seed, inspection.seed_given, inspection.opened_by) == (
        20260901,
        True,
        people["evaluator"],
    )


def test_the_sheet_records_a_partys_score_and_the_month_closes(october, make_party, people, client):
    shop = make_party("惠民超市")
    client.force_login(people["inspector"])
    url = reverse("inspection:entry", args=[october.key, GRID_01, shop.pk])
    assert client.get(url).status_code == 200
    results = {f"item_{n}": "passed" for n in range(1, 9)}
    response = client.post(url, {"inspected_on": "2026-10-12", **results})
    assert response.status_code == 303
    assert sheet_of(october).entries.get().frontage_inspection.score == 100
    refused = client.post(reverse("inspection:close", args=[october.key]))  # the inspector may not close
    assert refused.status_code == 403
    client.force_login(people["evaluator"])
    early = client.post(reverse("inspection:close", args=[october.key]))
    assert early.status_code == 400 and "请先完成以下网格的评分表" in early.content.decode()
    for sheet in october.sheets.all():
        client.post(reverse("inspection:complete_sheet", args=[october.key, sheet.grid.code]))
    assert client.post(reverse("inspection:close", args=[october.key])).status_code == 303
    october.refresh_from_db()
    assert october.state == "closed"


def test_the_list_and_the_ineligible_page(october, people, units, client):
    client.force_login(people["leader01"])
    page = client.get(reverse("inspection:list")).content.decode()
    assert reverse("inspection:month", args=[october.key]) in page
    # The rule that writes it is tested in test_results; the page lists what was written.
    UnitIneligibility.objects.create(unit=units["shizilu-street"], year=2026, since=date(2026, 10, 1))
    ineligible = client.get(reverse("inspection:ineligible") + "?year=2026")
    assert ineligible.status_code == 200
    text = ineligible.content.decode()
    assert "取消 2026 年度评先资格名单" in text
    assert "十字路街道办事处" in text.split('id="ineligible-units"')[1].split("</table>")[0]
    assert reverse("console:ineligible_export") + "?year=2026" in text
    assert client.get(reverse("inspection:ineligible") + "?year=1066").status_code == 400
    assert client.get(reverse("inspection:month", args=["2026-13"])).status_code == 404
    assert client.get(reverse("inspection:month", args=[f"{date(2026, 3, 1):%Y-%m}"])).status_code == 404


def test_the_month_page_reads_the_same_number_of_times_however_much_was_found(
    october, make_party, score, find, units, people, client
):
    client.force_login(people["leader01"])
    url = reverse("inspection:month", args=[october.key])
    sheet = sheet_of(october)
    score(sheet, make_party("惠民超市"))
    find(sheet, unit=units["urban-management"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    score(sheet, make_party("明珠烧烤店"), failed=3)
    find(sheet, unit=units["shizilu-street"])
    find(sheet, unit=units["environment"])
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)
