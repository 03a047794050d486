"""Queueing a message: one row in the caller's transaction, with the exact text that is sent."""

import json

import pytest
from django.db import transaction

from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message

PAYLOAD = {"state": "dispatched", "case": "371327-20261128-0001", "unit": "县城市管理局", "at": 1}


def test_the_body_is_compact_sorted_json_with_chinese_kept(hotline):
    message = enqueue(hotline, "case.dispatched", PAYLOAD, subject="371327-20261128-0001")
    stored = Message.objects.get()
    assert stored.pk == message.pk
    assert stored.body == (
        '{"at":1,"case":"371327-20261128-0001","state":"dispatched","unit":"县城市管理局"}'
    )
    assert json.loads(stored.body) == PAYLOAD
    assert (stored.client, stored.topic, stored.subject) == (
        hotline,
        "case.dispatched",
        "371327-20261128-0001",
    )
    assert stored.state == Message.State.PENDING and stored.attempts == 0
    assert stored.next_attempt_at == stored.created_at


def test_enqueue_is_one_insert(hotline, django_assert_num_queries):
    with django_assert_num_queries(1):
        enqueue(hotline, "case.dispatched", PAYLOAD)


@pytest.mark.parametrize("fields", [{"is_active": False}, {"webhook_url": ""}])
def test_nothing_is_queued_for_a_client_that_cannot_receive(make_client, fields, django_assert_num_queries):
    client = make_client(**fields)
    with django_assert_num_queries(0):
        assert enqueue(client, "case.dispatched", PAYLOAD) is None
    assert not Message.objects.exists()


def test_a_rolled_back_change_leaves_no_message(hotline):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(hotline, "case.dispatched", PAYLOAD)
        raise RuntimeError("the transition failed after the message was queued")
    assert not Message.objects.exists()
