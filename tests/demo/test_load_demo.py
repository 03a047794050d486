from django.apps import apps
from django.core.management import call_command

from gridcity.grids import locate
from gridcity.grids.models import Grid, Zone
from gridcity.org.models import Unit, User
from gridcity.org.roles import Role

from ..conftest import ensure_standard_catalog


def snapshot():
    """Every row of every table, as values: what "changes nothing" is checked against."""
    return {
        model._meta.label: sorted(map(repr, model.objects.order_by("pk").values_list()))
        for model in apps.get_models()
        if model._meta.app_label in {"org", "grids", "auth", "cases", "catalog"}
    }


def test_the_demo_county_is_junan_with_11_zones_of_3_grids(demo_county):
    assert (demo_county.code, demo_county.name) == ("371327", "莒南县")
    assert Zone.objects.count() == 11
    for zone in Zone.objects.all():
        assert zone.grids.count() == 3
        assert zone.supervising_unit is not None and zone.sponsor.has_role(Role.COUNTY_LEADER)
        assert zone.collectors.get().has_role(Role.COLLECTOR)
    assert Grid.objects.active().count() == 33
    assert all(grid.collector.zone_id == grid.zone_id for grid in Grid.objects.select_related("collector"))


def test_the_member_units_and_the_office_are_there(demo_county):
    short_names = set(Unit.objects.values_list("short_name", flat=True))
    for name in [
        "文明办",
        "城管局",
        "监察局",
        "公安局",
        "住建局",
        "广播电视台",
        "工商局",
        "环保局",
        "房管局",
        "食药监局",
        "国税局",
        "地税局",
        "开发区",
        "十字路街道",
        "指挥中心",
    ]:
        assert name in short_names
    assert Unit.objects.get(code="civilization-office").kind == Unit.Kind.LEADING_OFFICE


def test_there_is_an_account_for_every_role(demo_county):
    for role in Role:
        assert User.objects.filter(groups__name=role).exists(), role
    assert User.objects.filter(groups__name=Role.COLLECTOR).count() == 11


def test_the_grids_tile_the_county_seat_without_gaps_or_overlaps(demo_county):
    import shapely

    shapes = [shapely.geometry.shape(g.boundary) for g in Grid.objects.all()]
    union = shapely.union_all(shapes)
    assert union.geom_type == "Polygon" and not list(union.interiors)
    assert abs(union.area - sum(s.area for s in shapes)) < 1e-12
    assert union.contains(shapely.Point(118.83, 35.17))
    assert locate(118.83, 35.17).jurisdiction_id == demo_county.pk
    total_km2 = sum(g.area_m2 for g in Grid.objects.all()) / 1e6
    assert 20 < total_km2 < 30


def test_running_it_twice_changes_nothing(db, capsys):
    ensure_standard_catalog()
    call_command("load_demo")
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before
    output = capsys.readouterr().out
    assert "11" in output and "33" in output and "collector01" in output and "gridcity-demo" in output
