"""Each event of a transferred case queues its messages to 12345 in the event's transaction."""

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from gridcity.cases import workflow
from gridcity.cases.models import Case, Event
from gridcity.hotline.webhooks import queue_webhooks
from gridcity.outbox.models import Message

from .conftest import ORDERS_URL, local, photo, signed_post, work_order


@pytest.fixture
def order_case(client, hotline, garbage_mapping):
    """The case of a work order 12345 transferred on Tuesday 24 November 2026, 09:00."""
    with time_machine.travel(local(2026, 11, 24, 9, 0), tick=False):
        signed_post(client, ORDERS_URL, work_order())
    return Case.objects.get(external_id="GD20261124000123")


def sent(kind=None):
    """The bodies of the queued messages (of one kind), oldest first."""
    messages = Message.objects.order_by("id")
    if kind:
        messages = messages.filter(topic=f"hotline.{kind}")
    return [json.loads(message.body) for message in messages]


def test_the_order_itself_is_not_echoed_but_filing_and_dispatch_are(order_case, people, units, hotline):
    assert not Message.objects.exists()
    workflow.file(order_case, actor=people["shiftleader"], at=local(2026, 11, 24, 9, 5))
    workflow.dispatch(
        order_case, unit=units["urban-management"], actor=people["dispatcher"], at=local(2026, 11, 24, 9, 10)
    )

    messages = list(Message.objects.order_by("id"))
    assert [(m.topic, m.subject, m.client) for m in messages] == [
        ("hotline.state_changed", "GD20261124000123", hotline),
        ("hotline.state_changed", "GD20261124000123", hotline),
    ]
    dispatched = json.loads(messages[1].body)
    assert dispatched == {
        "kind": "state_changed",
        "event_id": order_case.events.get(type="case.dispatched").pk,
        "event": "case.dispatched",
        "order_number": "GD20261124000123",
        "case_number": order_case.number,
        "status": "open",
        "state": "dispatched",
        "state_label": "已派遣待签收",
        "at": "2026-11-24T09:10:00+08:00",
        "unit": {"code": "urban-management", "name": units["urban-management"].name},
        "note": "",
    }


def test_a_case_not_filed_is_returned_to_12345_with_the_reason(order_case, people):
    workflow.decline(order_case, actor=people["acceptor"], reason="不属于城市管理范围，请转住建部门")

    assert [m["state"] for m in sent("state_changed")] == ["declined"]
    [returned] = sent("returned")
    assert returned["reason"] == "不属于城市管理范围，请转住建部门"
    assert returned["result_code"] == 3 and returned["status"] == "returned"
    assert returned["event_id"] == order_case.events.get(type="case.declined").pk


def test_a_voided_case_is_returned_too(order_case, people):
    workflow.void(order_case, actor=people["shiftleader"], reason="重复工单，已作废")
    assert [m["reason"] for m in sent("returned")] == ["重复工单，已作废"]


def test_an_extension_request_tells_12345_how_much_more_time_and_why(order_case, cycle, people):
    cycle["sign"](order_case)
    workflow.request_extension(order_case, actor=people["handler"], amount=2, reason="需协调环卫车辆")

    [extension] = sent("extension_requested")
    assert extension["extension"]["amount"] == "2"
    assert extension["extension"]["unit"] == "working_hours"
    assert extension["extension"]["reason"] == "需协调环卫车辆"
    assert extension["unit"]["code"] == "urban-management"


def test_the_result_carries_what_was_done_and_photo_links_that_work_without_login(
    order_case, cycle, people, client, settings
):
    settings.PUBLIC_URL = "https://cg.junan.example.cn"
    after = photo("after.jpg")
    cycle["sign"](order_case)
    workflow.feedback(order_case, actor=people["handler"], note="已清运垃圾并冲洗路面", photos=[after])
    workflow.pass_check(order_case, actor=people["collector01"])
    workflow.close(order_case, actor=people["shiftleader"], note="处置到位")

    [result] = sent("result")
    assert result["result_code"] == 0 and result["status"] == "closed" and result["state"] == "closed"
    assert result["result_text"] == "已清运垃圾并冲洗路面" and result["closing_note"] == "处置到位"
    [link] = result["photos"]
    assert link["media_type"] == "image/jpeg"
    url = urlsplit(link["url"])
    assert (url.scheme, url.netloc) == ("https", "cg.junan.example.cn")
    assert url.path.startswith("/hotline/v1/attachments/")

    client.logout()
    download = client.get(url.path)
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert b"".join(download.streaming_content) == after.file.getvalue()

    token = url.path.rsplit("/", 1)[1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/hotline/v1/attachments/{tampered}").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = client.get(url.path)
    assert expired.status_code == 410 and expired.json()["errors"][0]["code"] == "link_expired"


def test_every_event_queues_a_state_change_in_order(order_case, cycle, people):
    cycle["checked"](order_case)
    workflow.close(order_case, actor=people["shiftleader"])
    assert [m["event"] for m in sent("state_changed")] == [
        "case.filed",
        "case.dispatched",
        "case.signed",
        "case.disposed",
        "case.check_passed",
        "case.closed",
    ]


def test_collector_cases_queue_nothing_and_cost_no_query(
    reported, cycle, people, hotline, django_assert_num_queries
):
    case = reported()
    cycle["checked"](case)
    workflow.close(case, actor=people["shiftleader"])
    assert not Message.objects.exists()
    closed = case.events.last()
    with django_assert_num_queries(0):
        queue_webhooks(sender=Case, case=case, event=closed)


def test_a_12345_case_typed_in_by_the_command_center_queues_nothing(demo_county, people, garbage, hotline):
    case = workflow.report(
        jurisdiction=demo_county,
        source="12345",
        minor_class=garbage,
        description="电话转来",
        lon=118.7985,
        lat=35.171,
        actor=people["acceptor"],
        external_id="GD-PHONE-1",
    )
    workflow.file(case, actor=people["shiftleader"])
    assert not Message.objects.exists()


def test_a_client_without_a_webhook_address_gets_no_messages(order_case, hotline, people):
    hotline.webhook_url = ""
    hotline.save()
    workflow.file(order_case, actor=people["shiftleader"])
    assert Event.objects.filter(type="case.filed").exists() and not Message.objects.exists()
