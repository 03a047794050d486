"""12345 reads the state of an order's case: state, unit, deadlines and what happened."""

import time_machine

from gridcity.cases import workflow
from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient

from .conftest import ORDERS_URL, authorized_get, local, signed_post, work_order


def test_the_state_unit_deadlines_and_events_of_an_order(client, hotline, garbage_mapping, people, units):
    with time_machine.travel(local(2026, 11, 24, 9, 0), tick=False):
        signed_post(client, ORDERS_URL, work_order())
    case = hotline.cases.get().case
    workflow.file(case, actor=people["shiftleader"], at=local(2026, 11, 24, 9, 5))
    workflow.dispatch(
        case, unit=units["urban-management"], actor=people["dispatcher"], at=local(2026, 11, 24, 9, 10)
    )

    response = authorized_get(client, f"{ORDERS_URL}/GD20261124000123")

    assert response.status_code == 200
    body = response.json()
    assert body["case_number"] == case.number and body["status"] == "open"
    assert (body["state"], body["state_label"]) == ("dispatched", "已派遣待签收")
    assert body["unit"] == {"code": "urban-management", "name": units["urban-management"].name}
    # 暴露垃圾: 4 working hours from 09:10.
    assert body["disposal_due_at"] == "2026-11-24T14:40:00+08:00"
    assert [(e["type"], e["state"]) for e in body["events"]] == [
        ("case.reported", "reported"),
        ("case.filed", "filed"),
        ("case.dispatched", "dispatched"),
    ]
    assert body["events"][2]["label"] == "派遣"


def test_an_unknown_order_or_another_clients_order_is_not_found(
    client, hotline, garbage_mapping, demo_county
):
    signed_post(client, ORDERS_URL, work_order())
    other = ApiClient(name="另一个热线平台", jurisdiction=demo_county, source="12345", scopes=["hotline"])
    other_key = issue_key(other, key="gc_other123_key-of-another-hotline")

    assert authorized_get(client, f"{ORDERS_URL}/GD-NOT-SENT").status_code == 404
    response = authorized_get(client, f"{ORDERS_URL}/GD20261124000123", key=other_key)
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_reading_needs_the_key_but_no_signature(client, hotline, garbage_mapping):
    signed_post(client, ORDERS_URL, work_order())
    assert client.get(f"{ORDERS_URL}/GD20261124000123").status_code == 401
    assert authorized_get(client, f"{ORDERS_URL}/GD20261124000123").status_code == 200
