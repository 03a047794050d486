"""12345's callback (回访) is stored as an event of the case, and evaluation reads the last one."""

import time

from gridcity.cases.models import Case, Event
from gridcity.hotline import selectors
from gridcity.outbox.models import Message

from .conftest import ORDERS_URL, signed_post, work_order

CALLBACK_URL = f"{ORDERS_URL}/GD20261124000123/callback"


def _callback(**fields):
    return {"callback_id": "HF0001", "satisfaction": 2, "result": 0, "note": "市民表示垃圾已清理", **fields}


def test_a_callback_is_recorded_on_the_case_and_read_by_the_selector(client, hotline, garbage_mapping):
    client.cookies["django_language"] = "en"
    signed_post(client, ORDERS_URL, work_order())
    messages_before = Message.objects.count()

    response = signed_post(client, CALLBACK_URL, _callback(called_at="2026-11-26T10:00:00+08:00"))

    assert response.status_code == 201
    body = response.json()
    assert (body["satisfaction"], body["satisfaction_label"]) == (2, "Satisfied")
    assert (body["result"], body["result_label"]) == (0, "Solved")
    event = Event.objects.get(type="case.callback_recorded")
    assert event.note == "市民表示垃圾已清理"
    assert event.data["satisfaction"] == 2 and event.data["called_at"] == "2026-11-26T10:00:00+08:00"
    [callback] = selectors.satisfaction(Case.objects.all()).values()
    assert (callback.satisfaction, callback.result, callback.callback_id) == (2, 0, "HF0001")
    # 12345 sent it: nothing is echoed back to its webhook.
    assert Message.objects.count() == messages_before


def test_the_same_callback_again_is_not_recorded_twice(client, hotline, garbage_mapping):
    signed_post(client, ORDERS_URL, work_order())
    first = signed_post(client, CALLBACK_URL, _callback())
    # A retry is signed afresh (a later timestamp), or it would be refused as a replay.
    again = signed_post(client, CALLBACK_URL, _callback(), timestamp=time.time() + 1)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Event.objects.filter(type="case.callback_recorded").count() == 1


def test_the_selector_gives_each_cases_latest_callback_in_one_query(
    client, hotline, garbage_mapping, django_assert_num_queries
):
    signed_post(client, ORDERS_URL, work_order())
    signed_post(client, ORDERS_URL, work_order(order_number="GD20261124000124"))
    signed_post(client, ORDERS_URL, work_order(order_number="GD20261124000125"))
    signed_post(client, CALLBACK_URL, _callback(satisfaction=0, result=1, callback_id="HF0001"))
    signed_post(client, CALLBACK_URL, _callback(satisfaction=3, result=0, callback_id="HF0002"))
    signed_post(
        client, f"{ORDERS_URL}/GD20261124000124/callback", _callback(satisfaction=1, callback_id="HF0003")
    )

    with django_assert_num_queries(1):
        latest = selectors.satisfaction(Case.objects.all())

    by_order = {Case.objects.get(pk=pk).external_id: callback.satisfaction for pk, callback in latest.items()}
    assert by_order == {"GD20261124000123": 3, "GD20261124000124": 1}


def test_a_wrong_callback_is_refused_and_writes_nothing(client, hotline, garbage_mapping):
    signed_post(client, ORDERS_URL, work_order())
    response = signed_post(client, CALLBACK_URL, {"callback_id": "HF0001", "satisfaction": 5, "result": True})
    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("satisfaction", "invalid"),
        ("result", "invalid_type"),
    }
    assert signed_post(client, f"{ORDERS_URL}/GD-UNKNOWN/callback", _callback()).status_code == 404
    assert not Event.objects.filter(type="case.callback_recorded").exists()
