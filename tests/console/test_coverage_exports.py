"""The two Excel downloads of the coverage page: coverage per area, and the parties not eligible
for awards in a year (细则 §六(四)); a year that is not one answers 400 and says why."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from gridcity.frontage import agreements
from gridcity.frontage.inspections import record_inspection
from gridcity.frontage.models import Party
from gridcity.frontage.standards import checklist
from tests.frontage.conftest import ZONE_01, _fresh_index, make_party, register  # noqa: F401

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def office_client(client, people):
    client.force_login(people["evaluator"])
    return client


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def fail_three_times(party, inspector, year):
    items = checklist(party.jurisdiction, party.kind)
    for month in (3, 4, 5):
        record_inspection(
            party,
            inspector=inspector,
            inspected_on=date(year, month, 15),
            results={item.number: index >= 3 for index, item in enumerate(items)},
        )


def test_the_coverage_workbook_holds_the_areas_and_the_unsigned_parties(office_client, make_party, people):
    office = people["evaluator"]
    signed = make_party("惠民超市")
    agreements.sign(agreements.draft_agreement(signed, actor=office), actor=office)
    make_party("阳光花店", at=(ZONE_01[0], ZONE_01[1] + 0.001))
    response = office_client.get(reverse("console:coverage_export"))
    assert "20261124.xlsx" in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == ["按网格", "按网区", "按镇街", "未签订"]
    grids = list(book["按网格"].iter_rows(values_only=True))
    assert grids[0] == ("网格", "责任主体", "已签订", "未签订", "签订率（%）")
    (row,) = [row for row in grids if str(row[0]).startswith("371327001001002")]
    assert row[1:] == (2, 1, 1, 50.0)
    assert grids[-1] == ("莒南县", 2, 1, 1, 50.0)
    unsigned = list(book["未签订"].iter_rows(values_only=True))
    assert unsigned[0][:2] == ("签订单位", "责任主体")
    assert [row[1] for row in unsigned[1:]] == ["阳光花店"]
    assert unsigned[1][6:] == ("王*", "138****5678")  # contacts masked, as in every list


def test_the_ineligible_workbook_lists_the_year_asked_for(office_client, make_party, people):
    shop = make_party("惠民超市")
    fail_three_times(shop, people["inspector"], 2025)
    fail_three_times(make_party("阳光花店", at=(ZONE_01[0], ZONE_01[1] + 0.001)), people["inspector"], 2026)

    book = workbook(office_client.get(reverse("console:ineligible_export"), {"year": "2025"}))
    assert book.sheetnames == ["2025年取消评先资格"]
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("责任主体", "责任主体类型", "代码", "网格")
    assert [row[0] for row in rows[1:]] == ["惠民超市"]
    assert rows[1][2] == Party.objects.get(name="惠民超市").credit_code


def test_without_a_year_it_is_this_year(office_client, make_party, people):
    fail_three_times(make_party("阳光花店"), people["inspector"], 2026)
    response = office_client.get(reverse("console:ineligible_export"))
    assert "2026.xlsx" in response["Content-Disposition"]
    rows = list(workbook(response).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["阳光花店"]


@pytest.mark.parametrize("year", ["abc", "1999", "2027", "20x6", "-2025"])
def test_a_bad_year_answers_400_and_says_why(office_client, register, year):
    response = office_client.get(reverse("console:ineligible_export"), {"year": year})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f"“{year}”不是 2000 至 2026 之间的年份。" in html
    assert f'value="{year}"' in html  # what was typed stays in the field
