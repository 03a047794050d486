"""The Excel export of the filtered case list."""

import io
from datetime import datetime

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from gridcity.cases.models import Source
from gridcity.console import export

from .conftest import local

EXPORT = reverse("console:case_export")
HEADERS = [
    "案卷编号",
    "上报时间",
    "案件来源",
    "类型",
    "大类",
    "小类",
    "问题描述",
    "地址",
    "网区",
    "网格",
    "状态",
    "当前单位",
    "环节截止时间",
    "已超时",
    "紧急",
    "督办",
    "结案时间",
]


@pytest.fixture
def leader_client(client, people):
    client.force_login(people["shiftleader"])
    return client


@pytest.fixture
def sample(people, reported, cycle):
    dispatched = reported(at=local(2026, 3, 2, 9, 5), address="振兴路12号")
    cycle["dispatch"](dispatched, at=local(2026, 3, 2, 9, 30))
    hotline = reported(
        at=local(2026, 3, 10, 10), source=Source.HOTLINE_12345, actor=people["acceptor"], photos=[]
    )
    fresh = reported(at=local(2026, 3, 12, 14))
    return {"dispatched": dispatched, "hotline": hotline, "fresh": fresh}


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_file_holds_exactly_the_filtered_cases_under_chinese_headers(leader_client, sample):
    response = leader_client.get(EXPORT, {"source": "collector", "sort": "number"})
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    sheet = workbook(response).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("案件列表 · 莒南县 · 导出时间 ")
    assert "筛选条件：案件来源 信息采集员" in rows[0][0]
    assert list(rows[1]) == HEADERS
    assert [row[0] for row in rows[2:]] == [sample["dispatched"].number, sample["fresh"].number]
    dispatched = dict(zip(HEADERS, rows[2], strict=True))
    assert dispatched["状态"] == "已派遣待签收" and dispatched["当前单位"] == "县城市管理局"
    assert dispatched["地址"] == "振兴路12号" and dispatched["小类"].endswith("暴露垃圾")
    assert dispatched["案件来源"] == "信息采集员" and dispatched["已超时"] == "是"


def test_dates_are_real_excel_dates_in_beijing_time_and_the_header_stays_in_view(leader_client, sample):
    sheet = workbook(leader_client.get(EXPORT, {"q": sample["dispatched"].number})).active
    assert sheet.freeze_panes == "A3"
    reported_at = sheet["B3"]
    assert reported_at.is_date and reported_at.value == datetime(2026, 3, 2, 9, 5)
    assert reported_at.number_format == "yyyy-mm-dd hh:mm"
    assert sheet.column_dimensions["G"].width >= 30  # the description has room


def test_a_list_longer_than_the_cap_is_cut_short_and_the_file_says_so(leader_client, sample, monkeypatch):
    monkeypatch.setattr(export, "EXPORT_CAP", 2)
    sheet = workbook(leader_client.get(EXPORT)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 + 2
    assert "仅导出前 2 件" in rows[0][0]


def test_the_list_page_says_how_many_rows_an_export_holds(leader_client, sample):
    page = leader_client.get(reverse("console:case_list"), {"state": "reported"}).content.decode()
    assert f'href="{EXPORT}?state=reported"' in page
    assert "最多 100,000 行" in page


def test_bad_filters_export_nothing_and_say_why(leader_client, sample):
    response = leader_client.get(EXPORT, {"reported_from": "not a date"})
    assert response.status_code == 400
    assert "部分筛选条件无效" in response.content.decode()


def test_a_unit_exports_only_the_cases_it_may_see(client, people, sample):
    client.force_login(people["handler"])
    rows = list(workbook(client.get(EXPORT)).active.iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in rows] == [sample["dispatched"].number]


def test_the_export_reads_the_cases_in_a_fixed_number_of_queries(
    leader_client, reported, django_assert_max_num_queries
):
    start = timezone.now()
    for n in range(12):
        reported(at=start.replace(microsecond=n))
    with django_assert_max_num_queries(12):
        response = leader_client.get(EXPORT)
    assert len(list(workbook(response).active.iter_rows(min_row=3))) == 12
