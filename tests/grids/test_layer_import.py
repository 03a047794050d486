"""The GeoJSON import: a bad file is refused as a whole, every problem named, nothing written."""

import copy
import json

import pytest
from django.utils import translation

from gridcity.grids.layer import LayerError, export_layer, import_layer
from gridcity.grids.models import Grid, Zone

from .layers import code, feature, square, two_by_two


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; test_*_in_chinese checks the Chinese text people see."""
    with translation.override("en"):
        yield


def assert_refused(layer, county, *expected):
    grids_before = list(Grid.objects.values_list("code", "boundary", "is_active"))
    zones_before = list(Zone.objects.values_list("code", "name"))
    with pytest.raises(LayerError) as error:
        import_layer(layer, county)
    problems = "\n".join(error.value.problems)
    for text in expected:
        assert text in problems
    assert list(Grid.objects.values_list("code", "boundary", "is_active")) == grids_before
    assert list(Zone.objects.values_list("code", "name")) == zones_before
    return error.value.problems


def test_a_good_layer_is_imported_with_areas_and_zones(county, collector, county_leader):
    layer = two_by_two()
    layer["features"][0]["properties"].update(
        collector="zhang", sponsor="leader", supervising_unit="urban-management"
    )
    summary = import_layer(json.dumps(layer).encode(), county)
    assert len(summary.created) == 4 and summary.zones_created == ["01"]
    grid = Grid.objects.get(code=code(1))
    # 0.01° × 0.01° at 35.1° N: about 1,110 m × 910 m.
    assert 1_005_000 < grid.area_m2 < 1_020_000
    assert grid.collector == collector
    zone = Zone.objects.get()
    assert (zone.name, zone.sponsor, zone.supervising_unit.code) == (
        "第一网区",
        county_leader,
        "urban-management",
    )


def test_importing_the_same_file_twice_changes_nothing(county):
    import_layer(two_by_two(), county)
    summary = import_layer(two_by_two(), county)
    assert (summary.created, summary.updated, summary.retired) == ([], [], [])


def test_export_reads_back_as_the_same_layer(county):
    import_layer(two_by_two(), county)
    exported = export_layer(county)
    assert [f["properties"]["code"] for f in exported["features"]] == [code(n) for n in (1, 2, 3, 4)]
    summary = import_layer(json.dumps(exported), county)
    assert (summary.created, summary.updated, summary.retired) == ([], [], [])


def test_grids_left_out_of_a_new_file_are_retired_not_deleted(county):
    import_layer(two_by_two(), county)
    layer = two_by_two()
    layer["features"] = layer["features"][:2]
    summary = import_layer(layer, county)
    assert sorted(summary.retired) == [code(3), code(4)]
    assert Grid.objects.count() == 4
    assert sorted(Grid.objects.active().values_list("code", flat=True)) == [code(1), code(2)]


def test_not_json(county):
    assert_refused(b"{not json", county, "not valid JSON", "line 1")


def test_not_a_feature_collection(county):
    assert_refused({"type": "Feature"}, county, "FeatureCollection")
    assert_refused({"type": "FeatureCollection", "features": []}, county, "no features")


def test_an_unclosed_ring(county):
    layer = two_by_two()
    layer["features"][2]["geometry"]["coordinates"][0].pop()
    layer["features"][2]["geometry"]["coordinates"][0].append([118.8, 35.1105])
    assert_refused(layer, county, f"Feature 3 (grid {code(3)})", "is not closed")


def test_a_self_intersecting_polygon(county):
    layer = two_by_two()
    # A bow tie: the edges cross in the middle of the square.
    layer["features"][0]["geometry"]["coordinates"] = [
        [[118.80, 35.10], [118.81, 35.11], [118.81, 35.10], [118.80, 35.11], [118.80, 35.10]]
    ]
    assert_refused(layer, county, f"grid {code(1)}", "intersects itself")


def test_overlapping_grids(county):
    layer = two_by_two()
    layer["features"][1]["geometry"] = square(0.5, 0)
    problems = assert_refused(layer, county, f"Grids {code(1)} and {code(2)} overlap")
    assert any("m²" in problem for problem in problems)


def test_a_gap_inside_a_zone(county):
    layer = two_by_two()
    # Three squares around a missing fourth leave no hole; a ring of 8 around a missing centre does.
    features = [
        feature(code(n + 1), square(c, r))
        for n, (c, r) in enumerate([(0, 0), (1, 0), (2, 0), (0, 1), (2, 1), (0, 2), (1, 2), (2, 2)])
    ]
    layer["features"] = features
    assert_refused(layer, county, "Zone 01 has a gap", "m²")


def test_a_zone_in_two_separate_pieces(county):
    layer = two_by_two()
    layer["features"][3]["geometry"] = square(5, 5)
    assert_refused(layer, county, "Zone 01 falls apart into 2 separate pieces")


def test_coordinates_in_the_wrong_order(county):
    layer = two_by_two()
    ring = layer["features"][0]["geometry"]["coordinates"][0]
    layer["features"][0]["geometry"]["coordinates"][0] = [[lat, lon] for lon, lat in ring]
    assert_refused(layer, county, "latitude and longitude swapped")


def test_coordinates_outside_china(county):
    layer = two_by_two()
    layer["features"][0]["geometry"]["coordinates"][0] = [
        [2.35, 48.85],
        [2.36, 48.85],
        [2.36, 48.86],
        [2.35, 48.86],
        [2.35, 48.85],
    ]
    assert_refused(layer, county, "outside China")


def test_duplicate_codes(county):
    layer = two_by_two()
    layer["features"][3]["properties"]["code"] = code(1)
    assert_refused(layer, county, f"Grid code {code(1)} appears more than once (features 1, 4)")


def test_a_bad_or_foreign_grid_code(county):
    layer = two_by_two()
    layer["features"][0]["properties"]["code"] = "37132700100100"
    layer["features"][1]["properties"]["code"] = "320508001001002"
    assert_refused(layer, county, "exactly 15 digits", "does not start with the jurisdiction's code 371327")


def test_missing_properties_and_geometry(county):
    layer = two_by_two()
    del layer["features"][0]["properties"]["name"]
    layer["features"][1]["geometry"] = {"type": "Point", "coordinates": [118.8, 35.1]}
    assert_refused(
        layer, county, "property “name” is missing", "must be a Polygon or MultiPolygon, not Point"
    )


def test_unknown_people_and_units(county):
    layer = two_by_two()
    for f in layer["features"]:
        f["properties"]["supervising_unit"] = "no-such-unit"
    layer["features"][0]["properties"]["collector"] = "nobody"
    assert_refused(layer, county, "“no-such-unit” is not a unit", "“nobody” (collector) is not a person")


def test_a_collector_without_the_role_is_refused(county, county_leader):
    layer = two_by_two()
    layer["features"][0]["properties"]["collector"] = "leader"
    assert_refused(layer, county, "does not have the role")


def test_every_problem_of_a_file_is_listed_at_once(county):
    layer = two_by_two()
    layer["features"][0]["properties"]["code"] = "123"
    layer["features"][1]["geometry"]["coordinates"][0][0] = [35.1, 118.81]
    layer["features"][3]["properties"]["code"] = code(3)
    problems = assert_refused(layer, county, "exactly 15 digits", "swapped", "appears more than once")
    assert len(problems) >= 3


def test_a_bad_file_leaves_an_existing_layer_untouched(county):
    import_layer(two_by_two(), county)
    layer = copy.deepcopy(two_by_two())
    layer["features"][0]["properties"]["name"] = "新名字"
    layer["features"][1]["geometry"] = square(0.5, 0)
    assert_refused(layer, county, "overlap")
    assert Grid.objects.get(code=code(1)).name == "网格001"


def test_problems_read_in_chinese(county):
    layer = two_by_two()
    layer["features"][1]["geometry"] = square(0.5, 0)
    with translation.override("zh-hans"), pytest.raises(LayerError) as error:
        import_layer(layer, county)
    assert error.value.problems == [
        f"网格 {code(1)} 与 {code(2)} 重叠（约 505739 平方米，位于 118.807500, 35.105000 附近）。"
    ]
