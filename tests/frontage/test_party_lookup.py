"""party_at: the party whose frontage a point lies on, within the tolerance (5 m by default)."""

from gridcity.frontage import party_at, party_near
from gridcity.frontage.geometry import LocalPlane
from gridcity.frontage.models import PartyKind
from gridcity.frontage.parties import save_party

from .conftest import ZONE_01, line_near, square_near


def shifted(point, north_m=0.0, east_m=0.0):
    plane = LocalPlane(*point)
    return point[0] + east_m / plane.kx, point[1] + north_m / plane.ky


def test_a_point_on_the_frontage_finds_its_party(make_party):
    shop = make_party("惠民超市")  # a 20 m building line, 5 m deep on each side
    assert party_at(*ZONE_01).party_id == shop.pk
    assert party_at(*shifted(ZONE_01, north_m=4)).name == "惠民超市"  # inside the area


def test_within_the_tolerance_of_the_area_the_party_is_found_and_beyond_it_not(make_party):
    make_party("惠民超市")
    # The area reaches 5 m from the line; the tolerance adds 5 m.
    assert party_at(*shifted(ZONE_01, north_m=9.5)) is not None
    party, distance = party_near(*shifted(ZONE_01, north_m=9.5))
    assert 4.3 < distance < 4.7
    assert party_at(*shifted(ZONE_01, north_m=10.5)) is None
    assert party_at(*shifted(ZONE_01, east_m=15.5)) is None  # past the end of the line (10 m + 5)


def test_the_tolerance_is_a_setting(make_party, settings):
    make_party("惠民超市")
    point = shifted(ZONE_01, north_m=8)
    assert party_at(*point) is not None
    settings.FRONTAGE_TOLERANCE_M = 2
    assert party_at(*point) is None


def test_between_two_neighbours_the_nearest_wins(make_party):
    west = make_party("西邻饭店", at=shifted(ZONE_01, east_m=-11))
    east = make_party("东邻药店", at=shifted(ZONE_01, east_m=11))
    # Both lines end 1 m from the middle: a point 1.5 m west of it lies in the west area only
    # by distance, and both reaches hold it.
    assert party_at(*shifted(ZONE_01, east_m=-1.5)).party_id == west.pk
    assert party_at(*shifted(ZONE_01, east_m=1.5)).party_id == east.pk
    assert party_near(*shifted(ZONE_01, east_m=-1.5))[1] < 1


def test_a_polygon_frontage_is_the_area_itself(make_party):
    site = make_party("城南农贸市场", kind=PartyKind.MARKET, frontage=square_near(*ZONE_01, side_m=20))
    assert party_at(*ZONE_01).party_id == site.pk
    assert party_at(*shifted(ZONE_01, north_m=14)) is not None  # 4 m outside the square
    assert party_at(*shifted(ZONE_01, north_m=16)) is None


def test_a_changed_frontage_is_seen_at_once_and_a_closed_party_is_no_longer_found(make_party):
    shop = make_party("惠民超市")
    assert party_at(*ZONE_01) is not None
    shop.frontage = line_near(*ZONE_01, north_m=100)
    save_party(shop)
    assert party_at(*ZONE_01) is None
    assert party_at(*shifted(ZONE_01, north_m=100)).party_id == shop.pk
    shop.is_active = False
    save_party(shop)
    assert party_at(*shifted(ZONE_01, north_m=100)) is None


def test_a_point_of_another_county_is_not_looked_for_there(make_party, demo_county):
    make_party("惠民超市")
    assert party_at(*ZONE_01, jurisdiction=demo_county).name == "惠民超市"
    assert party_at(*ZONE_01, jurisdiction=demo_county.pk + 1) is None
