"""The work list: unsigned parties per signing unit and the agreements due for renewal. A unit's
people see only their own unit's lists; the evaluation office and the command center see all."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from gridcity.frontage import agreements
from gridcity.frontage.models import PartyKind
from gridcity.org.models import Place
from tests.frontage.conftest import ZONE_01, ZONE_10, _fresh_index, make_party, register  # noqa: F401

URL = reverse("console:unsigned")
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def work(make_party, people, units):
    """十字路街道 should sign a shop, the development zone another, 城管局 holds a draft with a car
    park; a 城管局 agreement and a 文明办 agreement end within 30 days and were reminded."""
    office = people["evaluator"]
    make_party("惠民超市")
    make_party("开发区超市", at=ZONE_10)
    car_park = make_party(
        "人民路停车场", kind=PartyKind.CAR_PARK, place=Place.MAIN_ROAD, at=(ZONE_01[0], ZONE_01[1] + 0.001)
    )
    agreements.draft_agreement(car_park, actor=office)
    ending = {}
    for name, kind, north in (
        ("城南农贸市场", PartyKind.MARKET, 0.002),
        ("莒南县财政局", PartyKind.ORGAN, 0.003),
    ):
        party = make_party(name, kind=kind, place=Place.MAIN_ROAD, at=(ZONE_01[0], ZONE_01[1] + north))
        agreement = agreements.draft_agreement(
            party,
            actor=office,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            at=datetime(2025, 12, 20, tzinfo=SHANGHAI),
        )
        agreements.sign(agreement, actor=office, at=datetime(2025, 12, 22, tzinfo=SHANGHAI))
        ending[name] = agreement
    with time_machine.travel(datetime(2026, 12, 1, 6, 10, tzinfo=SHANGHAI)):
        call_command("agreement_renewals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ending


def captions(html):
    return [part.split("</caption>")[0] for part in html.split("<caption>")[1:]]


@pytest.mark.parametrize("username", ["evaluator", "dispatcher", "shiftleader", "admin"])
def test_the_offices_that_steer_see_every_unit(client, people, work, username):
    client.force_login(people[username])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert captions(html) == [
        "十字路街道办事处 · 1 个责任主体",
        "县城市管理局 · 1 个责任主体",
        "莒南经济开发区 · 1 个责任主体",
    ]
    for name in ("惠民超市", "开发区超市", "人民路停车场", "城南农贸市场", "莒南县财政局"):
        assert name in html
    assert "待续签的责任书" in html and work["城南农贸市场"].number in html


def test_a_unit_handler_sees_only_his_units_lists(client, people, work):
    client.force_login(people["handler"])  # 县城市管理局
    html = client.get(URL).content.decode()
    assert "待签订与续签 · 县城市管理局" in html
    assert len(captions(html)) == 1 and captions(html)[0].startswith("县城市管理局")
    assert "人民路停车场" in html and "草拟" in html  # its draft, waiting to be signed
    assert "惠民超市" not in html and "开发区超市" not in html
    # The renewals of the agreements it signed, not those of 文明办.
    assert work["城南农贸市场"].number in html and work["莒南县财政局"].number not in html


def test_the_street_office_sees_its_shops(client, people, work):
    client.force_login(people["handler-shizilu-street"])
    html = client.get(URL).content.decode()
    assert "惠民超市" in html and "人民路停车场" not in html
    assert "暂无待续签的责任书。" in html


def test_contacts_are_masked_and_each_party_links_to_its_page(client, people, work):
    client.force_login(people["evaluator"])
    html = client.get(URL).content.decode()
    assert "王*" in html and "138****5678" in html and "13812345678" not in html
    party = work["城南农贸市场"].party
    assert f'<a href="{reverse("console:party", args=[party.pk])}">城南农贸市场</a>' in html
