# ruff: noqa: F811 (the case tests' fixtures, imported by name, are taken as parameters)

"""The order day's fixtures: the demo county (without its demo cases), its people, an order day on
15 June 2026 and the clock on the day after; grid 371327001001001 lies in zone 01, which the
urban-management bureau (城管局, account "handler") supervises and leader01 sponsors."""

from datetime import date

import pytest
import time_machine

from gridcity.grids.models import Grid
from gridcity.orderday import actions
from tests.cases.conftest import garbage, local, people, photo, units  # noqa: F401

DAY = (2026, 6, 15)
GRID = "371327001001001"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(local(2026, 6, 16, 10, 0), tick=False):
        yield


@pytest.fixture
def order_day(demo_county, people):
    return actions.create_order_day(demo_county, actor=people["evaluator"], date=date(*DAY))


@pytest.fixture
def grid(demo_county):
    return Grid.objects.get(code=GRID)


def grid_url(order_day, action="", code=GRID):
    return f"/order-days/{order_day.pk}/grids/{code}/{action + '/' if action else ''}"


def post_as(client, person, url, data):
    client.force_login(person)
    return client.post(url, data)
