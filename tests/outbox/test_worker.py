"""The worker and deliver_outbox send the outbox; the worker does it beside its periodic jobs."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection

from gridcity.outbox.delivery import deliver_forever
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message


def test_deliver_outbox_sends_the_due_messages(hotline, receiver, capsys):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    call_command("deliver_outbox")
    assert receiver.message_ids() == [str(message.pk)]
    assert "1 delivered" in capsys.readouterr().out


def test_deliver_outbox_refuses_a_limit_below_one():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--limit"):
        call_command("deliver_outbox", "--limit", "0")


@pytest.mark.django_db(transaction=True)
def test_the_worker_once_also_delivers(hotline, receiver):
    message = enqueue(hotline, "case.dispatched", {"n": 1})
    call_command("worker", "--once")
    assert receiver.message_ids() == [str(message.pk)]
    message.refresh_from_db()
    assert message.state == Message.State.DELIVERED


@pytest.mark.django_db(transaction=True)
def test_the_delivery_loop_sends_what_is_queued_while_it_runs(hotline, receiver):
    stop = threading.Event()

    def loop():
        try:
            deliver_forever(stop, interval=0.05)
        finally:
            connection.close()

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        message = enqueue(hotline, "case.dispatched", {"n": 1})
        deadline = time.monotonic() + 10
        while not receiver.requests and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert receiver.message_ids() == [str(message.pk)]
    assert not thread.is_alive()
