"""GET requests: the county's cases as service requests, open or closed, newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gridcity.cases import workflow
from gridcity.cases.models import Case
from gridcity.open311 import schemas


@pytest.fixture
def filed(api, report):
    """A function filing a request through POST; returns its Case."""

    def post(**changes):
        answer = api.post("json", report(**changes))
        assert answer.status == 200, answer.data
        return Case.objects.get(number=answer.data[0]["service_request_id"])

    return post


def listed(api, fmt, params=None, **headers):
    answer = api.get("requests", fmt, schemas.SERVICE_REQUESTS, params, **headers)
    assert answer.status == 200, answer.data
    return answer.data


def test_a_dispatched_request_shows_the_unit_and_when_it_is_due(api, fmt, filed, cycle, units):
    case = filed(first_name="伟", last_name="张", phone="13800000000", email="zw@example.cn")
    cycle["dispatch"](case)

    (record,) = listed(api, fmt)

    assert record["service_request_id"] == case.number
    assert record["status"] == "open"
    assert record["status_notes"] == "已派遣待签收"
    assert record["agency_responsible"] == units["urban-management"].name
    assert record["expected_datetime"] == timezone.localtime(case.disposal_due_at).isoformat(
        timespec="seconds"
    )
    assert record["expected_datetime"].endswith("+08:00")
    assert (record["service_code"], record["service_name"]) == ("E0102", "暴露垃圾")
    assert (record["lat"], record["long"]) == (case.lat, case.lon)
    assert record["description"] == "小区门口堆了几袋生活垃圾"
    dispatched_at = case.events.get(type="case.dispatched").at
    assert record["updated_datetime"] == timezone.localtime(dispatched_at).isoformat(timespec="seconds")


def test_the_reporter_is_never_shown(api, client, fmt, filed):
    filed(first_name="伟", last_name="张", phone="13800000000", email="zw@example.cn", device_id="dev-1")

    content = client.get(f"/open311/v2/requests.{fmt}").content.decode()

    for private in ("张伟", "13800000000", "zw@example.cn", "dev-1"):
        assert private not in content


def test_a_closed_case_is_closed_when_it_was_closed(api, fmt, reported, cycle, people):
    case = reported()
    cycle["checked"](case)
    workflow.close(case, actor=people["shiftleader"])

    (record,) = listed(api, fmt)

    assert record["status"] == "closed"
    assert record["status_notes"] == "已结案"
    assert record["updated_datetime"] == timezone.localtime(case.closed_at).isoformat(timespec="seconds")


def test_the_state_is_told_in_the_clients_language(api, fmt, reported):
    reported()

    (record,) = listed(api, fmt, HTTP_ACCEPT_LANGUAGE="en")

    assert record["status_notes"] == "Reported"


def test_a_media_url_sent_with_the_request_is_shown_back(api, fmt, filed, reported):
    filed(media_url="https://app.example.cn/p/1.jpg")
    reported()  # a collector's case: its photos are behind the console's login

    records = listed(api, fmt)

    assert [r["media_url"] for r in records] == ["", "https://app.example.cn/p/1.jpg"]


def test_newest_first_and_only_the_last_90_days_by_default(api, fmt, reported):
    now = timezone.now()
    old = reported(at=now - timedelta(days=91))
    older_recent = reported(at=now - timedelta(days=89))
    newest = reported(at=now - timedelta(minutes=5))

    numbers = [r["service_request_id"] for r in listed(api, fmt)]

    assert numbers == [newest.number, older_recent.number]
    assert old.number not in numbers


def test_filters_by_date_status_and_service(api, fmt, reported, cycle, people, manhole):
    now = timezone.now()
    garbage = reported(at=now - timedelta(days=3))
    cover = reported(at=now - timedelta(days=2), minor_class=manhole)
    done = reported(at=now - timedelta(days=1))
    cycle["checked"](done)
    workflow.close(done, actor=people["shiftleader"])

    def numbers(**params):
        return {r["service_request_id"] for r in listed(api, fmt, params)}

    assert numbers(status="closed") == {done.number}
    assert numbers(status="open") == {garbage.number, cover.number}
    assert numbers(status="open,closed") == {garbage.number, cover.number, done.number}
    assert numbers(service_code="C0102") == {cover.number}
    assert numbers(service_code="C0102,E0102", status="open") == {garbage.number, cover.number}
    day_before = timezone.localtime(now - timedelta(days=2, hours=12)).isoformat()
    assert numbers(start_date=day_before) == {cover.number, done.number}
    assert numbers(end_date=day_before) == {garbage.number}
    # Empty parameters are no parameters.
    assert numbers(status="", service_code="", start_date="") == {garbage.number, cover.number, done.number}


def test_service_request_id_overrides_every_other_filter(api, fmt, reported):
    first, _second, third = reported(), reported(), reported()

    records = listed(
        api, fmt, {"service_request_id": f"{first.number}, {third.number},nope", "status": "closed"}
    )

    assert {r["service_request_id"] for r in records} == {first.number, third.number}


def test_pages(api, fmt, reported):
    now = timezone.now()
    cases = [reported(at=now - timedelta(hours=hours)) for hours in range(5)]

    page_two = listed(api, fmt, {"page": "2", "page_size": "2"})
    page_three = listed(api, fmt, {"page": "3", "page_size": "2"})

    assert [r["service_request_id"] for r in page_two] == [cases[2].number, cases[3].number]
    assert [r["service_request_id"] for r in page_three] == [cases[4].number]


def test_a_plus_left_unencoded_in_a_date_is_understood(api, fmt, reported):
    case = reported()
    start = timezone.localtime(case.reported_at - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+08:00")

    answer = api.get("requests", fmt, schemas.SERVICE_REQUESTS, QUERY_STRING=f"start_date={start}")

    assert [r["service_request_id"] for r in answer.data] == [case.number]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"start_date": "last tuesday"}, "start_date"),
        ({"end_date": "2026-13-45T00:00:00Z"}, "end_date"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"}, "90"),
        ({"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"}, "end_date"),
        ({"status": "fixed"}, "status"),
        ({"page_size": "1001"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"service_code": "E0102,Z9999"}, "Z9999"),
    ],
)
def test_bad_parameters_are_refused(api, fmt, demo_county, params, named):
    answer = api.get("requests", fmt, schemas.SERVICE_REQUESTS, params)

    assert answer.status == 400
    assert named in answer.messages[0]


def test_a_page_costs_one_query_however_long(api, reported, cycle, django_assert_num_queries):
    for _ in range(3):
        cycle["dispatch"](reported())
    api.get("requests", "json", schemas.SERVICE_REQUESTS)  # the services are cached from here on

    with django_assert_num_queries(1):
        answer = api.get("requests", "json", schemas.SERVICE_REQUESTS)

    assert len(answer.data) == 3


def test_a_date_alone_means_that_whole_day(api, fmt, reported):
    case = reported()
    today = timezone.localdate(case.reported_at)

    def numbers(**params):
        return [r["service_request_id"] for r in listed(api, fmt, params)]

    assert numbers(start_date=str(today), end_date=str(today)) == [case.number]
    assert numbers(end_date=str(today - timedelta(days=1))) == []
    assert numbers(start_date=str(today + timedelta(days=1))) == []
    assert numbers(service_code="e0102") == [case.number]
