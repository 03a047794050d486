"""The same work order sent again finds the case made the first time and writes nothing."""

from gridcity.cases import workflow
from gridcity.cases.models import Case, Event
from gridcity.clients.models import ClientCase
from gridcity.outbox.models import Message

from .conftest import ORDERS_URL, ZONE_01, signed_post, work_order


def test_the_same_order_again_answers_200_with_the_same_case_and_writes_nothing(
    client, hotline, garbage_mapping
):
    first = signed_post(client, ORDERS_URL, work_order())
    counts = (
        Case.objects.count(),
        Event.objects.count(),
        ClientCase.objects.count(),
        Message.objects.count(),
    )

    # A retry after a lost answer is signed afresh; it may even differ in details.
    again = signed_post(client, ORDERS_URL, work_order(description="重复推送的同一工单"))

    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["case_number"] == first.json()["case_number"]
    assert again["Location"] == first["Location"]
    assert (
        Case.objects.count(),
        Event.objects.count(),
        ClientCase.objects.count(),
        Message.objects.count(),
    ) == counts
    assert Case.objects.get().description == "市民反映文化路与人民路路口有垃圾堆放，无人清理"


def test_an_order_number_recorded_by_the_command_center_is_refused(
    client, hotline, garbage_mapping, people, garbage
):
    # The acceptor typed in a 12345 phone order by hand, with its number, before the exchange ran.
    case = workflow.report(
        jurisdiction=hotline.jurisdiction,
        source="12345",
        minor_class=garbage,
        description="电话转来的工单",
        lon=ZONE_01[0],
        lat=ZONE_01[1],
        actor=people["acceptor"],
        external_id="GD20261124000123",
    )
    response = signed_post(client, ORDERS_URL, work_order())

    assert response.status_code == 409
    [error] = response.json()["errors"]
    assert error["code"] == "order_number_taken" and error["field"] == "order_number"
    assert case.number in error["description"]
    assert Case.objects.count() == 1
