"""Batch mode (OPEN311_INTAKE = "batch"): a POST is checked and answered with a token at once, the
worker files the case a moment later, and the token then gives the request id."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from gridcity.cases.models import Case, Event, Source, State
from gridcity.catalog.models import MinorClass
from gridcity.clients.models import ClientCase
from gridcity.open311 import intake, schemas
from gridcity.open311.models import Intake, IntakeState
from tests.cases.conftest import photo

from .conftest import read


@pytest.fixture(autouse=True)
def _batch(settings):
    settings.OPEN311_INTAKE = "batch"


def test_services_say_batch(api, fmt, demo_county):
    answer = api.get("services", fmt, schemas.SERVICES)
    assert {service["type"] for service in answer.data} == {"batch"}


def test_a_request_is_answered_with_a_token_and_filed_by_the_worker(api, fmt, report, app, point, client):
    answer = api.post(fmt, report(first_name="伟", last_name="张", phone="13800000000"), schemas.ACCEPTED)

    assert answer.status == 200
    (accepted,) = answer.data
    token = accepted["token"]
    assert not Case.objects.exists()  # nothing filed yet: the POST wrote one row
    waiting = client.get(f"/open311/v2/tokens/{token}.{fmt}")
    assert read(waiting, fmt, schemas.ACCEPTED) == [{"token": token}]

    received_at = Intake.objects.get(token=token).received_at
    assert intake.file_waiting(now=received_at + timedelta(seconds=1)) == {"filed": 1, "refused": 0}

    case = Case.objects.get()
    assert (case.state, case.source, case.reporter_name, case.reporter_phone) == (
        State.REPORTED,
        Source.PUBLIC,
        "张伟",
        "13800000000",
    )
    assert (case.lat, case.lon) == point
    assert case.reported_at == received_at  # deadlines run from when the request came in
    assert ClientCase.objects.get(case=case).client == app
    assert Event.objects.get(case=case).data["token"] == token
    filed = client.get(f"/open311/v2/tokens/{token}.{fmt}")
    assert read(filed, fmt, schemas.TOKENS) == [{"service_request_id": case.number, "token": token}]
    shown = client.get(f"/open311/v2/requests/{case.number}.{fmt}")
    assert read(shown, fmt, schemas.SERVICE_REQUESTS)[0]["status"] == "open"


def test_a_wrong_request_is_still_refused_at_once_and_nothing_is_kept(api, fmt, report):
    outside = api.post(fmt, report(lat="36.5", long="117.0"), schemas.ACCEPTED)
    unknown = api.post(fmt, report(service_code="E9999"), schemas.ACCEPTED)
    missing = api.post(fmt, report(**{"attribute[amount]": None}), schemas.ACCEPTED)

    assert outside.status == 400
    assert unknown.status == 404
    assert missing.status == 400
    assert not Intake.objects.exists()


def test_a_request_that_can_no_longer_be_filed_says_why_through_its_token(api, report, client):
    token = api.post("json", report(), schemas.ACCEPTED).data[0]["token"]
    MinorClass.objects.filter(major__kind="event", major__code="01", code="02").update(is_active=False)

    assert intake.file_waiting(now=timezone.now() + timedelta(seconds=1)) == {"filed": 0, "refused": 1}

    assert Intake.objects.get(token=token).state == IntakeState.REFUSED
    answer = client.get(f"/open311/v2/tokens/{token}.json")
    assert answer.status_code == 400
    assert token in answer.json()[0]["description"]
    assert not Case.objects.exists()


def test_a_request_is_filed_once_even_when_two_passes_run(api, report):
    api.post("json", report(), schemas.ACCEPTED)
    now = timezone.now() + timedelta(seconds=1)

    first = intake.file_waiting(now=now)
    second = intake.file_waiting(now=now)

    assert first == {"filed": 1, "refused": 0}
    assert second == {"filed": 0, "refused": 0}
    assert Case.objects.count() == 1


def test_a_request_with_a_photo_is_filed_at_once(api, report):
    answer = api.post("json", report(media=photo("垃圾.jpg")), schemas.CREATED)

    assert answer.status == 200
    assert Case.objects.filter(number=answer.data[0]["service_request_id"]).exists()
    assert not Intake.objects.exists()


def test_the_worker_files_waiting_requests(api, report):
    api.post("json", report(), schemas.ACCEPTED)

    call_command("file_open311_requests")

    assert Case.objects.count() == 1
    assert Intake.objects.get().state == IntakeState.FILED


def test_the_worker_threads_share_the_waiting_requests_without_overlap(api, report):
    for _ in range(4):
        api.post("json", report(), schemas.ACCEPTED)
    now = timezone.now() + timedelta(seconds=1)

    first = intake.file_waiting(now=now, shard=(0, 2))
    second = intake.file_waiting(now=now, shard=(1, 2))

    assert first["filed"] + second["filed"] == 4
    assert first["filed"] and second["filed"]  # consecutive ids: each thread took its half
    assert Case.objects.count() == 4
    assert not Intake.objects.filter(state=IntakeState.WAITING).exists()
