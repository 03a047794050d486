"""The case map: grids coloured by open and overdue cases, the open cases as clustered markers."""

import json
from datetime import timedelta

import pytest
import shapely
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gridcity.cases import workflow
from gridcity.cases.models import Source
from gridcity.console import filters
from gridcity.grids.models import Grid

from .conftest import local

MAP = reverse("console:case_map")
FEATURES = reverse("console:case_features")


@pytest.fixture
def leader_client(client, people):
    client.force_login(people["shiftleader"])
    return client


def zone_point(code):
    grid = Grid.objects.filter(zone__code=code).order_by("code").first()
    point = shapely.geometry.shape(grid.boundary).representative_point()
    return grid, (point.x, point.y)


@pytest.fixture
def sample(people, reported, cycle):
    overdue = reported(at=local(2026, 3, 2, 9))
    cycle["dispatch"](overdue, at=local(2026, 3, 2, 9, 30))
    fresh = reported()
    grid, (lon, lat) = zone_point("02")
    hotline = reported(
        source=Source.HOTLINE_12345, actor=people["acceptor"], photos=[], lon=lon, lat=lat, urgent=True
    )
    closed = reported(at=local(2026, 3, 3, 9))
    cycle["checked"](closed, at=local(2026, 3, 3, 10))
    workflow.close(closed, actor=people["shiftleader"], at=local(2026, 3, 3, 11))
    return {"overdue": overdue, "fresh": fresh, "hotline": hotline, "closed": closed, "grid02": grid}


def features(client, query=None):
    response = client.get(FEATURES, query or {})
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_the_map_page_loads_leaflet_the_clusters_and_the_shared_filters(leader_client, sample):
    response = leader_client.get(MAP, {"state": "dispatched"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "案件地图" in page and "只显示未结案件" in page
    for asset in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "gridcity/case_map.js",
    ):
        assert asset in page
    assert f'data-features-url="{FEATURES}"' in page
    assert 'value="dispatched" checked' in page or "checked" in page.split('value="dispatched"')[1][:40]
    assert f'href="{reverse("console:case_list")}?state=dispatched"' in page


def test_markers_are_the_open_cases_with_a_link_to_their_page(leader_client, sample):
    collection = features(leader_client)
    by_number = {f["properties"]["number"]: f for f in collection["features"]}
    assert set(by_number) == {sample[name].number for name in ("overdue", "fresh", "hotline")}
    hotline = by_number[sample["hotline"].number]
    assert hotline["geometry"]["coordinates"] == [sample["hotline"].lon, sample["hotline"].lat]
    assert hotline["properties"]["url"] == reverse("console:case", args=[sample["hotline"].number])
    assert hotline["properties"]["class"] == "暴露垃圾" and hotline["properties"]["state"] == "待受理"
    assert hotline["properties"]["urgent"] is True and hotline["properties"]["overdue"] is False
    assert by_number[sample["overdue"].number]["properties"]["overdue"] is True
    assert collection["open"] == 3 and collection["capped"] is False
    assert collection["summary"] == "地图上显示 3 件未结案件，共 3 件。"


def test_each_grid_counts_its_open_and_overdue_cases(leader_client, sample):
    grids = features(leader_client)["grids"]
    zone_01 = sample["overdue"].grid.code
    assert grids[zone_01] == {"open": 2, "overdue": 1}
    assert grids[sample["grid02"].code] == {"open": 1, "overdue": 0}
    assert len(grids) == 2  # grids without open cases are left out (the map paints them pale)


def test_the_list_filters_apply_to_the_map(leader_client, sample):
    collection = features(leader_client, {"source": "12345"})
    assert [f["properties"]["number"] for f in collection["features"]] == [sample["hotline"].number]
    assert list(collection["grids"]) == [sample["grid02"].code]
    assert features(leader_client, {"overdue": "1"})["open"] == 1
    assert features(leader_client, {"state": "closed"})["features"] == []


def test_the_markers_are_capped_and_the_summary_says_so(leader_client, sample, monkeypatch):
    monkeypatch.setattr(filters, "MAP_POINT_CAP", 2)
    collection = features(leader_client)
    assert len(collection["features"]) == 2 and collection["open"] == 3 and collection["capped"] is True
    assert "最近上报的 2 件" in collection["summary"]
    # The newest first; the grid colours still count every case.
    assert collection["features"][0]["properties"]["number"] == sample["hotline"].number
    assert sum(grid["open"] for grid in collection["grids"].values()) == 3


def test_a_bad_filter_answers_400_with_the_reason(leader_client, sample):
    response = leader_client.get(FEATURES, {"reported_to": "昨天"})
    assert response.status_code == 400
    assert json.loads(response.content)["errors"][0].startswith("上报日期至")
    page = leader_client.get(MAP, {"reported_to": "昨天"}).content.decode()
    assert "部分筛选条件无效" in page


def test_the_features_take_the_same_queries_for_2_and_for_30_cases(leader_client, reported, cycle):
    start = timezone.now() - timedelta(days=1)

    def count():
        with CaptureQueriesContext(connection) as queries:
            collection = features(leader_client)
        return len(queries), len(collection["features"])

    for n in range(2):
        cycle["dispatch"](reported(at=start + timedelta(minutes=n)))
    few, shown = count()
    assert shown == 2
    _grid, (lon, lat) = zone_point("05")
    for n in range(28):
        reported(at=start + timedelta(hours=1, minutes=n), lon=lon, lat=lat)
    many, shown = count()
    assert shown == 30
    assert many == few
