"""Who is calling: API keys, scopes and rate limits.

A key looks like ``gc_<prefix>_<secret>``. The prefix finds the client's row; the SHA-256 of the
whole key must match what is stored. The plain key is shown once, when it is made.
"""

import functools
import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache

from .models import ApiClient

KEY_PREFIX_LENGTH = 8


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def issue_key(client, *, key=None):
    """Give ``client`` a new key (replacing any earlier one) and return it; only its hash is kept.

    ``key`` lets the demo county use a key that is printed in its README; everywhere else the
    key is random.
    """
    key = key or f"gc_{secrets.token_hex(KEY_PREFIX_LENGTH // 2)}_{secrets.token_urlsafe(24)}"
    prefix = parse_prefix(key)
    if prefix is None:
        raise ValueError("a key looks like gc_<8 characters>_<secret>")
    client.key_prefix = prefix
    client.key_hash = _hash(key)
    if not client.webhook_secret:
        client.webhook_secret = secrets.token_hex(32)
    client.save()
    return key


def parse_prefix(key):
    parts = key.split("_", 2) if isinstance(key, str) else []
    if len(parts) != 3 or parts[0] != "gc" or len(parts[1]) != KEY_PREFIX_LENGTH or not parts[2]:
        return None
    return parts[1]


def authenticate(key, scope):
    """The active client holding ``key`` with ``scope``, or None."""
    prefix = parse_prefix(key)
    if prefix is None:
        return None
    client = (
        ApiClient.objects.select_related("jurisdiction").filter(key_prefix=prefix, is_active=True).first()
    )
    if client is None or not hmac.compare_digest(client.key_hash, _hash(key)):
        return None
    return client if client.has_scope(scope) else None


def over_rate_limit(client, now=None):
    """Seconds until ``client`` may call again when it used up this minute's requests, else 0.

    A fixed one-minute window. With Redis as the cache (GRIDCITY_CACHE_URL) the count is shared
    by every server process; with the default in-process cache each process counts alone.
    """
    now = time.time() if now is None else now
    minute = int(now // 60)
    counter = f"api-rate:{client.pk}:{minute}"
    redis = _redis(settings.CACHES["default"]["BACKEND"], settings.CACHES["default"].get("LOCATION"))
    if redis is not None:
        # One round trip. Django's cache API would take three here (add; incr checks that the
        # key exists first), each through a new client object: a quarter of an Open311 POST.
        pipeline = redis.pipeline(transaction=False)
        pipeline.incr(counter)
        pipeline.expire(counter, 90)
        used = pipeline.execute()[0]
    else:
        cache.add(counter, 0, timeout=90)
        try:
            used = cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.add(counter, 1, timeout=90)
            used = 1
    if used > client.rate_limit:
        return max(1, int((minute + 1) * 60 - now))
    return 0


@functools.cache
def _redis(backend, location):
    """A Redis client of the cache's server, made once per process; None for another cache."""
    if backend != "django.core.cache.backends.redis.RedisCache":
        return None
    import redis

    return redis.Redis.from_url(location if isinstance(location, str) else location[0])
