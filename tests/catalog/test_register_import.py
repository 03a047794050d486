"""The component register import: a good file is written; a bad one is refused whole, every problem named."""

import json
from datetime import UTC, datetime

import pytest
from django.utils import translation

from gridcity.catalog.models import Component
from gridcity.catalog.register import COLUMNS, RegisterError, import_components, read_components
from gridcity.org.models import Jurisdiction, Unit

from .registers import code, good_rows, grid_code, point, row, to_csv, to_geojson


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English; scripts/zh_hans_catalog.py gives the Chinese people read."""
    with translation.override("en"):
        yield


def snapshot():
    return list(Component.objects.order_by("code").values_list())


def assert_refused(data, fmt, jurisdiction, *expected):
    before = snapshot()
    with pytest.raises(RegisterError) as error:
        import_components(data, fmt, jurisdiction)
    problems = error.value.problems
    text = "\n".join(problems)
    for part in expected:
        assert part in text, text
    assert snapshot() == before
    return problems


def test_a_good_csv_is_imported_with_grids_units_and_states(demo_county):
    summary = import_components(to_csv(good_rows()), "csv", demo_county)
    assert sorted(summary.created) == [code(1), code(2), code(1, "0118")]
    assert (summary.updated, summary.unchanged) == ([], [])
    cover = Component.objects.select_related("grid", "minor__major", "maintenance_unit").get(code=code(1))
    assert (cover.minor.full_code, cover.minor.kind, cover.state) == (
        "0101",
        "component",
        Component.State.INTACT,
    )
    assert cover.grid.code == grid_code(0, 0)
    assert (cover.lon, cover.lat) == point(0, 0)
    assert cover.maintenance_unit.code == "urban-management" and cover.owner_unit is None
    second = Component.objects.get(code=code(2))
    assert (second.state, second.grid.code, second.owner_unit.code, second.note) == (
        Component.State.DAMAGED,
        grid_code(3, 1),
        "housing-construction",
        "路口东侧",
    )
    lamp = Component.objects.get(code=code(1, "0118"))
    assert (lamp.state, lamp.owner_name, lamp.grid.code) == (
        Component.State.OCCUPIED,
        "莒南县供电公司",
        grid_code(10, 2),
    )
    assert lamp.jurisdiction == demo_county and lamp.is_active


def test_a_good_geojson_is_imported_the_same_way(demo_county):
    summary = import_components(to_geojson(good_rows()), "geojson", demo_county)
    assert len(summary.created) == 3
    assert Component.objects.get(code=code(2)).grid.code == grid_code(3, 1)
    assert str(summary) == "3 components created, 0 updated, 0 unchanged."


def test_utf8_with_a_byte_order_mark_and_text_as_well_as_bytes(demo_county):
    assert len(import_components(to_csv(good_rows(), bom=True), "csv", demo_county).created) == 3
    assert len(import_components(to_csv(good_rows()).decode(), "csv", demo_county).unchanged) == 3


def test_importing_the_same_file_twice_changes_nothing(demo_county, django_assert_max_num_queries):
    import_components(to_csv(good_rows()), "csv", demo_county)
    before = snapshot()
    summary = import_components(to_csv(good_rows()), "csv", demo_county)
    assert (summary.created, summary.updated, len(summary.unchanged)) == ([], [], 3)
    assert snapshot() == before  # not even updated_at moved
    summary = import_components(to_geojson(good_rows()), "geojson", demo_county)
    assert (summary.created, summary.updated) == ([], [])


def test_only_changed_components_are_written(demo_county):
    import_components(to_csv(good_rows()), "csv", demo_county)
    Component.objects.update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    rows = good_rows()
    rows[1]["state"] = "丢失"
    rows[2]["lon"], rows[2]["lat"] = point(9, 0)
    rows.append(row(3, "0305", 5, 1))
    summary = import_components(to_csv(rows), "csv", demo_county)
    assert summary.created == [code(3, "0305")]
    assert sorted(summary.updated) == [code(2), code(1, "0118")]
    assert summary.unchanged == [code(1)]
    changed = Component.objects.filter(updated_at__year=2020).values_list("code", flat=True)
    assert list(changed) == [code(1)]  # the change date moved on the written rows only
    assert Component.objects.get(code=code(2)).state == Component.State.MISSING
    # The grid follows the position.
    assert Component.objects.get(code=code(1, "0118")).grid.code == grid_code(9, 0)


def test_a_file_of_some_components_leaves_the_others_alone(demo_county):
    import_components(to_csv(good_rows()), "csv", demo_county)
    import_components(to_csv([row(4, "0101", 2, 2)]), "csv", demo_county)
    assert Component.objects.count() == 4


def test_an_omitted_column_keeps_its_values_and_an_empty_cell_clears_them(demo_county):
    import_components(to_csv(good_rows()), "csv", demo_county)
    rows = good_rows()
    rows[0]["competent_unit"] = ""
    without_maintenance = [c for c in COLUMNS if c != "maintenance_unit"]
    summary = import_components(to_csv(rows, columns=without_maintenance), "csv", demo_county)
    assert summary.updated == [code(1)]
    cover = Component.objects.get(code=code(1))
    assert cover.competent_unit is None
    assert cover.maintenance_unit.code == "urban-management"


def test_a_class_may_be_written_with_a_hyphen_and_states_in_any_case(demo_county):
    import_components(to_csv([row(1) | {"class": "01-01", "state": "Damaged"}]), "csv", demo_county)
    assert Component.objects.get().state == Component.State.DAMAGED


# --- refused files: one test per kind of problem; the database is compared before and after.


@pytest.fixture
def registered(demo_county):
    """The demo county with the good register already imported, so a refused file could change it."""
    import_components(to_csv(good_rows()), "csv", demo_county)
    return demo_county


def with_good_rows(*bad):
    """Good rows that would change the register, followed by the bad ones."""
    rows = good_rows()
    rows[0]["state"] = "missing"
    return [*rows, *bad]


def test_a_badly_formed_code(registered):
    rows = with_good_rows(row(5) | {"code": "37132701010005"})
    assert_refused(to_csv(rows), "csv", registered, "Row 5 (component 37132701010005)", "exactly 16 digits")


def test_a_code_of_another_jurisdiction(registered):
    rows = with_good_rows(row(5) | {"code": code(5, admin="320508")})
    assert_refused(
        to_csv(rows),
        "csv",
        registered,
        f"Row 5 (component {code(5, admin='320508')})",
        "jurisdiction's code 371327",
    )


def test_class_digits_that_are_not_the_class_given(registered):
    rows = with_good_rows(row(5, "0101") | {"class": "0102"})
    assert_refused(to_csv(rows), "csv", registered, "class digits 0101 (7–10), but its class is 0102")


def test_a_zero_serial(registered):
    rows = with_good_rows(row(0))
    assert_refused(to_csv(rows), "csv", registered, "starts at 000001")


def test_duplicate_codes(registered):
    rows = with_good_rows(row(9), row(9, column=1))
    assert_refused(
        to_csv(rows), "csv", registered, f"Component code {code(9)} appears more than once (rows 5, 6)"
    )


def test_an_unknown_class(registered):
    rows = with_good_rows(row(5, "0139"))
    assert_refused(to_csv(rows), "csv", registered, "there is no component class 0139")


def test_an_event_class(registered):
    rows = with_good_rows(row(5, "0504"))
    assert_refused(
        to_csv(rows), "csv", registered, "class 0504 is an event class (店外经营), not a component class"
    )


def test_a_class_that_is_not_a_code(registered):
    rows = with_good_rows(row(5) | {"class": "井盖"}, row(6) | {"class": ""})
    assert_refused(
        to_csv(rows),
        "csv",
        registered,
        "the class “井盖” is not a 4-digit class code",
        "Row 6",
        "the class is empty",
    )


def test_a_bad_state(registered):
    rows = with_good_rows(row(5, state="broken"), row(6, state=""))
    assert_refused(
        to_csv(rows),
        "csv",
        registered,
        "the state “broken” is none of intact, damaged, missing, occupied",
        "Row 6",
    )


def test_units_that_are_not_the_jurisdictions(registered):
    other = Jurisdiction.objects.create(code="320508", name="姑苏区")
    Unit.objects.create(jurisdiction=other, code="gusu-city", name="姑苏区城管局", kind=Unit.Kind.DEPARTMENT)
    rows = with_good_rows(row(5, maintenance_unit="nobody"), row(6, owner_unit="gusu-city"))
    assert_refused(
        to_csv(rows),
        "csv",
        registered,
        "maintenance_unit “nobody” is not a unit of 莒南县",
        "owner_unit “gusu-city” is not a unit of 莒南县",
    )


def test_coordinates_that_are_not_numbers(registered):
    rows = with_good_rows(row(5) | {"lon": "118.8x"}, row(6) | {"lat": ""})
    assert_refused(
        to_csv(rows),
        "csv",
        registered,
        "the longitude “118.8x” is not a number",
        "Row 6",
        "the latitude “” is not a number",
    )


def test_coordinates_swapped(registered):
    lon, lat = point(1, 1)
    rows = with_good_rows(row(5) | {"lon": lat, "lat": lon})
    assert_refused(to_csv(rows), "csv", registered, f"longitude {lat} and latitude {lon} are swapped")


def test_coordinates_outside_china(registered):
    rows = with_good_rows(row(5) | {"lon": 2.35, "lat": 48.85})
    assert_refused(to_csv(rows), "csv", registered, "(2.35, 48.85) lies outside China")


def test_a_point_in_no_grid(registered):
    rows = with_good_rows(row(5) | {"lon": 116.397, "lat": 39.909})
    assert_refused(
        to_csv(rows), "csv", registered, "Row 5 (component", "(116.397, 39.909) lies in no grid of 莒南县"
    )


def test_an_overlong_owner_name(registered):
    rows = with_good_rows(row(5, owner_name="公" * 101))
    assert_refused(to_csv(rows), "csv", registered, "owner_name is longer than 100 characters")


def test_every_problem_of_every_row_is_listed(registered):
    rows = with_good_rows(
        row(5, "0504", state="bad", lon="x"),
        row(6, maintenance_unit="nobody"),
        row(7) | {"lon": 2.35, "lat": 48.85},
    )
    problems = assert_refused(to_csv(rows), "csv", registered)
    assert len(problems) == 5
    assert [p.split(":")[0] for p in problems] == [
        f"Row 5 (component {code(5, '0504')})",
        f"Row 5 (component {code(5, '0504')})",
        f"Row 5 (component {code(5, '0504')})",
        f"Row 6 (component {code(6)})",
        f"Row 7 (component {code(7)})",
    ]


def test_missing_columns(registered):
    data = to_csv(good_rows(), columns=["code", "class", "lon", "state"])
    assert_refused(data, "csv", registered, "The header row lacks the column(s) lat.")


def test_unknown_and_repeated_columns(registered):
    columns = ["code", "class", "lon", "lat", "state", "maintenance_unit"]
    data = to_csv(good_rows(), columns=columns).replace(b"maintenance_unit", b"maintainance_unit", 1)
    assert_refused(data, "csv", registered, "unknown column(s) maintainance_unit")
    assert_refused(
        b"code,class,lon,lat,state,state\n", "csv", registered, "names the column(s) state more than once"
    )


def test_a_row_longer_than_the_header(registered):
    data = to_csv(good_rows()) + f"{code(5)},0101,{point()[0]},{point()[1]},intact,,,,,,extra\r\n".encode()
    assert_refused(data, "csv", registered, "Row 5", "it has 11 cells but the header has 10 columns")


def test_blank_rows_are_skipped_but_counted(demo_county):
    data = (
        to_csv([good_rows()[0]]) + b",,,,,,,,,\r\n\r\n" + to_csv([row(7, state="bad")]).split(b"\r\n", 1)[1]
    )
    problems = assert_refused(data, "csv", demo_county)
    assert problems[0].startswith(f"Row 5 (component {code(7)})")


def test_not_utf8(registered):
    data = to_csv(good_rows()).decode().encode("gbk")
    assert_refused(data, "csv", registered, "not UTF-8", "CSV UTF-8")


def test_an_empty_file(registered):
    assert_refused(b"", "csv", registered, "The file is empty.")
    assert_refused(to_csv([]), "csv", registered, "The file has no components.")


def test_geojson_that_is_not_json_or_not_a_feature_collection(registered):
    assert_refused(b"{not json", "geojson", registered, "not valid JSON", "line 1")
    assert_refused(b'{"type": "Feature"}', "geojson", registered, "FeatureCollection")
    assert_refused(b'{"type": "FeatureCollection", "features": []}', "geojson", registered, "no components")


def test_geojson_features_with_bad_geometry(registered):
    document = json.loads(to_geojson(with_good_rows(row(5), row(6), row(7), row(8))))
    features = document["features"]
    features[3]["geometry"] = {"type": "Polygon", "coordinates": []}
    features[4]["geometry"]["coordinates"] = ["118.8", "35.1"]
    features[5]["geometry"]["coordinates"] = [35.17, 118.83]
    features[6] = {"type": "Point", "coordinates": [118.83, 35.17]}
    assert_refused(
        json.dumps(document).encode(),
        "geojson",
        registered,
        f"Feature 4 (component {code(5)}): the geometry must be a Point, not Polygon",
        "Feature 5 (component",
        "the coordinate “118.8” is text, not a number",
        "Feature 6 (component",
        "are swapped",
        "Feature 7: it is not a GeoJSON Feature",
    )


def test_geojson_problems_name_the_feature(registered):
    rows = with_good_rows(row(5, state="bad"), row(5, column=2))
    problems = assert_refused(
        to_geojson(rows), "geojson", registered, f"Feature 4 (component {code(5)}): the state"
    )
    assert problems[-1] == f"Component code {code(5)} appears more than once (features 4, 5)."


def test_read_components_writes_nothing_even_for_a_good_file(demo_county):
    records = read_components(to_csv(good_rows()), "csv", demo_county)
    assert [r.code for r in records] == [code(1), code(2), code(1, "0118")]
    assert not Component.objects.exists()


def test_messages_are_in_chinese_for_chinese_users(registered):
    """The Chinese wording is scripts/zh_hans_catalog.py's; here only that nothing breaks in zh-hans."""
    with translation.override("zh-hans"), pytest.raises(RegisterError) as error:
        import_components(to_csv(with_good_rows(row(5, state="bad"))), "csv", registered)
    assert len(error.value.problems) == 1 and "完好" in error.value.problems[0]
