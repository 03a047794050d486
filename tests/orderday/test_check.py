"""The leading group's check of a grid: once, by an inspector or the evaluation office."""

from gridcity.orderday.models import GridRecord

from .conftest import grid_url, post_as


def check(client, person, order_day, **changes):
    data = {"checked_on": "2026-06-15", "result": "failed", "score": "72.5", "note": "门前有杂物", **changes}
    return post_as(client, person, grid_url(order_day, "check"), data)


def test_an_inspector_records_the_check_once(client, people, order_day, grid):
    response = check(client, people["inspector"], order_day)
    assert response.status_code == 303
    record = GridRecord.objects.get(order_day=order_day, grid=grid)
    assert (record.passed, str(record.score), record.checked_by) == (False, "72.5", people["inspector"])
    assert "不合格" in client.get(response["Location"]).content.decode()

    again = check(client, people["evaluator"], order_day, result="passed")
    assert again.status_code == 400
    assert "已检查" in again.content.decode()
    record.refresh_from_db()
    assert (record.passed, record.checked_by) == (False, people["inspector"])
