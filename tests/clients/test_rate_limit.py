"""Each client may make rate_limit requests a minute; beyond that it is told how long to wait."""

from gridcity.clients.access import over_rate_limit

MINUTE = 1_796_000_000 // 60 * 60  # the start of some minute, in Unix seconds


def test_requests_beyond_the_limit_wait_for_the_next_minute(make_client):
    client, _key = make_client(rate_limit=3)
    assert [over_rate_limit(client, now=MINUTE + 10 + i) for i in range(3)] == [0, 0, 0]
    assert over_rate_limit(client, now=MINUTE + 20) == 40
    assert over_rate_limit(client, now=MINUTE + 59.5) == 1  # never "wait 0 seconds"
    assert over_rate_limit(client, now=MINUTE + 60) == 0


def test_each_client_has_its_own_count(make_client):
    busy, _ = make_client("部门系统", rate_limit=1)
    quiet, _ = make_client("12345热线平台", rate_limit=1)
    assert over_rate_limit(busy, now=MINUTE) == 0
    assert over_rate_limit(busy, now=MINUTE + 1) > 0
    assert over_rate_limit(quiet, now=MINUTE + 1) == 0


def test_with_redis_every_process_counts_together(make_client, settings):
    # The deployment's cache (GRIDCITY_CACHE_URL): a database of the local Redis of its own.
    import redis

    location = "redis://127.0.0.1:6379/13"
    redis.Redis.from_url(location).flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    client, _key = make_client(rate_limit=2)

    assert [over_rate_limit(client, now=MINUTE + 1), over_rate_limit(client, now=MINUTE + 2)] == [0, 0]
    assert over_rate_limit(client, now=MINUTE + 30) == 30
    counter = redis.Redis.from_url(location).get(f"api-rate:{client.pk}:{MINUTE // 60}")
    assert counter == b"3"  # in Redis, where another server process reads the same count
    assert over_rate_limit(client, now=MINUTE + 61) == 0
