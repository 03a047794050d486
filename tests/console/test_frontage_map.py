"""The frontage map: the page, and its GeoJSON layer of frontages coloured by the agreement's state,
each linking to its party, from the person's own jurisdiction only."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

import pytest
from django.urls import reverse

from gridcity.frontage import agreements
from gridcity.frontage.models import Party
from gridcity.org.models import Jurisdiction
from gridcity.org.roles import Role
from tests.conftest import make_person
from tests.frontage.conftest import ZONE_01, _fresh_index, make_party, register  # noqa: F401

FEATURES = reverse("console:frontage_features")


@pytest.fixture
def frontages(make_party, people):
    office = people["evaluator"]
    signed = make_party("惠民超市")
    agreements.sign(agreements.draft_agreement(signed, actor=office), actor=office)
    draft = make_party("福满饭店", at=(ZONE_01[0], ZONE_01[1] + 0.001))
    agreements.draft_agreement(draft, actor=office)
    never = make_party("阳光花店", at=(ZONE_01[0], ZONE_01[1] + 0.002))
    return {"signed": signed, "draft": draft, "never": never}


def test_the_page_has_the_map_the_legend_in_chinese_and_the_layers(client, people, register):
    client.force_login(people["collector01"])
    response = client.get(reverse("console:frontage_map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="frontage-map"' in html and f'data-features-url="{FEATURES}"' in html
    assert f'data-layer-url="{reverse("grids:layer")}"' in html  # the grids underneath
    for label in ("已签订", "草拟", "已到期", "已终止", "未签订"):
        assert f"</span>{label}<span" in html
    assert "gridcity/frontage_map.js" in html and "gridcity/basemap.js" in html


def test_each_frontage_carries_its_state_colour_and_the_link_to_its_party(client, people, frontages):
    client.force_login(people["dispatcher"])
    response = client.get(FEATURES)
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    collection = response.json()
    by_name = {feature["properties"]["name"]: feature for feature in collection["features"]}
    assert set(by_name) == {"惠民超市", "福满饭店", "阳光花店"}
    states = {name: (f["properties"]["state"], f["properties"]["state_label"]) for name, f in by_name.items()}
    assert states == {
        "惠民超市": ("signed", "已签订"),
        "福满饭店": ("draft", "草拟"),
        "阳光花店": ("unsigned", "未签订"),
    }
    signed = by_name["惠民超市"]
    assert signed["geometry"]["type"] == "LineString"
    assert signed["properties"]["url"] == f"/frontage/parties/{frontages['signed'].pk}/"
    assert signed["properties"]["colour"] == "#2e7d32"
    assert "contact_phone" not in signed["properties"] and "13812345678" not in response.content.decode()


def test_only_the_persons_own_jurisdiction(client, people, frontages, demo_county):
    other = Jurisdiction.objects.create(code="371302", name="兰山区")
    # A party of the other county (stored directly: that county has no grids of its own here).
    Party.objects.create(
        jurisdiction=other,
        kind="individual_business",
        name="兰山超市",
        credit_code="",
        licence_number="371302000000010",
        address="兰山区解放路1号",
        lon=ZONE_01[0],
        lat=ZONE_01[1],
        grid=frontages["signed"].grid,
        zone=frontages["signed"].zone,
        frontage=frontages["signed"].frontage,
    )
    client.force_login(people["dispatcher"])
    names = {f["properties"]["name"] for f in client.get(FEATURES).json()["features"]}
    assert "兰山超市" not in names and len(names) == 3
    client.force_login(make_person(other, "lanshan-dispatcher", Role.DISPATCHER))
    assert [f["properties"]["name"] for f in client.get(FEATURES).json()["features"]] == ["兰山超市"]


def test_a_visitor_gets_no_layer(client, frontages):
    response = client.get(FEATURES)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
