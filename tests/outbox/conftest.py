"""A real HTTP receiver on 127.0.0.1 that records what gridcity sends, and clients pointing at it."""

import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def documented_verify():
    """The ``verify`` function of the Python snippet in docs/webhooks.md."""
    (code,) = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    namespace = {}
    exec(compile(code, str(DOCS), "exec"), namespace)
    return namespace["verify"]


class Receiver:
    """The other system's webhook endpoint. ``answers`` are the statuses of the next requests
    (then 200); ``delay`` holds every answer back that many seconds; ``secret`` is the signing
    secret it checks signatures with."""

    def __init__(self):
        self.requests = []
        self.answers = []
        self.delay = 0.0
        self.secret = ""
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    receiver.requests.append(
                        {
                            "path": self.path,
                            "headers": dict(self.headers),
                            "body": body,
                            "signature_ok": receiver.signature_ok(
                                body, self.headers.get("X-Gridcity-Signature")
                            ),
                        }
                    )
                    status = receiver.answers.pop(0) if receiver.answers else 200
                if receiver.delay:
                    time.sleep(receiver.delay)
                answer = b'{"received":true}' if status < 300 else "服务暂时不可用".encode()
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/moved")
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # the sender gave up waiting (a timeout test) and closed the connection

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/gridcity/events"

    def signature_ok(self, body, header):
        """Check the signature with the code that docs/webhooks.md gives receivers."""
        return documented_verify()(self.secret, body, header)

    def message_ids(self):
        return [request["headers"]["X-Gridcity-Message-Id"] for request in self.requests]


@pytest.fixture
def receiver():
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def refused_url():
    """An address on which nothing listens: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/events"


@pytest.fixture
def make_client(county, receiver):
    """A function making an active API client whose webhook is the receiver (or ``webhook_url``)."""

    def make(name="12345热线平台", webhook_url=None, **fields):
        client = ApiClient(
            name=name,
            jurisdiction=county,
            scopes=["hotline"],
            webhook_url=receiver.url if webhook_url is None else webhook_url,
            **fields,
        )
        issue_key(client)
        receiver.secret = client.webhook_secret
        return client

    return make


@pytest.fixture
def hotline(make_client):
    return make_client()
