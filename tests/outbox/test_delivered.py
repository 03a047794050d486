"""A due message is POSTed, signed, to the client's webhook, logged and marked delivered."""

import json

from django.utils import timezone

from gridcity.clients.signing import check_signature
from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message


def test_a_due_message_is_delivered_signed(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"case": "371327-20261128-0001", "unit": "县城市管理局"})

    counts = deliver_due()

    assert counts == {"delivered": 1, "retrying": 0, "dead": 0, "skipped": 0}
    (request,) = receiver.requests
    assert request["path"] == "/gridcity/events"
    assert request["body"] == message.body.encode()
    assert json.loads(request["body"])["unit"] == "县城市管理局"
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["X-Gridcity-Message-Id"] == str(message.pk)
    assert headers["X-Gridcity-Topic"] == "case.dispatched"
    assert headers["User-Agent"].startswith("gridcity")
    # The receiver's own check, and gridcity's, agree that the signature is good.
    assert request["signature_ok"]
    check_signature(hotline, request["body"], headers["X-Gridcity-Signature"])

    message.refresh_from_db()
    assert message.state == Message.State.DELIVERED
    assert message.attempts == 1 and message.delivered_at is not None and message.claimed_until is None
    (delivery,) = message.deliveries.all()
    assert (delivery.attempt, delivery.status_code, delivery.error) == (1, 200, "")
    assert delivery.response_excerpt == '{"received":true}'


def test_a_delivered_message_is_not_sent_again(hotline, receiver):
    enqueue(hotline, "case.closed", {"case": "371327-20261128-0001"})
    deliver_due()
    assert deliver_due(now=timezone.now() + timezone.timedelta(days=1)) == {
        "delivered": 0,
        "retrying": 0,
        "dead": 0,
        "skipped": 0,
    }
    assert len(receiver.requests) == 1


def test_messages_go_out_in_the_order_they_were_queued(hotline, receiver):
    first = enqueue(hotline, "case.dispatched", {"n": 1})
    second = enqueue(hotline, "case.signed", {"n": 2})
    deliver_due()
    assert receiver.message_ids() == [str(first.pk), str(second.pk)]
