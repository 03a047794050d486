"""Signed messages between gridcity and another system (the 12345 hotline exchange).

The signature header reads ``t=<unix seconds>,v1=<hex>``, where the hex is the HMAC-SHA256,
under the client's signing secret, of the timestamp, a dot and the raw body. The receiver
refuses a timestamp more than five minutes off its clock and a signature it has already
accepted, so a captured request cannot be sent again.
"""

import hashlib
import hmac
import time
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SeenSignature

SIGNATURE_HEADER = "X-Gridcity-Signature"
TOLERANCE = 300  # seconds


class BadSignature(Exception):
    """The message is not signed, wrongly signed, too old or already seen; the text says which."""


class Replayed(BadSignature):
    """The signature is right but was already accepted once: the same request sent again."""


def sign(secret, body, timestamp=None):
    """The signature header value for ``body`` (bytes) at ``timestamp`` (now by default)."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={timestamp},v1={_digest(secret, body, timestamp)}"


def _digest(secret, body, timestamp):
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def check_signature(client, body, header, now=None):
    """Accept a message from ``client`` once: raises BadSignature, or records the signature."""
    now = time.time() if now is None else now
    fields = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        raise BadSignature(
            _("The request must carry a %(header)s header “t=<unix time>,v1=<HMAC-SHA256>”.")
            % {"header": SIGNATURE_HEADER}
        ) from None
    if abs(now - timestamp) > TOLERANCE:
        raise BadSignature(
            _("The signature's time is more than %(seconds)s seconds away from ours.")
            % {"seconds": TOLERANCE}
        )
    if not hmac.compare_digest(given, _digest(client.webhook_secret, body, timestamp)):
        raise BadSignature(_("The signature does not match the body."))
    try:
        with transaction.atomic():
            SeenSignature.objects.create(client=client, signature=given, seen_at=timezone.now())
    except IntegrityError:
        raise Replayed(_("This request was already received once (replay).")) from None


def forget_old_signatures(now=None):
    """Delete the signatures that can no longer pass the time check; returns how many."""
    now = now or timezone.now()
    deleted, _rows = SeenSignature.objects.filter(seen_at__lt=now - timedelta(seconds=2 * TOLERANCE)).delete()
    return deleted
