"""A queue page costs the same number of queries for 2 cases as for 12: nothing is read per row."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gridcity.cases import workflow
from gridcity.cases.models import Source
from gridcity.worktime.selectors import forget_calendars
from tests.cases.conftest import ZONE_01, local

NOW = local(2026, 11, 24, 10, 0)
# The most a queue page may cost: session, person, roles, the page's own reads, the unread count.
BUDGET = 12


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def cached_calendar(settings):
    # As in production, the working calendar is read once per process, not once per row.
    settings.WORKTIME_CALENDAR_RECHECK_SECONDS = 60
    yield
    forget_calendars()


def queries(client, url):
    forget_calendars()  # cold every time: both measurements read the calendar once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["rows"])


def spread(i):
    """Positions a little apart (about 10 m steps), so some rows have possible duplicates."""
    return {"lon": ZONE_01[0] + 0.0001 * (i % 4), "lat": ZONE_01[1] + 0.0001 * (i // 4)}


def grows_not(client, person, url, make):
    client.force_login(person)
    make(2)
    few, shown = queries(client, url)
    assert shown == 2
    make(10)
    many, shown = queries(client, url)
    assert shown == 12
    assert many == few, f"{url}: {few} queries for 2 rows, {many} for 12"
    assert many <= BUDGET


def test_the_acceptance_desk(client, people, reported):
    def make(n):
        for i in range(n):
            reported(source=Source.HOTLINE_12345, actor=people["acceptor"], **spread(i))

    grows_not(client, people["acceptor"], "/queue/acceptance/", make)


def test_the_collectors_tasks_and_reports(client, people, reported, cycle):
    def make(n):
        for i in range(n):
            case = reported(**spread(i))
            if i % 2:
                workflow.request_verification(case, actor=people["acceptor"])
            else:
                cycle["feedback"](case)

    grows_not(client, people["collector01"], "/queue/collector/", make)
    assert queries(client, "/queue/collector/?show=reports")[1] == 12


def test_the_dispatch_desk(client, people, reported, cycle):
    def make(n):
        for i in range(n):
            case = reported(**spread(i))
            if i % 2:
                cycle["file"](case)
            else:
                cycle["sign"](case)
                workflow.request_extension(case, actor=people["handler"], amount=1, reason="材料未到")

    grows_not(client, people["dispatcher"], "/queue/dispatch/", make)


def test_the_unit_inbox(client, people, reported, cycle):
    def make(n):
        for i in range(n):
            case = reported(**spread(i))
            (cycle["dispatch"] if i % 2 else cycle["sign"])(case)

    grows_not(client, people["handler"], "/queue/unit/", make)


def test_the_overview(client, people, reported, cycle, clock):
    def make(n):
        for i in range(n):
            case = reported(**spread(i), at=local(2026, 11, 20, 9, i))
            if i % 2:
                cycle["dispatch"](case, at=local(2026, 11, 20, 10, i))

    grows_not(client, people["leader01"], "/queue/overview/", make)
