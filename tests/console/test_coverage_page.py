"""The coverage page: the totals and the tables per town, zone and grid, as the selectors count them."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

import re

import pytest
from django.urls import reverse

from gridcity.frontage import agreements, selectors
from tests.frontage.conftest import ZONE_01, ZONE_10, _fresh_index, make_party, register  # noqa: F401

URL = reverse("console:coverage")


@pytest.fixture
def register_with_parties(make_party, people):
    """Zone 01: one shop signed, one with a draft, one without; zone 10: one without."""
    office = people["evaluator"]
    signed = make_party("惠民超市")
    agreements.sign(agreements.draft_agreement(signed, actor=office), actor=office)
    agreements.draft_agreement(make_party("福满饭店", at=(ZONE_01[0], ZONE_01[1] + 0.001)), actor=office)
    make_party("阳光花店", at=(ZONE_01[0], ZONE_01[1] + 0.002))
    make_party("开发区超市", at=ZONE_10)


def row_of(html, table, label):
    """The cells of the row of ``table`` headed ``label``, as text."""
    section = html.split(f'id="coverage-{table}"', 1)[1].split("</table>", 1)[0]
    for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label} in {table}")


def test_the_numbers_are_those_of_the_selectors(client, people, demo_county, register_with_parties):
    client.force_login(people["leader01"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "门前三包覆盖情况 · 莒南县" in html
    assert html.count('<th scope="col" class="num">签订率（%）</th>') == 3
    total = selectors.coverage_total(demo_county)
    assert (total.parties, total.signed, total.unsigned) == (4, 1, 3)
    assert row_of(html, "grids", "合计") == ["合计", "4", "1", "3", "25.0%"]
    for row in selectors.coverage_by_grid(demo_county):
        cells = row_of(html, "grids", row.label)
        assert cells[1:] == [str(row.parties), str(row.signed), str(row.unsigned), f"{row.share_signed}%"]
    zone = next(row for row in selectors.coverage_by_zone(demo_county) if row.key.code == "01")
    assert row_of(html, "zones", zone.label)[1:4] == ["3", "1", "2"]
    assert row_of(html, "towns", "001")[1:4] == ["4", "1", "3"]


def test_each_not_signed_number_opens_the_filtered_party_list(
    client, people, demo_county, register_with_parties
):
    client.force_login(people["dispatcher"])
    html = client.get(URL).content.decode()
    zone = next(row for row in selectors.coverage_by_zone(demo_county) if row.key.code == "01").key
    assert f'href="/frontage/?state=unsigned&amp;zone={zone.pk}">2</a>' in html
    assert 'href="/frontage/?state=unsigned&amp;grid=371327001001002">2</a>' in html
    assert 'href="/frontage/?state=unsigned&amp;grid=371327001010001">1</a>' in html
    # A grid where every party signed, or none is registered, has nothing to open.
    assert 'grid=371327001005001"' not in html


def test_the_downloads_are_offered_and_the_sub_menu_marks_the_page(client, people, register):
    client.force_login(people["collector01"])  # every staff role of the county sees it
    html = client.get(URL).content.decode()
    assert 'href="/frontage/coverage.xlsx"' in html and 'action="/frontage/ineligible.xlsx"' in html
    assert 'aria-current="page">签订覆盖</a>' in html


def test_a_visitor_must_log_in_and_a_person_without_a_role_is_refused(client, demo_county):
    from gridcity.org.models import User

    assert client.get(URL).status_code == 302
    client.force_login(User.objects.create_user("nobody", jurisdiction=demo_county))
    response = client.get(URL)
    assert response.status_code == 403 and "系统管理员" in response.content.decode()
