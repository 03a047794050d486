"""The case list: what the command center sees, filters, sorting, pages, and bad filter values."""

from datetime import timedelta

import pytest
import shapely
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gridcity.cases.models import Source
from gridcity.console import filters
from gridcity.grids.models import Grid
from gridcity.worktime.selectors import forget_calendars

from .conftest import local

LIST = reverse("console:case_list")


def point_in_zone(code):
    grid = Grid.objects.filter(zone__code=code).order_by("code").first()
    point = shapely.geometry.shape(grid.boundary).representative_point()
    return point.x, point.y


@pytest.fixture
def leader_client(client, people):
    client.force_login(people["shiftleader"])
    return client


@pytest.fixture
def sample(people, reported, cycle, manhole):
    """Three cases: exposed garbage in zone 01 dispatched to 城管局, a manhole cover from the
    12345 hotline in zone 02 still reported, and garbage on 人民路 reported this morning."""
    dispatched = reported(at=local(2026, 3, 2, 9), address="振兴路12号")
    cycle["dispatch"](dispatched, at=local(2026, 3, 2, 9, 30))
    lon, lat = point_in_zone("02")
    hotline = reported(
        at=local(2026, 3, 10, 10),
        minor_class=manhole,
        source=Source.HOTLINE_12345,
        actor=people["acceptor"],
        photos=[],
        lon=lon,
        lat=lat,
        urgent=True,
    )
    fresh = reported(address="人民路与文化路交叉口")
    return {"dispatched": dispatched, "hotline": hotline, "fresh": fresh}


def shown(response):
    return [row.case.number for row in response.context["page"].rows]


def test_the_list_asks_for_a_login_first(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_shift_leader_sees_every_case_newest_first_with_a_link_to_its_page(leader_client, sample):
    response = leader_client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert shown(response) == [sample["fresh"].number, sample["hotline"].number, sample["dispatched"].number]
    assert f'href="{reverse("console:case", args=[sample["hotline"].number])}"' in page
    assert "案件列表" in page and "共 3 件" in page
    assert "12345 市民热线" in page and "已派遣待签收" in page and "暴露垃圾" in page
    assert "城管局" in page  # the unit holding the dispatched case
    assert "紧急" in page and "已超时" in page  # the hotline case is urgent and long overdue


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"state": "reported"}, ["fresh", "hotline"]),
        ({"state": ["dispatched", "reported"]}, ["fresh", "hotline", "dispatched"]),
        ({"source": "12345"}, ["hotline"]),
        ({"minor": "MANHOLE"}, ["hotline"]),
        ({"major": "GARBAGE_MAJOR"}, ["fresh", "dispatched"]),
        ({"zone": "ZONE02"}, ["hotline"]),
        ({"grid": "GRID_OF_HOTLINE"}, ["hotline"]),
        ({"unit": "URBAN"}, ["dispatched"]),
        ({"overdue": "1"}, ["hotline", "dispatched"]),
        ({"reported_from": "2026-03-02", "reported_to": "2026-03-09"}, ["dispatched"]),
        ({"reported_from": "2026-03-10", "reported_to": "2026-03-10"}, ["hotline"]),
        ({"q": "人民路"}, ["fresh"]),
        ({"q": "振兴路"}, ["dispatched"]),
        ({"q": "暴露垃圾"}, ["fresh", "hotline", "dispatched"]),
        ({"q": "NUMBER_OF_HOTLINE"}, ["hotline"]),
        ({"q": "PREFIX_OF_MARCH"}, ["hotline", "dispatched"]),
    ],
)
def test_each_filter_narrows_the_list(leader_client, sample, manhole, garbage, units, query, expected):
    hotline = sample["hotline"]
    placeholders = {
        "MANHOLE": str(manhole.pk),
        "GARBAGE_MAJOR": str(garbage.major_id),
        "ZONE02": str(hotline.zone_id),
        "GRID_OF_HOTLINE": hotline.grid.code,
        "URBAN": str(units["urban-management"].pk),
        "NUMBER_OF_HOTLINE": hotline.number,
        "PREFIX_OF_MARCH": hotline.number[:12],  # jurisdiction + 202603
    }
    query = {
        key: [placeholders.get(v, v) for v in value]
        if isinstance(value, list)
        else placeholders.get(value, value)
        for key, value in query.items()
    }
    response = leader_client.get(LIST, query)
    assert response.status_code == 200
    assert shown(response) == [sample[name].number for name in expected]


def test_the_chosen_filters_stay_in_the_form_and_are_named_above_the_results(leader_client, sample):
    response = leader_client.get(LIST, {"state": "reported", "source": "12345", "q": "路口"})
    page = response.content.decode()
    assert (
        'value="reported" checked' in page
        or 'checked value="reported"' in page
        or ('name="state" value="reported"' in page and "checked" in page)
    )
    assert '<option value="12345" selected>' in page
    assert 'value="路口"' in page
    assert "来源: 12345 市民热线" in page


def test_sorting_by_number_and_by_deadline_is_stable(leader_client, sample):
    ascending = shown(leader_client.get(LIST, {"sort": "number"}))
    assert ascending == sorted(ascending)
    assert shown(leader_client.get(LIST, {"sort": "-number"})) == ascending[::-1]
    by_deadline = shown(leader_client.get(LIST, {"sort": "stage_due_at"}))
    # The dispatched case had an hour to be signed on 2 March, the hotline case ten minutes to be
    # accepted on 10 March; the fresh case's deadline comes last.
    assert by_deadline == [sample[name].number for name in ("dispatched", "hotline", "fresh")]
    assert shown(leader_client.get(LIST, {"sort": "-stage_due_at"})) == by_deadline[::-1]


def test_a_column_heading_sorts_and_a_second_click_reverses(leader_client, sample):
    response = leader_client.get(LIST)
    links = response.context["sort_links"]
    assert links["reported_at"]["aria"] == "descending"
    assert "sort=reported_at" in links["reported_at"]["url"]
    assert "sort=-number" in links["number"]["url"]


def test_pages_go_forward_without_counting_every_case(leader_client, reported, monkeypatch):
    monkeypatch.setattr(filters, "PAGE_SIZE", 2)
    monkeypatch.setattr(filters, "COUNT_CAP", 4)
    monkeypatch.setattr(filters, "MAX_PAGE", 2)
    start = timezone.now() - timedelta(days=3)
    made = [reported(at=start + timedelta(hours=n)).number for n in range(5)]
    first = leader_client.get(LIST)
    page = first.content.decode()
    assert shown(first) == [made[4], made[3]]
    assert "超过 4 件" in page and "下一页" in page and "上一页" not in page
    second = leader_client.get(LIST, {"page": 2})
    assert shown(second) == [made[2], made[1]]
    assert "上一页" in second.content.decode() and "下一页" not in second.content.decode()
    # Past the counted cases people narrow the filters instead of paging on.
    too_far = leader_client.get(LIST, {"page": 3})
    assert too_far.status_code == 200 and "缩小筛选范围" in too_far.content.decode()


def test_a_short_list_says_how_many_pages(leader_client, reported, monkeypatch):
    monkeypatch.setattr(filters, "PAGE_SIZE", 2)
    start = timezone.now() - timedelta(days=3)
    for n in range(3):
        reported(at=start + timedelta(hours=n))
    page = leader_client.get(LIST).content.decode()
    assert "共 3 件" in page and "第 1 页，共 2 页" in page


@pytest.mark.parametrize(
    "query, field",
    [
        ({"state": "lost"}, "状态"),
        ({"reported_from": "三月"}, "上报日期自"),
        ({"reported_from": "2026-03-10", "reported_to": "2026-03-01"}, "上报日期至"),
        ({"grid": "999999999999999"}, "网格"),
        ({"unit": "abc"}, "当前单位"),
        ({"sort": "description"}, "排序"),
        ({"page": "two"}, "页码"),
    ],
)
def test_a_bad_filter_value_is_explained_on_the_page(leader_client, sample, query, field):
    response = leader_client.get(LIST, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "部分筛选条件无效" in page
    assert f"<li>{field}: " in page
    assert response.context["page"] is None  # no cases under filters that mean nothing


def test_htmx_gets_the_results_alone_and_a_clean_address(leader_client, sample):
    response = leader_client.get(
        LIST, {"q": "", "state": "reported", "source": "", "sort": "-reported_at"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "<html" not in page and 'id="case-filters"' not in page
    assert sample["hotline"].number in page
    assert response["HX-Push-Url"] == f"{LIST}?state=reported"
    assert "HX-Request" in response["Vary"]
    restored = leader_client.get(
        LIST, {"state": "reported"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restored.content.decode()


def test_a_unit_sees_only_the_cases_it_holds(client, people, sample):
    client.force_login(people["handler"])  # 城管局
    assert shown(client.get(LIST)) == [sample["dispatched"].number]
    client.force_login(people["handler-public-security"])
    assert "暂无案件" in client.get(LIST).content.decode()


def test_the_query_count_does_not_grow_with_the_rows(leader_client, reported, cycle, settings):
    # Within a request the working calendar comes from the process cache, as in production.
    settings.WORKTIME_CALENDAR_RECHECK_SECONDS = 60
    forget_calendars()
    start = timezone.now() - timedelta(days=2)
    cases = [reported(at=start + timedelta(minutes=n)) for n in range(2)]
    cycle["dispatch"](cases[0])

    def count():
        leader_client.get(LIST)  # warm the calendar cache
        with CaptureQueriesContext(connection) as queries:
            response = leader_client.get(LIST, {"sort": "stage_due_at"})
        return len(queries), len(response.context["page"].rows)

    few, rows = count()
    assert rows == 2
    more = [reported(at=start + timedelta(hours=1, minutes=n)) for n in range(28)]
    for case in more[:10]:
        cycle["dispatch"](case)
    many, rows = count()
    assert rows == 30
    assert many == few


@pytest.mark.parametrize("digits", [8, 10, 12, 13, 14, 19])
def test_a_number_or_its_start_finds_the_cases_of_that_year_month_or_day(leader_client, sample, digits):
    hotline = sample["hotline"]  # reported on 10 March 2026
    found = shown(leader_client.get(LIST, {"q": hotline.number[:digits]}))
    expected = {
        8: ["fresh", "hotline", "dispatched"],  # 371327 20…
        10: ["fresh", "hotline", "dispatched"],  # 2026
        12: ["hotline", "dispatched"],  # March 2026
        13: ["hotline"],  # 10 to 19 March 2026 (the first digit of the day)
        14: ["hotline"],  # 10 March 2026
        19: ["hotline"],  # the whole number
    }[digits]
    assert found == [sample[name].number for name in expected]


def test_a_number_with_an_impossible_date_finds_nothing_without_an_error(leader_client, sample):
    response = leader_client.get(LIST, {"q": "3713272026130100001"})
    assert response.status_code == 200 and shown(response) == []
