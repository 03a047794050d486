"""The party list: filters, masked contacts, pages, and a query count that does not grow with the rows."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gridcity.frontage import agreements, inspections
from gridcity.frontage.models import PartyKind
from gridcity.frontage.standards import checklist
from gridcity.grids.models import Grid
from tests.frontage.conftest import ZONE_10, _fresh_index, make_party, register  # noqa: F401

from ..cases.conftest import ZONE_01, local


def names(client, person, query=""):
    client.force_login(person)
    response = client.get(f"/frontage/?{query}")
    assert response.status_code == 200
    return [row.party.name for row in response.context["page"].rows]


@pytest.fixture
def register_of_three(make_party, people, units):
    """A shop with an agreement in force, a school with a draft, a shop in zone 10 with nothing."""
    shop = make_party(name="惠民超市", address="人民路1号")
    signed = agreements.draft_agreement(
        shop, actor=people["evaluator"], signing_unit=units["urban-management"], starts_on=date(2026, 1, 1)
    )
    agreements.sign(signed, actor=people["evaluator"], signed_on=date(2026, 1, 1))
    school = make_party(name="第一实验小学", kind=PartyKind.SCHOOL, address="文化路8号")
    agreements.draft_agreement(school, actor=people["evaluator"])
    far = make_party(name="开发区五金店", at=ZONE_10, address="滨海路3号")
    return shop, school, far


def test_every_party_by_name(client, people, register_of_three):
    assert names(client, people["collector01"]) == ["开发区五金店", "惠民超市", "第一实验小学"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=超市", ["惠民超市"]),
        ("q=文化路", ["第一实验小学"]),
        ("kind=school", ["第一实验小学"]),
        ("state=signed", ["惠民超市"]),
        ("state=draft", ["第一实验小学"]),
        ("state=unsigned", ["开发区五金店", "第一实验小学"]),
        ("state=expired", []),
    ],
)
def test_the_filters(client, people, register_of_three, query, expected):
    assert names(client, people["dispatcher"], query) == expected


def test_the_code_zone_grid_and_unit_filters(client, people, units, register_of_three):
    shop, school, far = register_of_three
    assert names(client, people["dispatcher"], f"q={shop.credit_code[-6:]}") == ["惠民超市"]
    assert names(client, people["dispatcher"], f"zone={far.zone_id}") == ["开发区五金店"]
    assert names(client, people["dispatcher"], f"grid={far.grid_id}") == ["开发区五金店"]
    assert names(client, people["dispatcher"], f"unit={units['urban-management'].pk}") == ["惠民超市"]


@time_machine.travel(local(2026, 6, 15, 10, 0), tick=False)
def test_the_ineligible_filter_and_badge(client, people, register_of_three):
    shop = register_of_three[0]
    items = checklist(shop.jurisdiction, shop.kind)
    today = date(2026, 6, 15)
    for day in (1, 2, 3):
        inspections.record_inspection(
            shop,
            inspector=people["inspector"],
            inspected_on=today.replace(day=day),
            results={i.number: False for i in items},
        )
    assert names(client, people["dispatcher"], "ineligible=on") == ["惠民超市"]
    html = client.get("/frontage/").content.decode()
    assert html.count('badge-overdue ineligible"') == 1


def test_the_phone_is_masked_in_the_list(client, people, register_of_three):
    client.force_login(people["evaluator"])
    html = client.get("/frontage/").content.decode()
    assert "138****5678" in html
    assert "13812345678" not in html
    assert "2026-12-31" in html  # the term end of the signed agreement


def test_a_wrong_filter_is_said_not_a_500(client, people, register_of_three):
    client.force_login(people["dispatcher"])
    response = client.get("/frontage/?kind=castle&page=0")
    assert response.status_code == 400
    assert "flash-error" in response.content.decode()


def test_pages_of_fifty(client, people, make_party):
    for n in range(53):
        make_party(name=f"商户{n:03d}", at=(ZONE_01[0] + 0.0004 * (n % 8), ZONE_01[1] + 0.0004 * (n // 8)))
    assert len(names(client, people["dispatcher"])) == 50
    response = client.get("/frontage/")
    assert response.context["page"].total == 53
    assert response.context["next_url"] == "/frontage/?page=2"
    assert names(client, people["dispatcher"], "page=2") == ["商户050", "商户051", "商户052"]


def test_the_query_count_does_not_grow_with_the_rows(client, people, units, make_party):
    client.force_login(people["dispatcher"])

    def make(start, n):
        for i in range(start, start + n):
            party = make_party(
                name=f"商户{i:03d}", at=(ZONE_01[0] + 0.0004 * (i % 8), ZONE_01[1] + 0.0004 * (i // 8))
            )
            agreements.draft_agreement(
                party, actor=people["evaluator"], signing_unit=units["urban-management"]
            )

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/frontage/")
        assert response.status_code == 200
        return len(captured), len(response.context["page"].rows)

    make(0, 2)
    few, shown = count()
    assert shown == 2
    make(2, 10)
    many, shown = count()
    assert shown == 12
    assert many == few, f"{few} queries for 2 rows, {many} for 12"
    assert Grid.objects.exists()
