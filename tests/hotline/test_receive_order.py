"""A work order transferred by 12345 becomes a case of the county."""

from gridcity.cases.models import Case, Source, State
from gridcity.clients.models import ClientCase
from gridcity.hotline.models import ClassMapping

from .conftest import ORDERS_URL, signed_post, work_order


def test_a_transferred_order_becomes_a_reported_case_with_the_citizens_data(
    client, hotline, garbage_mapping, garbage
):
    response = signed_post(client, ORDERS_URL, work_order())

    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get()
    assert body["case_number"] == case.number and body["order_number"] == "GD20261124000123"
    assert body["state"] == "reported" and body["status"] == "open" and body["state_label"] == "待受理"
    assert response["Location"] == "/hotline/v1/orders/GD20261124000123"
    assert case.source == Source.HOTLINE_12345 and case.external_id == "GD20261124000123"
    assert case.minor_class == garbage and case.state == State.REPORTED
    assert case.grid.code == "371327001001002"
    assert (case.reporter_name, case.reporter_phone, case.reporter_id) == ("王女士", "13800001234", None)
    assert case.address == "莒南县文化路与人民路交叉口东北角"
    details = case.events.get(type="case.reported").data
    assert details == {
        "client": hotline.pk,
        "channel": "hotline",
        "handling_mode": "transfer",
        "category": {"code": "0301", "name": "市容环境-垃圾"},
        "class_code": "",
        "received_at": "2026-11-24T08:55:00+08:00",
        "photos": ["https://12345.example.cn/files/GD20261124000123/1.jpg"],
    }
    assert ClientCase.objects.get(case=case).client == hotline
    # Photos are addresses only: nothing was downloaded or attached.
    assert not case.attachments.exists()


def test_our_own_class_code_can_be_given_instead_of_12345s_class(client, hotline, manhole):
    order = work_order(class_code="C0102")
    del order["category"]
    response = signed_post(client, ORDERS_URL, order)
    assert response.status_code == 201
    assert Case.objects.get().minor_class == manhole


def test_the_clients_own_mapping_wins_over_the_countys(client, hotline, garbage_mapping, manhole):
    ClassMapping.objects.create(
        jurisdiction=hotline.jurisdiction, client=hotline, hotline_code="0301", minor_class=manhole
    )
    assert signed_post(client, ORDERS_URL, work_order()).status_code == 201
    assert Case.objects.get().minor_class == manhole


def test_a_supervised_order_is_urgent(client, hotline, garbage_mapping):
    response = signed_post(client, ORDERS_URL, work_order(handling_mode="supervise"))
    assert response.status_code == 201 and response.json()["urgent"] is True
    assert Case.objects.get().urgent


def test_a_recheck_order_names_the_case_of_the_order_it_follows(client, hotline, garbage_mapping):
    first = signed_post(client, ORDERS_URL, work_order()).json()
    response = signed_post(
        client,
        ORDERS_URL,
        work_order(
            order_number="GD20261130000456",
            handling_mode="recheck",
            original_order_number="GD20261124000123",
        ),
    )
    assert response.status_code == 201
    recheck = Case.objects.get(external_id="GD20261130000456")
    details = recheck.events.get(type="case.reported").data
    assert details["handling_mode"] == "recheck"
    assert details["original_order_number"] == "GD20261124000123"
    assert details["recheck_of"] == first["case_number"]
