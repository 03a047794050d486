"""Queue a message for another system, in the transaction of the change it announces.

Nothing is sent here: the row commits or rolls back with the change, and the worker
(gridcity.outbox.delivery) sends it afterwards, so a slow or absent receiver never holds up
the case cycle and a rolled-back change never leaves a message behind.
"""

import json

from django.utils import timezone

from gridcity.cases import store

from .models import Message


def encode(payload):
    """The JSON text sent for ``payload``: compact, keys sorted, Chinese kept as it is."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def enqueue(client, topic, payload, *, subject=""):
    """Write a message to ``client``'s webhook about ``topic`` with ``payload``; returns it.

    Returns None, and writes nothing, when the client is inactive or has no webhook address.
    One INSERT and no other query: it runs inside every case transition of a client's cases.
    """
    if not client.is_active or not client.webhook_url:
        return None
    now = timezone.now()
    message = Message(
        client=client,
        topic=topic,
        subject=subject,
        body=encode(payload),
        state=Message.State.PENDING,
        attempts=0,
        next_attempt_at=now,
        claimed_until=None,
        created_at=now,
        delivered_at=None,
        last_error="",
    )
    return store.insert(message)
