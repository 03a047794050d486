"""Every bad input is refused with a message naming the problem, and nothing is written."""

import pytest
from django.core.files.base import ContentFile

from gridcity.grids.models import Grid, Zone
from gridcity.orderday.models import Finding, GridRecord, OrderDay, Photo
from gridcity.org.models import Jurisdiction, Unit

from .conftest import grid_url, photo, post_as


@pytest.fixture
def elsewhere(db):
    """A neighbouring district with a unit and a grid."""
    district = Jurisdiction.objects.create(code="371302", name="兰山区")
    unit = Unit.objects.create(
        jurisdiction=district, code="urban-management", name="兰山区城管局", kind="department"
    )
    zone = Zone.objects.create(jurisdiction=district, code="01", name="第一网区")
    ring = [[118.3, 35.0], [118.31, 35.0], [118.31, 35.01], [118.3, 35.0]]
    grid = Grid.objects.create(
        jurisdiction=district,
        zone=zone,
        code="371302001001001",
        name="兰山第一网格",
        boundary={"type": "Polygon", "coordinates": [ring]},
        area_m2=1.0,
    )
    return {"unit": unit, "grid": grid}


def participation(**changes):
    return {"leader_took_part": "on", "head_count": "12", "before_photos": [photo()], **changes}


CASES = {
    "a check dated tomorrow": (
        "inspector",
        "check",
        {"checked_on": "2026-06-17", "result": "passed"},
        "将来",
    ),
    "a unit of another jurisdiction": ("evaluator", "participation", "unit-elsewhere", "兰山区城管局"),
    "a grid of another jurisdiction": ("evaluator", "participation", "grid-elsewhere", "371302001001001"),
    "a file that is not a photo": (
        "handler",
        "participation",
        participation(after_photos=[ContentFile(b"not an image", name="notes.txt")]),
        "notes.txt",
    ),
    "a head-count below zero": ("handler", "participation", participation(head_count="-3"), "0"),
    "a finding outside the grid": (
        "inspector",
        "findings",
        {"description": "杂物", "lon": "118.86", "lat": "35.17", "photos": [photo()]},
        "网格",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_grid_input_is_refused_and_nothing_written(client, people, units, order_day, elsewhere, case):
    person, action, data, expected_words = case
    code = "371327001001001"
    if data == "unit-elsewhere":
        data = participation(units=[units["urban-management"].pk, elsewhere["unit"].pk])
    elif data == "grid-elsewhere":
        data, code = participation(), elsewhere["grid"].code
    response = post_as(client, people[person], grid_url(order_day, action, code=code), data)
    assert response.status_code == 400
    assert expected_words in response.content.decode()
    assert not GridRecord.objects.exists()
    assert not Photo.objects.exists()
    assert not Finding.objects.exists()


@pytest.mark.parametrize(
    ("data", "expected_words"),
    [
        ({"date": "2026-06-20", "reason": "端午节调整"}, "已有"),  # June has its day already
        ({"date": "2026-07-14", "reason": ""}, "原因"),  # not the 15th, no reason
        ({"date": "", "reason": ""}, "日期"),
    ],
    ids=["second day in the month", "another date without a reason", "no date"],
)
def test_bad_order_days_are_refused(client, people, order_day, data, expected_words):
    response = post_as(client, people["evaluator"], "/order-days/", data)
    assert response.status_code == 400
    assert expected_words in response.content.decode()
    assert list(OrderDay.objects.all()) == [order_day]


def test_a_moved_day_needs_its_reason(client, people, order_day):
    response = post_as(
        client, people["evaluator"], "/order-days/", {"date": "2026-07-14", "reason": "周末提前"}
    )
    assert response.status_code == 303
    assert OrderDay.objects.get(date="2026-07-14").reason == "周末提前"
