from datetime import datetime

import pytest

from gridcity.worktime.calendar import SHANGHAI
from gridcity.worktime.selectors import forget_calendars


@pytest.fixture(autouse=True)
def _fresh_calendars():
    # A rolled-back test leaves no rows but would leave its calendar in the process cache,
    # and the next test's jurisdiction may get the same id.
    forget_calendars()
    yield
    forget_calendars()


def at(year, month, day, hour=0, minute=0, second=0):
    """An aware moment on the Shanghai wall clock."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)
