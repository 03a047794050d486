"""POST requests: a client files a case, which enters the cycle like any other report."""

from gridcity.cases.models import Case, Event, Source, State
from gridcity.clients.models import ClientCase


def test_a_request_becomes_a_reported_case_of_the_clients_source(api, fmt, report, app, point):
    answer = api.post(
        fmt, report(first_name="伟", last_name="张", phone="13800000000", email="zw@example.cn")
    )

    assert answer.status == 200
    (created,) = answer.data
    case = Case.objects.get(number=created["service_request_id"])
    assert case.state == State.REPORTED
    assert case.source == Source.PUBLIC
    assert case.jurisdiction == app.jurisdiction
    assert case.minor_class.name == "暴露垃圾"
    assert (case.lat, case.lon) == point
    assert case.description == "小区门口堆了几袋生活垃圾"
    assert (case.reporter, case.reporter_name, case.reporter_phone) == (None, "张伟", "13800000000")
    assert ClientCase.objects.get(case=case).client == app
    assert case.number in created["service_notice"]


def test_what_has_no_field_of_its_own_goes_into_the_report_event(api, fmt, report, app):
    answer = api.post(
        fmt,
        {
            **report(email="zw@example.cn", device_id="android-7f3a", account_id="u-118"),
            "media_url": "https://app.example.cn/photos/118.jpg",
            "attribute[kinds][]": ["household", "bulky"],
        },
    )

    event = Event.objects.get(case__number=answer.data[0]["service_request_id"], type="case.reported")
    assert event.actor is None
    assert event.data == {
        "client": app.pk,
        "channel": "open311",
        "email": "zw@example.cn",
        "device_id": "android-7f3a",
        "account_id": "u-118",
        "media_url": "https://app.example.cn/photos/118.jpg",
        "attributes": {"amount": "bags", "kinds": ["household", "bulky"]},
    }
    assert answer.data[0]["account_id"] == "u-118"


def test_without_a_description_the_class_name_describes_the_case(api, fmt, report):
    answer = api.post(fmt, report(description=""))

    assert Case.objects.get(number=answer.data[0]["service_request_id"]).description == "暴露垃圾"


def test_a_latin_name_keeps_its_order(api, fmt, report):
    answer = api.post(fmt, report(first_name="John", last_name="Smith"))

    assert Case.objects.get(number=answer.data[0]["service_request_id"]).reporter_name == "John Smith"


def test_key_and_jurisdiction_may_come_in_the_query_string(api, fmt, report, key, demo_county):
    body = report(api_key=None)

    answer = api.post(fmt, body, QUERY_STRING=f"api_key={key}&jurisdiction_id={demo_county.code}")

    assert answer.status == 200
    assert Case.objects.filter(number=answer.data[0]["service_request_id"]).exists()


def test_attributes_of_every_datatype_are_kept(api, fmt, key, point, attributes):
    answer = api.post(
        fmt,
        {
            "api_key": key,
            "service_code": "e0504",  # codes are read in any letter case
            "lat": point[0],
            "long": point[1],
            "attribute[shop_name]": "老王烧烤",
            "attribute[width]": "2.5",
            "attribute[seen_at]": "2026-05-01T18:30:00+08:00",
            "attribute[notice]": "ignored: nothing is asked",
        },
    )

    assert answer.status == 200
    event = Event.objects.get(case__number=answer.data[0]["service_request_id"], type="case.reported")
    assert event.data["attributes"] == {
        "shop_name": "老王烧烤",
        "width": "2.5",
        "seen_at": "2026-05-01T18:30:00+08:00",
    }
    assert event.case.minor_class.name == "店外经营"


def test_filing_a_request_costs_a_fixed_number_of_queries(
    api, report, settings, django_assert_num_queries, django_assert_max_num_queries
):
    # As in production, the grid layer and the calendar are cached between requests.
    settings.GRID_INDEX_RECHECK_SECONDS = settings.WORKTIME_CALENDAR_RECHECK_SECONDS = 60
    api.post("json", report())  # the services are cached from here on
    many = {"attribute[kinds][]": ["household", "construction", "greenery", "bulky"]}

    # Nothing but the report itself: the day's number, the case, its text, its event, the command
    # center's notifications (2), the client link, and the test transaction's savepoint (2).
    # The key, the service and its attributes come from the process's memory.
    with django_assert_max_num_queries(9) as few:
        answer = api.post("json", report())
    with django_assert_num_queries(len(few.captured_queries)):
        answered = api.post("json", report(**many))  # more attributes, no more queries

    assert answer.status == answered.status == 200
