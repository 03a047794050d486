"""GET servicerequestupdates (mySociety's extension): what happened to the county's cases."""

from datetime import timedelta

from django.utils import timezone

from gridcity.cases import workflow
from gridcity.open311 import schemas


def updates(api, fmt, params=None, **headers):
    answer = api.get("servicerequestupdates", fmt, schemas.REQUEST_UPDATES, params, **headers)
    assert answer.status == 200, answer.data
    return answer.data


def test_the_feed_lists_every_event_in_order(api, fmt, reported, cycle, people, units):
    case = reported()
    workflow.file(case, actor=people["shiftleader"])
    workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"], note="先联系物业")

    feed = updates(api, fmt)

    events = list(case.events.order_by("at", "pk"))
    assert [u["update_id"] for u in feed] == [str(e.pk) for e in events]
    assert {u["service_request_id"] for u in feed} == {case.number}
    assert [u["status"] for u in feed] == ["open", "open", "open"]
    assert "派遣至单位" in feed[2]["description"]  # what happened
    assert "已派遣待签收" in feed[2]["description"]  # the state it left the case in
    assert feed[2]["external_status_code"] == "dispatched"
    assert all("先联系物业" not in u["description"] for u in feed)  # internal notes stay inside
    assert feed[2]["updated_datetime"] == timezone.localtime(events[2].at).isoformat(timespec="seconds")


def test_the_closing_event_closes_the_request(api, fmt, reported, cycle, people):
    case = reported()
    cycle["checked"](case)
    workflow.close(case, actor=people["shiftleader"])

    feed = updates(api, fmt, HTTP_ACCEPT_LANGUAGE="en")

    assert feed[-1]["status"] == "closed"
    assert feed[-1]["description"] == "Case closed. Now: Closed."
    assert {u["status"] for u in feed[:-1]} == {"open"}


def test_by_default_the_last_24_hours(api, fmt, reported):
    now = timezone.now()
    old = reported(at=now - timedelta(days=2))
    new = reported(at=now - timedelta(hours=1))

    assert [u["service_request_id"] for u in updates(api, fmt)] == [new.number]
    since = timezone.localtime(now - timedelta(days=3)).isoformat()
    assert [u["service_request_id"] for u in updates(api, fmt, {"start_date": since})] == [
        old.number,
        new.number,
    ]


def test_pages_of_the_feed(api, fmt, reported):
    cases = [reported() for _ in range(3)]

    assert [u["service_request_id"] for u in updates(api, fmt, {"page": "2", "page_size": "2"})] == [
        cases[2].number
    ]


def test_a_window_over_90_days_is_refused(api, fmt, demo_county):
    answer = api.get(
        "servicerequestupdates",
        fmt,
        schemas.REQUEST_UPDATES,
        {"start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-06-01T00:00:00+08:00"},
    )

    assert answer.status == 400
    assert "90" in answer.messages[0]


def test_the_feed_costs_one_query(api, reported, cycle, django_assert_num_queries):
    cycle["dispatch"](reported())
    api.get("servicerequestupdates", "json", schemas.REQUEST_UPDATES)

    with django_assert_num_queries(1):
        answer = api.get("servicerequestupdates", "json", schemas.REQUEST_UPDATES)

    assert len(answer.data) == 3
