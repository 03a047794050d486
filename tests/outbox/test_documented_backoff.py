"""The retry table of docs/webhooks.md is the one the code follows."""

import re

from gridcity.outbox.delivery import DEFAULT_MAX_ATTEMPTS, retry_delay

from .conftest import DOCS


def test_the_documented_retry_table_matches_the_backoff():
    rows = re.findall(
        r"^\| +(\d+) \| (\d+):(\d\d):(\d\d) \| ([^|]+)\|$", DOCS.read_text(encoding="utf-8"), re.M
    )
    assert [int(row[0]) for row in rows] == list(range(1, DEFAULT_MAX_ATTEMPTS + 1))
    elapsed = 0
    for attempt, hours, minutes, seconds, wait in rows:
        assert int(hours) * 3600 + int(minutes) * 60 + int(seconds) == elapsed, attempt
        if int(attempt) == DEFAULT_MAX_ATTEMPTS:
            assert "given up" in wait
            break
        delay = retry_delay(int(attempt))
        expected = (
            f"{delay} s" if delay < 60 else f"{delay // 60} min" if delay < 3600 else f"{delay // 3600} h"
        )
        assert wait.strip() == expected, attempt
        elapsed += delay
