"""The duty matrix suggests the unit, and says why."""

from gridcity.catalog.models import MinorClass
from gridcity.org.duties import suggest_unit
from gridcity.org.models import Place


def minor(kind, major, code):
    return MinorClass.objects.get(major__kind=kind, major__code=major, code=code)


def test_cooking_fumes_go_to_the_environment_bureau_which_tells_urban_management(demo_county):
    suggestion = suggest_unit(demo_county, minor("event", "01", "16"), Place.STREET_RESTAURANT)
    assert suggestion.unit.short_name == "环保局" and suggestion.informs.short_name == "城管局"
    assert "油烟" in suggestion.reason


def test_the_place_decides_when_the_class_does_not(demo_county):
    garbage = minor("event", "01", "02")
    assert suggest_unit(demo_county, garbage, Place.CONSTRUCTION_SITE).unit.short_name == "住建局"
    assert suggest_unit(demo_county, garbage, Place.PROPERTY_COMPOUND).unit.short_name == "房管局"
    assert suggest_unit(demo_county, garbage, Place.VILLAGE_COMMUNITY).unit.short_name == "十字路街道"
    assert suggest_unit(demo_county, garbage, Place.MAIN_ROAD).unit.short_name == "城管局"
    assert suggest_unit(demo_county, garbage).unit.short_name == "城管局"


def test_the_class_beats_the_place_and_the_minor_class_beats_the_major(demo_county):
    signal = minor("component", "02", "10")  # 交通信号灯
    assert suggest_unit(demo_county, signal, Place.MAIN_ROAD).unit.short_name == "公安局"
    assert suggest_unit(demo_county, minor("component", "01", "18")).unit.short_name == "住建局"  # 路灯
    assert suggest_unit(demo_county, minor("event", "03", "02")).unit.short_name == "住建局"  # 工地扬尘


def test_a_component_goes_to_its_maintenance_unit_first(demo_county):
    from gridcity.catalog.models import Component
    from gridcity.org.models import Unit

    lamp = minor("component", "01", "18")
    keeper = Unit.objects.get(jurisdiction=demo_county, code="shizilu-street")
    component = Component(
        code="3713270118000001", minor=lamp, jurisdiction=demo_county, maintenance_unit=keeper
    )
    suggestion = suggest_unit(demo_county, lamp, Place.ANY, component)
    assert suggestion.unit == keeper and "3713270118000001" in suggestion.reason


def test_nothing_in_the_matrix_means_no_suggestion(county):
    assert suggest_unit(county, minor("event", "01", "02")) is None
