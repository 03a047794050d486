"""The API clients behind Open311 keys, remembered per process for a few seconds.

Checking a key costs a query, as much as the rest of a request's reads together; a client
that files hundreds of requests a minute presents the same key each time. A process keeps
each key that passed for OPEN311_CLIENT_RECHECK_SECONDS and forgets them all as soon as it
saves or deletes an ApiClient itself, so a key switched off in the admin stops working at
once there and within those seconds in the other server processes. Keys that fail are never
kept: a new key works at once.
"""

import hashlib
import time

from django.conf import settings

from gridcity.clients.access import authenticate
from gridcity.clients.models import Scope

DEFAULT_RECHECK_SECONDS = 10

_known = {}  # SHA-256 of the key -> (ApiClient, time.monotonic() until which it is trusted)


def client_for(key):
    """The active client holding ``key`` with the open311 scope, or None."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    now = time.monotonic()
    known = _known.get(digest)
    if known is not None and now < known[1]:
        return known[0]
    client = authenticate(key, Scope.OPEN311)
    if client is None:
        _known.pop(digest, None)
        return None
    recheck = getattr(settings, "OPEN311_CLIENT_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS)
    _known[digest] = (client, now + recheck)
    return client


def forget(**kwargs):
    """Signal receiver (an ApiClient was saved or deleted), and for tests."""
    _known.clear()
