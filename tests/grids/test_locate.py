import pytest
import shapely
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridcity.grids import OutsideManagedArea, locate, locate_many
from gridcity.grids.layer import import_layer
from gridcity.grids.models import Grid, LayerRevision

from .layers import SOUTH, STEP, WEST, code, square, two_by_two


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; test_*_in_chinese checks the Chinese text people see."""
    with translation.override("en"):
        yield


@pytest.fixture
def four_grids(county):
    import_layer(two_by_two(), county)
    return county


def test_a_point_inside_a_grid_finds_that_grid_and_its_zone(four_grids):
    location = locate(WEST + 0.5 * STEP, SOUTH + 0.5 * STEP)
    assert location.grid_code == code(1)
    assert location.zone_code == "01"
    assert location.zone_name == "第一网区"
    assert location.jurisdiction_id == four_grids.pk
    assert locate(WEST + 1.5 * STEP, SOUTH + 1.5 * STEP).grid_code == code(4)


def test_a_point_on_a_shared_edge_belongs_to_the_grid_with_the_smaller_code(four_grids):
    # The edge x = WEST + STEP separates 001 (west) from 002 (east).
    assert locate(WEST + STEP, SOUTH + 0.3 * STEP).grid_code == code(1)
    # The edge y = SOUTH + STEP separates 002 (south) from 004 (north).
    assert locate(WEST + 1.7 * STEP, SOUTH + STEP).grid_code == code(2)


def test_the_vertex_shared_by_four_grids_belongs_to_the_smallest_code(four_grids):
    assert locate(WEST + STEP, SOUTH + STEP).grid_code == code(1)


def test_points_on_the_outer_boundary_are_inside(four_grids):
    assert locate(WEST, SOUTH).grid_code == code(1)
    assert locate(round(WEST + 2 * STEP, 6), round(SOUTH + 2 * STEP, 6)).grid_code == code(4)
    assert locate(round(WEST + 2 * STEP, 6), SOUTH + 0.5 * STEP).grid_code == code(2)


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(WEST - 1e-7, SOUTH + 0.5 * STEP), (WEST + 2 * STEP + 1e-7, SOUTH), (116.4, 39.9), (0.0, 0.0)],
)
def test_a_point_outside_every_grid_says_so_plainly(four_grids, lon, lat):
    with pytest.raises(OutsideManagedArea) as error:
        locate(lon, lat)
    assert "outside the managed area" in str(error.value)
    with translation.override("zh-hans"):
        assert "不在管理区域内" in str(error.value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "east"])
def test_coordinates_that_are_not_numbers_are_refused(four_grids, value):
    with pytest.raises(ValueError):
        locate(value, SOUTH)


def test_no_grids_at_all_means_everything_is_outside(county):
    with pytest.raises(OutsideManagedArea):
        locate(118.83, 35.17)


def test_locate_many_agrees_with_locate(four_grids):
    lons = [WEST + 0.5 * STEP, WEST + STEP, 116.4, WEST + 1.5 * STEP]
    lats = [SOUTH + 0.5 * STEP, SOUTH + STEP, 39.9, SOUTH + 1.5 * STEP]
    found = locate_many(lons, lats)
    assert [f.grid_code if f else None for f in found] == [code(1), code(1), None, code(4)]


def test_a_changed_boundary_is_seen_at_once(four_grids):
    with pytest.raises(OutsideManagedArea):
        locate(WEST + 2.5 * STEP, SOUTH + 0.5 * STEP)
    layer = two_by_two()
    layer["features"][1]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [[118.81, 35.10], [118.83, 35.10], [118.83, 35.11], [118.81, 35.11], [118.81, 35.10]]
        ],
    }
    layer["features"][3]["geometry"] = square(1, 1)
    import_layer(layer, four_grids)
    assert locate(WEST + 2.5 * STEP, SOUTH + 0.5 * STEP).grid_code == code(2)


def test_a_change_made_by_another_process_is_seen_through_the_revision(four_grids):
    locate(WEST + 0.5 * STEP, SOUTH + 0.5 * STEP)  # builds this process's index
    # Another process moves grid 001 far away (no signal reaches this one), then bumps the revision.
    Grid.objects.filter(code=code(1)).update(boundary=square(10, 10))
    LayerRevision.bump()
    with pytest.raises(OutsideManagedArea):
        locate(WEST + 0.5 * STEP, SOUTH + 0.5 * STEP)
    assert locate(WEST + 10.5 * STEP, SOUTH + 10.5 * STEP).grid_code == code(1)


def _locate_code(lon, lat):
    try:
        return locate(lon, lat).grid_code
    except OutsideManagedArea:
        return None


def _brute_force(layer_shapes, lon, lat):
    point = shapely.Point(lon, lat)
    covering = [grid_code for grid_code, shape in layer_shapes if shape.intersects(point)]
    return min(covering) if covering else None


@pytest.fixture
def demo_shapes(demo_county):
    return [
        (g.code, shapely.geometry.shape(g.boundary)) for g in Grid.objects.filter(jurisdiction=demo_county)
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lon=st.floats(118.78, 118.88), lat=st.floats(35.13, 35.21))
def test_any_point_agrees_with_an_exact_test_against_every_grid(demo_shapes, lon, lat):
    expected = _brute_force(demo_shapes, lon, lat)
    assert _locate_code(lon, lat) == expected
    bulk = locate_many([lon], [lat])[0]
    assert (bulk.grid_code if bulk else None) == expected


def test_every_vertex_and_edge_point_of_the_demo_layer_resolves_deterministically(demo_shapes):
    lons, lats, expected = [], [], []
    for _code, shape in demo_shapes:
        ring = shape.exterior
        for fraction in [i / 20 for i in range(20)]:
            point = ring.interpolate(fraction, normalized=True)
            lons.append(point.x)
            lats.append(point.y)
            expected.append(_brute_force(demo_shapes, point.x, point.y))
    singles = [_locate_code(lon, lat) for lon, lat in zip(lons, lats, strict=True)]
    bulk = [location.grid_code if location else None for location in locate_many(lons, lats)]
    assert singles == expected
    assert bulk == expected
