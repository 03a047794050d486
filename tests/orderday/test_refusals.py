"""Every bad input is refused with a message naming the problem, and nothing is written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from gridcity.grids.models import Grid, Zone
from gridcity.orderday import actions
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
        "检查日期 2026-06-17 是将来的日期",
    ),
    "a unit of another jurisdiction": (
        "evaluator",
        "participation",
        "unit-elsewhere",
        "单位“兰山区城管局”属于其他辖区",
    ),
    "a file that is not a photo": (
        "handler",
        "participation",
        participation(after_photos=[ContentFile(b"not an image", name="notes.txt")]),
        "notes.txt",
    ),
    "a head-count below zero": (
        "handler",
        "participation",
        participation(head_count="-3"),
        "参加人数应为不小于 0 的整数",
    ),
    "a finding outside the grid": (
        "inspector",
        "findings",
        {"description": "杂物", "lon": "118.86", "lat": "35.17", "photos": [photo()]},
        "位置（118.86, 35.17）不在网格 371327001001001 内",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_grid_input_is_refused_and_nothing_written(client, people, units, order_day, elsewhere, case):
    person, action, data, expected_words = case
    if data == "unit-elsewhere":
        data = participation(units=[units["urban-management"].pk, elsewhere["unit"].pk])
    response = post_as(client, people[person], grid_url(order_day, action), data)
    assert response.status_code == 400
    assert expected_words in response.content.decode()
    assert not GridRecord.objects.exists()
    assert not Photo.objects.exists()
    assert not Finding.objects.exists()


@pytest.mark.parametrize(
    ("person", "action", "data"),
    [
        ("evaluator", "participation", participation()),
        ("evaluator", "check", {"checked_on": "2026-06-15", "result": "passed"}),
        ("evaluator", "findings", {"description": "杂物"}),
    ],
    ids=["participation", "check", "finding"],
)
def test_a_grid_of_another_jurisdiction_is_not_found(
    client, people, order_day, elsewhere, person, action, data
):
    url = grid_url(order_day, action, code=elsewhere["grid"].code)
    assert post_as(client, people[person], url, data).status_code == 404
    assert client.get(grid_url(order_day, code=elsewhere["grid"].code)).status_code == 404
    assert not GridRecord.objects.exists()
    assert not Finding.objects.exists()


def test_the_actions_refuse_a_grid_of_another_jurisdiction(people, order_day, elsewhere):
    evaluator, grid = people["evaluator"], elsewhere["grid"]
    writes = [
        lambda: actions.record_participation(order_day, grid, actor=evaluator, leader_took_part=False),
        lambda: actions.record_check(
            order_day, grid, actor=evaluator, checked_on=date(2026, 6, 15), passed=True
        ),
        lambda: actions.add_finding(order_day, grid, actor=evaluator, description="杂物"),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match="网格 371302001001001 不属于莒南县"):
            write()
    assert not GridRecord.objects.exists()


def test_the_action_refuses_a_head_count_below_zero(people, order_day, grid):
    # The form refuses it first; the rule holds for every caller of the action too.
    with pytest.raises(ValidationError, match="参加人数应为不小于 0 的整数"):
        actions.record_participation(
            order_day, grid, actor=people["evaluator"], leader_took_part=False, head_count=-3
        )
    assert not GridRecord.objects.exists()


@pytest.mark.parametrize(
    ("data", "expected_words"),
    [
        ({"date": "2026-06-20", "reason": "端午节调整"}, "2026-06 已有公共卫生秩序日（2026-06-15）"),
        ({"date": "2026-07-14", "reason": ""}, "改在 2026-07-14 举行，请填写原因"),  # not the 15th
        ({"date": "", "reason": ""}, "请填写公共卫生秩序日的日期"),
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
