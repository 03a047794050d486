"""The signature check that docs/webhooks.md gives receivers accepts what gridcity sends, and
refuses a changed body, another secret and an old signature."""

import time

from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue

from .conftest import documented_verify


def test_the_documented_check_accepts_a_delivery_and_refuses_forgeries(hotline, receiver):
    enqueue(hotline, "case.closed", {"case": "371327-20261128-0001", "result": "已办结"})
    deliver_due()
    (request,) = receiver.requests
    verify = documented_verify()
    body, header = request["body"], request["headers"]["X-Gridcity-Signature"]

    assert verify(hotline.webhook_secret, body, header)
    assert not verify(hotline.webhook_secret, body.replace("已办结".encode(), "已退单".encode()), header)
    assert not verify("another-secret", body, header)
    assert not verify(hotline.webhook_secret, body, header, now=time.time() + 301)
    assert not verify(hotline.webhook_secret, body, None)
