"""Drawing a party's frontage on its page: the map writes positions into the form, the register
keepers save it, anyone else is refused, and a bad drawing changes nothing."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

import pytest

from gridcity.frontage import selectors
from gridcity.frontage.lookup import party_at
from gridcity.frontage.models import Party
from tests.frontage.conftest import _fresh_index, make_party, register  # noqa: F401

from ..cases.conftest import ZONE_01

# A 20 m line along a building line east of the demo point, and the same closed as an area.
LON, LAT = ZONE_01
LINE = f"{LON + 0.0005:.7f},{LAT:.7f}; {LON + 0.0007:.7f},{LAT:.7f}"
AREA = (
    f"{LON + 0.0005:.7f},{LAT:.7f}; {LON + 0.0007:.7f},{LAT:.7f}; "
    f"{LON + 0.0007:.7f},{LAT + 0.00005:.7f}; {LON + 0.0005:.7f},{LAT:.7f}"
)


@pytest.fixture
def party(make_party):
    return make_party(name="惠民超市", frontage=None)


def post(client, person, party, data):
    client.force_login(person)
    return client.post(f"/frontage/parties/{party.pk}/frontage/", data)


def test_the_evaluation_office_draws_a_line_and_the_lookup_finds_the_party(client, people, party):
    response = post(client, people["evaluator"], party, {"frontage": LINE, "depth_m": "6"})
    assert response.status_code == 303
    party.refresh_from_db()
    assert party.frontage["type"] == "LineString" and party.depth_m == 6
    assert party.frontage_length_m == pytest.approx(18.2, abs=0.5)
    assert party_at(LON + 0.0006, LAT + 0.00002).party_id == party.pk
    page = client.get(f"/frontage/parties/{party.pk}/").content.decode()
    assert "惠民超市" in page and f"{LON + 0.0005:.7f},{LAT:.7f}" in page  # the form shows the positions


def test_ending_on_the_first_position_draws_an_area(client, people, party):
    assert post(client, people["evaluator"], party, {"frontage": AREA, "depth_m": "5"}).status_code == 303
    party.refresh_from_db()
    assert party.frontage["type"] == "Polygon"


def test_others_may_not_draw(client, people, party):
    response = post(client, people["handler"], party, {"frontage": LINE, "depth_m": "5"})
    assert response.status_code == 403
    assert "只有考评办或系统管理员可以绘制责任区。" in response.content.decode()
    assert Party.objects.get(pk=party.pk).frontage is None


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"frontage": "118.8,abc", "depth_m": "5"}, "不是"),
        ({"frontage": f"{LON:.7f},{LAT:.7f}", "depth_m": "5"}, ""),  # one position is no line
        ({"frontage": LINE, "depth_m": "0"}, ""),
        ({"frontage": "", "depth_m": "5"}, ""),
    ],
)
def test_a_bad_drawing_is_refused_and_nothing_changes(client, people, party, data, problem):
    response = post(client, people["evaluator"], party, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert problem in html and data["frontage"] in html  # the text stays as typed
    assert Party.objects.get(pk=party.pk).frontage is None


def test_cases_already_reported_on_the_new_frontage_are_linked_at_once(client, people, party, reported):
    on_it = reported(lon=LON + 0.0006, lat=LAT + 0.00002, description="门前堆放杂物")
    elsewhere = reported(description="路边有暴露垃圾")
    assert selectors.party_of_case(on_it) is None
    assert post(client, people["evaluator"], party, {"frontage": LINE, "depth_m": "6"}).status_code == 303
    assert selectors.party_of_case(on_it) == party
    assert selectors.party_of_case(elsewhere) is None
    page = client.get(f"/frontage/parties/{party.pk}/").content.decode()
    assert on_it.number in page
    # Drawn elsewhere, the frontage no longer covers the case: its link goes.
    far = f"{LON + 0.0030:.7f},{LAT:.7f}; {LON + 0.0032:.7f},{LAT:.7f}"
    assert post(client, people["evaluator"], party, {"frontage": far, "depth_m": "6"}).status_code == 303
    assert selectors.party_of_case(on_it) is None
