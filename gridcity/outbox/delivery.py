"""Send the queued messages: claim, POST, log, then delivered, retry later, or give up.

Any number of workers may run a pass at the same time: each message is claimed with a
conditional UPDATE before it is sent, so only one of them sends it. A claim lasts a minute (or
twice the timeout, if longer); a worker that dies while sending leaves a claim that lapses, and
the message is sent again by another. Receivers therefore de-duplicate on the message id.

Every answer other than 2xx is a failure and is retried, 4xx included: a 401 or 404 usually
means the receiver is misconfigured (wrong secret, wrong address), and once someone fixes it the
waiting messages go through. Retries wait 30 s, doubling each time, at most an hour; after
OUTBOX_MAX_ATTEMPTS failed attempts the message is dead and waits for "Send again" in the admin.
"""

import http.client
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.clients.signing import SIGNATURE_HEADER, sign

from .models import Delivery, Message, MessageState

log = logging.getLogger("gridcity.outbox")

DEFAULT_TIMEOUT = 10  # seconds; settings.OUTBOX_TIMEOUT
DEFAULT_MAX_ATTEMPTS = 10  # settings.OUTBOX_MAX_ATTEMPTS
CLAIM_SECONDS = 60
FIRST_RETRY_SECONDS = 30
LONGEST_RETRY_SECONDS = 3600
EXCERPT_LENGTH = 500
USER_AGENT = "gridcity-webhooks/1"

MESSAGE_ID_HEADER = "X-Gridcity-Message-Id"
TOPIC_HEADER = "X-Gridcity-Topic"


def retry_delay(attempt):
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...): 30 s, 60 s, 120 s, ... 1 h."""
    return min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), LONGEST_RETRY_SECONDS)


def deliver_due(now=None, limit=100):
    """Send up to ``limit`` due messages, oldest first. Returns the counts of messages delivered,
    retrying later, given up (dead) and skipped (another worker had claimed them).

    ``now`` fixes the clock for the whole pass (tests, replays); by default each message is
    claimed and scheduled at the time it is reached.
    """
    timeout = float(getattr(settings, "OUTBOX_TIMEOUT", DEFAULT_TIMEOUT))
    max_attempts = int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))
    # A claim must outlast the request, or a second worker would take the message mid-send.
    lease = timedelta(seconds=max(CLAIM_SECONDS, 2 * timeout))
    clock = timezone.now if now is None else (lambda: now)
    counts = {"delivered": 0, "retrying": 0, "dead": 0, "skipped": 0}
    # A client whose receiver failed is not tried again in this pass, so an unreachable receiver
    # costs a pass one timeout, not one per waiting message; the other clients' messages go on.
    failing_clients = set()
    handled = 0
    while handled < limit:
        due = Message.objects.due(clock()).exclude(client_id__in=failing_clients).select_related("client")
        batch = list(due.order_by("id")[: limit - handled])
        if not batch:
            break
        for message in batch:
            handled += 1
            at = clock()
            claimed_until = at + lease
            # The claim: whoever's UPDATE changes the row sends the message. The attempt count
            # in the condition makes sure nobody tried it since we read it.
            claimed = (
                Message.objects.due(at)
                .filter(pk=message.pk, attempts=message.attempts)
                .update(claimed_until=claimed_until)
            )
            if not claimed:
                counts["skipped"] += 1
                continue
            outcome = _attempt(message, at, claimed_until, clock, timeout, max_attempts)
            counts[outcome] += 1
            if outcome != "delivered" and message.client.is_active and message.client.webhook_url:
                failing_clients.add(message.client_id)
                break  # read the due messages again, without this client's
    return counts


def _attempt(message, at, claimed_until, clock, timeout, max_attempts):
    client = message.client
    attempt = message.attempts + 1
    if not client.is_active or not client.webhook_url:
        # Retrying cannot help until someone changes the client; they then send it again.
        reason = (
            _("Not sent: the API client is inactive.")
            if not client.is_active
            else _("Not sent: the API client has no webhook address.")
        )
        _finish(message, claimed_until, at, attempt, Answer(None, "", reason, 0), dead=True)
        return "dead"
    body = message.body.encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        # Signed afresh at every attempt: the receiver refuses a signature older than five
        # minutes, and a retry is not a replay (it de-duplicates on the message id).
        SIGNATURE_HEADER: sign(client.webhook_secret, body),
        MESSAGE_ID_HEADER: str(message.pk),
        TOPIC_HEADER: message.topic,
        "User-Agent": USER_AGENT,
    }
    answer = post(client.webhook_url, body, headers, timeout)
    if answer.ok:
        _finish(message, claimed_until, at, attempt, answer, delivered_at=clock())
        return "delivered"
    if attempt >= max_attempts:
        _finish(message, claimed_until, at, attempt, answer, dead=True)
        log.warning(
            "outbox message %s to %s given up after %s attempts: %s",
            message.pk,
            client,
            attempt,
            answer.error,
        )
        return "dead"
    retry_at = clock() + timedelta(seconds=retry_delay(attempt))
    _finish(message, claimed_until, at, attempt, answer, retry_at=retry_at)
    return "retrying"


def _finish(message, claimed_until, at, attempt, answer, *, delivered_at=None, dead=False, retry_at=None):
    """Log the attempt and settle the message, both or neither."""
    if delivered_at:
        fields = {"state": MessageState.DELIVERED, "delivered_at": delivered_at, "last_error": ""}
    elif dead:
        fields = {"state": MessageState.DEAD, "last_error": answer.error}
    else:
        fields = {"next_attempt_at": retry_at, "last_error": answer.error}
    with transaction.atomic():
        Delivery.objects.create(
            message=message,
            attempt=attempt,
            at=at,
            duration_ms=answer.duration_ms,
            status_code=answer.status,
            response_excerpt=answer.excerpt,
            error=answer.error,
        )
        # Only while our claim holds: if it lapsed, another worker owns the message now.
        settled = Message.objects.filter(pk=message.pk, claimed_until=claimed_until).update(
            attempts=attempt, claimed_until=None, **fields
        )
    if not settled:
        log.warning("outbox message %s: the claim lapsed while it was being sent", message.pk)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would follow a 301/302/303 with a GET without the body and report that GET's
    # answer as the delivery. A receiver that moved must be given its new address instead.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass(frozen=True)
class Answer:
    """What came back from one POST."""

    status: int | None  # None: no answer at all
    excerpt: str  # the beginning of the answer's body
    error: str  # why the attempt failed, empty when it succeeded
    duration_ms: int

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300


def post(url, body, headers, timeout):
    """POST ``body`` (bytes) to ``url`` with ``headers``; never raises for a network failure."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    status, excerpt, error = None, "", ""
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=timeout) as response:
            status = response.status
            excerpt = _excerpt(response)
    except urllib.error.HTTPError as answer:
        status = answer.code
        excerpt = _excerpt(answer)
        if 300 <= answer.code < 400:
            error = _("The receiver redirected to %(url)s; change the webhook address instead.") % {
                "url": answer.headers.get("Location", "?")
            }
        else:
            error = _("The receiver answered HTTP %(status)s %(reason)s.") % {
                "status": answer.code,
                "reason": answer.reason,
            }
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as failure:
        reason = getattr(failure, "reason", failure)
        if isinstance(reason, TimeoutError):
            error = _("No answer within %(seconds)s seconds.") % {"seconds": f"{timeout:g}"}
        else:
            error = _("No answer: %(reason)s") % {"reason": reason}
    return Answer(status, excerpt, error, round((time.perf_counter() - started) * 1000))


def _excerpt(response):
    try:
        # Read a little more than is kept: multi-byte characters, and no unbounded answer in memory.
        return response.read(EXCERPT_LENGTH * 4).decode("utf-8", "replace")[:EXCERPT_LENGTH]
    except (OSError, http.client.HTTPException, ValueError):
        return ""


def resend(messages, now=None):
    """Send dead or delivered ``messages`` (a queryset or an iterable of messages) again, at once.

    Their attempt count starts again at zero; the delivery log keeps the earlier attempts.
    Messages still waiting are left as they are. Returns how many will be sent again.
    """
    ids = messages.values("pk") if isinstance(messages, QuerySet) else [message.pk for message in messages]
    return Message.objects.filter(pk__in=ids, state__in=[MessageState.DEAD, MessageState.DELIVERED]).update(
        state=MessageState.PENDING,
        attempts=0,
        next_attempt_at=now or timezone.now(),
        claimed_until=None,
        delivered_at=None,
    )


def deliver_forever(stop=None, interval=1.0, limit=100):
    """Run delivery passes until ``stop`` (a threading.Event) is set: the worker's outbox thread
    and ``deliver_outbox --loop``. A full pass is followed by the next at once; a failed pass is
    logged and the loop goes on."""
    stop = stop or threading.Event()
    while not stop.is_set():
        handled = 0
        close_old_connections()
        try:
            handled = sum(deliver_due(limit=limit).values())
        except Exception:
            log.exception("outbox delivery pass failed")
        finally:
            close_old_connections()
        if handled < limit:
            stop.wait(interval)
