"""Everybody with a role reads the order days; only those the rules name write."""

import pytest

from gridcity.orderday import actions
from gridcity.orderday.models import GridRecord, OrderDay

from .conftest import grid_url, photo, post_as

WRITES = {
    "set a day": ("/order-days/", {"date": "2026-07-15"}),
    "record participation": ("participation", {"head_count": "3", "before_photos": [photo()]}),
    "record the check": ("check", {"checked_on": "2026-06-15", "result": "passed"}),
    "add a finding": ("findings", {"description": "杂物"}),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_collector_may_read_but_not_write(client, people, order_day, write):
    path, data = write
    url = path if path.startswith("/") else grid_url(order_day, path)
    response = post_as(client, people["collector01"], url, data)
    assert response.status_code == 403
    assert OrderDay.objects.count() == 1
    assert not GridRecord.objects.exists()
    assert client.get(grid_url(order_day)).status_code == 200


def test_a_collector_may_not_make_a_case(client, people, order_day, grid, garbage):
    finding = actions.add_finding(order_day, grid, actor=people["inspector"], description="杂物")
    response = post_as(
        client, people["collector01"], f"/order-days/findings/{finding.pk}/case/", {"minor_class": garbage.pk}
    )
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.case is None


def test_a_unit_records_only_the_grids_it_is_expected_in(client, people, order_day):
    # 环保局 supervises zone 07, not zone 01.
    response = post_as(
        client, people["handler-environment"], grid_url(order_day, "participation"), {"head_count": "3"}
    )
    assert response.status_code == 403
    assert "371327001001001" in response.content.decode()
    assert not GridRecord.objects.exists()


def test_strangers_are_sent_to_log_in(client, order_day):
    assert client.get(f"/order-days/{order_day.pk}/")["Location"].startswith("/accounts/login/")
