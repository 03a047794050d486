"""Several workers may deliver at once: a claimed message is sent by one of them only."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Delivery, Message


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_once_never_send_a_message_twice(hotline, receiver):
    messages = [enqueue(hotline, "case.dispatched", {"n": n}) for n in range(6)]
    receiver.delay = 0.15  # both passes read the same due messages while the first is being sent
    start = threading.Barrier(2)
    results = []

    def worker():
        start.wait()
        try:
            results.append(deliver_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(receiver.message_ids()) == sorted(str(message.pk) for message in messages)
    assert sum(result["delivered"] for result in results) == 6
    assert sum(result["skipped"] for result in results) >= 1  # they did meet
    assert Delivery.objects.count() == 6
    assert set(Message.objects.values_list("state", flat=True)) == {Message.State.DELIVERED}


def test_a_message_another_worker_holds_is_left_alone(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(claimed_until=now + timedelta(seconds=60))

    assert deliver_due(now=now)["delivered"] == 0
    assert receiver.requests == []


def test_the_claim_of_a_worker_that_died_lapses(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(claimed_until=now + timedelta(seconds=60))

    assert deliver_due(now=now + timedelta(seconds=60))["delivered"] == 1
    assert receiver.message_ids() == [str(message.pk)]
