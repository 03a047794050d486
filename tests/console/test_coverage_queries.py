"""The coverage page, the work list and the map layer cost the same number of queries for 2
parties as for 12: nothing is read per party or per row."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gridcity.frontage import agreements
from gridcity.frontage.models import Party, PartyKind
from gridcity.org.models import Place
from tests.frontage.conftest import ZONE_01, _fresh_index, make_party, register  # noqa: F401

# Session, person, roles, the page's own reads, the unread count.
BUDGET = 14


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def add_parties(make_party, people):
    """add(n): n more parties in zone 01: shops never signed, car parks with a draft, organs signed."""
    office = people["evaluator"]

    def add(n):
        start = Party.objects.count()
        for i in range(start, start + n):
            at = (ZONE_01[0] + 0.0002 * (i % 3), ZONE_01[1] + 0.0002 * (i // 3))
            if i % 3 == 0:
                make_party(f"商店{i}", at=at)
            elif i % 3 == 1:
                party = make_party(f"停车场{i}", kind=PartyKind.CAR_PARK, place=Place.MAIN_ROAD, at=at)
                agreements.draft_agreement(party, actor=office)
            else:
                party = make_party(f"机关{i}", kind=PartyKind.ORGAN, place=Place.MAIN_ROAD, at=at)
                agreements.sign(agreements.draft_agreement(party, actor=office), actor=office)

    return add


def grows_not(client, url, add, shown):
    add(2)
    few, response = queries(client, url)
    assert shown(response) == 2
    add(10)
    many, response = queries(client, url)
    assert shown(response) == 12
    assert many == few, f"{url}: {few} queries for 2 parties, {many} for 12"
    assert many <= BUDGET


def test_the_coverage_page(client, people, add_parties):
    client.force_login(people["leader01"])
    grows_not(client, reverse("console:coverage"), add_parties, lambda r: r.context["total"].parties)


def test_the_work_list(client, people, add_parties):
    client.force_login(people["evaluator"])

    def shown(response):
        # The unsigned ones: every shop and car park (a draft is not signed).
        signed = Party.objects.filter(agreements__state="signed").count()
        assert response.context["unsigned_count"] == Party.objects.count() - signed
        return Party.objects.count()

    grows_not(client, reverse("console:unsigned"), add_parties, shown)


def test_the_map_layer(client, people, add_parties):
    client.force_login(people["dispatcher"])
    grows_not(
        client,
        reverse("console:frontage_features"),
        add_parties,
        lambda r: len(r.json()["features"]),
    )
