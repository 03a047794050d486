"""No answer at all (a timeout, a refused connection) is a failure like a 5xx: retried, logged."""

from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message


def test_a_receiver_that_does_not_answer_in_time_is_retried(hotline, receiver, settings):
    settings.OUTBOX_TIMEOUT = 0.2
    receiver.delay = 1.0
    message = enqueue(hotline, "case.dispatched", {"n": 1})

    assert deliver_due()["retrying"] == 1

    message.refresh_from_db()
    assert message.state == Message.State.PENDING and message.attempts == 1
    assert "0.2" in message.last_error
    delivery = message.deliveries.get()
    assert delivery.status_code is None and delivery.error == message.last_error
    assert 150 <= delivery.duration_ms < 1000


def test_a_refused_connection_is_retried(make_client, refused_url):
    client = make_client(webhook_url=refused_url)
    message = enqueue(client, "case.dispatched", {"n": 1})

    assert deliver_due()["retrying"] == 1

    message.refresh_from_db()
    assert message.state == Message.State.PENDING and message.next_attempt_at > message.created_at
    assert "refused" in message.last_error.lower()
    assert message.deliveries.get().status_code is None
