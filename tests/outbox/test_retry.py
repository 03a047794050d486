"""A failed delivery is tried again after a growing wait, and every attempt is logged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gridcity.outbox.delivery import deliver_due, retry_delay
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message


def test_a_500_is_retried_after_the_backoff_then_delivered(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"case": "371327-20261128-0001"})
    receiver.answers = [500]
    start = timezone.now()

    assert deliver_due(now=start)["retrying"] == 1
    message.refresh_from_db()
    assert message.state == Message.State.PENDING
    assert message.next_attempt_at == start + timedelta(seconds=30)
    assert "500" in message.last_error

    assert deliver_due(now=start + timedelta(seconds=29))["retrying"] == 0
    assert len(receiver.requests) == 1  # not before its time

    assert deliver_due(now=start + timedelta(seconds=30))["delivered"] == 1
    message.refresh_from_db()
    assert message.state == Message.State.DELIVERED and message.attempts == 2 and message.last_error == ""
    assert [(d.attempt, d.status_code) for d in message.deliveries.all()] == [(1, 500), (2, 200)]
    assert message.deliveries.first().response_excerpt == "服务暂时不可用"
    # The receiver saw the same message twice, each time freshly and correctly signed.
    assert receiver.message_ids() == [str(message.pk)] * 2
    assert all(request["signature_ok"] for request in receiver.requests)


@pytest.mark.parametrize("status", [400, 401, 404, 408, 429, 503])
def test_every_answer_but_2xx_is_retried(hotline, receiver, status):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    receiver.answers = [status]
    assert deliver_due()["retrying"] == 1
    message.refresh_from_db()
    assert message.state == Message.State.PENDING and str(status) in message.last_error
    assert message.deliveries.get().status_code == status


def test_a_redirect_is_a_failure_that_names_the_new_address(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    receiver.answers = [302]
    assert deliver_due()["retrying"] == 1
    assert len(receiver.requests) == 1  # not followed with a GET that would lose the body
    message.refresh_from_db()
    assert "http://127.0.0.1:9/moved" in message.last_error


def test_the_wait_doubles_from_30_seconds_up_to_an_hour():
    assert [retry_delay(attempt) for attempt in range(1, 11)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
        3600,
    ]


def test_the_retries_follow_the_backoff_table(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    receiver.answers = [500] * 4
    now = timezone.now()
    waits = []
    for _attempt in range(4):
        deliver_due(now=now)
        message.refresh_from_db()
        waits.append((message.next_attempt_at - now).total_seconds())
        now = message.next_attempt_at
    assert waits == [30, 60, 120, 240]
