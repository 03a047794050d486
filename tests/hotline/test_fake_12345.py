"""A case's whole cycle reaches a real HTTP server standing in for 12345, which checks every
signature and applies each message once, however often it is delivered."""

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from gridcity.cases import workflow
from gridcity.cases.models import Case
from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.models import Message

from .conftest import HOTLINE_SECRET, ORDERS_URL, photo, signed_post, work_order


class Fake12345:
    """What 12345's webhook receiver does: verify, de-duplicate by message id, apply."""

    def __init__(self, secret):
        self.secret = secret
        self.received = []  # (message id, topic) of every request, accepted or not
        self.applied = {}  # message id -> body, in the order first applied
        self.refused = []
        self.fail_next = 0  # answer 500 to this many requests, after applying them

    def verify(self, header, body):
        fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
        timestamp = int(fields.get("t", "0"))
        expected = hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        return abs(time.time() - timestamp) <= 300 and hmac.compare_digest(expected, fields.get("v1", ""))

    def handle(self, headers, body):
        message_id, topic = headers["X-Gridcity-Message-Id"], headers["X-Gridcity-Topic"]
        self.received.append((message_id, topic))
        if not self.verify(headers.get("X-Gridcity-Signature", ""), body):
            self.refused.append(message_id)
            return 401
        if message_id not in self.applied:
            self.applied[message_id] = json.loads(body)
        if self.fail_next:
            self.fail_next -= 1
            return 500
        return 200


@pytest.fixture
def fake_12345(hotline):
    receiver = Fake12345(HOTLINE_SECRET)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = receiver.handle(self.headers, body)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hotline.webhook_url = f"http://127.0.0.1:{server.server_port}/gridcity/webhooks"
    hotline.save()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join()


def test_12345_receives_every_change_in_order_and_a_retry_is_applied_once(
    fake_12345, client, hotline, garbage_mapping, people, units
):
    assert signed_post(client, ORDERS_URL, work_order()).status_code == 201
    case = Case.objects.get()
    after = photo("after.jpg")
    workflow.file(case, actor=people["shiftleader"])
    workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"])
    workflow.sign(case, actor=people["handler"])
    workflow.feedback(case, actor=people["handler"], note="已清运", photos=[after])
    workflow.pass_check(case, actor=people["collector01"])
    workflow.close(case, actor=people["shiftleader"])

    # 12345 applies the first message, then fails to answer: the pass stops at it.
    fake_12345.fail_next = 1
    now = timezone.now()
    first_pass = deliver_due(now=now)
    assert first_pass["delivered"] == 0 and first_pass["retrying"] == 1
    failed_id = fake_12345.received[0][0]

    second_pass = deliver_due(now=now + timedelta(seconds=31))

    messages = list(Message.objects.order_by("id"))
    assert second_pass["delivered"] == len(messages) == 7
    assert {m.state for m in messages} == {"delivered"}
    assert fake_12345.refused == []
    # The failed message came twice and counted once.
    assert [message_id for message_id, _topic in fake_12345.received].count(failed_id) == 2
    applied = list(fake_12345.applied.values())
    assert len(applied) == len(fake_12345.applied) == 7
    assert [(m["kind"], m["state"]) for m in applied] == [
        ("state_changed", "filed"),
        ("state_changed", "dispatched"),
        ("state_changed", "in_disposal"),
        ("state_changed", "checking"),
        ("state_changed", "checked"),
        ("state_changed", "closed"),
        ("result", "closed"),
    ]
    result = applied[-1]
    assert result["order_number"] == "GD20261124000123" and result["result_text"] == "已清运"
    photo_path = urlsplit(result["photos"][0]["url"]).path
    download = client.get(photo_path)
    assert b"".join(download.streaming_content) == after.file.getvalue()
