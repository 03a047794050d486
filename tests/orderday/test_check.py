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


def test_after_the_check_only_the_office_changes_who_took_part(client, people, order_day, grid):
    assert check(client, people["inspector"], order_day).status_code == 303
    form_action = f'action="{grid_url(order_day, "participation")}"'
    client.force_login(people["handler"])  # 城管局 supervises the grid's zone
    assert form_action not in client.get(grid_url(order_day)).content.decode()
    refused = post_as(client, people["handler"], grid_url(order_day, "participation"), {"head_count": "3"})
    assert refused.status_code == 400
    assert "领导小组已检查网格 371327001001001；此后只有考评办可以更改参加情况" in refused.content.decode()
    assert GridRecord.objects.get(grid=grid).head_count is None

    client.force_login(people["evaluator"])
    assert form_action in client.get(grid_url(order_day)).content.decode()
    corrected = post_as(
        client, people["evaluator"], grid_url(order_day, "participation"), {"head_count": "3"}
    )
    assert corrected.status_code == 303
    assert GridRecord.objects.get(grid=grid).head_count == 3
