"""A message that keeps failing is given up (a dead letter) after OUTBOX_MAX_ATTEMPTS attempts."""

from datetime import timedelta

from django.utils import timezone, translation

from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message


def test_a_message_dies_after_the_last_attempt(hotline, receiver, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    receiver.answers = [500, 502, 503, 200]
    message = enqueue(hotline, "case.dispatched", {"n": 1})

    outcomes = []
    for _attempt in range(3):
        message.refresh_from_db()
        outcomes.append(deliver_due(now=message.next_attempt_at))

    assert [o["retrying"] for o in outcomes] == [1, 1, 0] and outcomes[-1]["dead"] == 1
    message.refresh_from_db()
    assert message.state == Message.State.DEAD and message.attempts == 3
    assert "503" in message.last_error
    assert [d.status_code for d in message.deliveries.all()] == [500, 502, 503]
    # A dead message waits for someone to send it again; time alone does not.
    assert deliver_due(now=timezone.now() + timedelta(days=1))["dead"] == 0
    assert len(receiver.requests) == 3


def test_a_message_to_a_deactivated_client_dies_unsent(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    hotline.is_active = False
    hotline.save()

    with translation.override("en"):
        assert deliver_due()["dead"] == 1

    assert receiver.requests == []
    message.refresh_from_db()
    assert message.state == Message.State.DEAD and "inactive" in message.last_error
    assert message.deliveries.get().status_code is None
