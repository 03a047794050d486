"""Every wrong request is answered with the documented status and error code, and writes nothing."""

import json
import time

import pytest
import time_machine

from gridcity.cases.models import Case, Event
from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient, SeenSignature
from gridcity.clients.signing import sign
from gridcity.outbox.models import Message

from .conftest import HOTLINE_SECRET, ORDERS_URL, local, signed_post, work_order


def _without(field):
    order = work_order()
    del order[field]
    return order


@pytest.fixture
def open311_only_key(demo_county):
    client = ApiClient(name="公众上报应用", jurisdiction=demo_county, source="public", scopes=["open311"])
    return issue_key(client, key="gc_pub00001_key-of-an-open311-only-client")


# (name, how to send, status, code, field)
REFUSALS = [
    ("no key", {"key": None}, 401, "missing_key", "Authorization"),
    ("wrong key", {"key": "gc_hot12345_not-the-right-secret-part"}, 401, "invalid_key", "Authorization"),
    ("unsigned", {"secret": None}, 401, "signature_missing", "X-Gridcity-Signature"),
    (
        "wrong signature",
        {"secret": "somebody-elses-secret"},
        401,
        "signature_invalid",
        "X-Gridcity-Signature",
    ),
    ("stale timestamp", {"timestamp": "stale"}, 401, "signature_invalid", "X-Gridcity-Signature"),
    ("malformed JSON", {"raw": b'{"order_number": "GD1",'}, 400, "malformed_json", ""),
    ("not an object", {"raw": b'["GD1"]'}, 400, "invalid_type", ""),
    ("NaN", {"raw": b'{"order_number": "GD1", "lon": NaN}'}, 400, "malformed_json", ""),
    ("NUL character", {"payload": work_order(description="垃圾\u0000")}, 400, "invalid_character", ""),
    ("missing order number", {"payload": _without("order_number")}, 400, "required", "order_number"),
    (
        "order number with a slash",
        {"payload": work_order(order_number="GD/1")},
        400,
        "invalid",
        "order_number",
    ),
    ("coordinate as text", {"payload": work_order(lon="118.79")}, 400, "invalid_type", "lon"),
    ("urgent as text", {"payload": work_order(urgent="yes")}, 400, "invalid_type", "urgent"),
    ("no class at all", {"payload": _without("category")}, 400, "required", "category"),
    (
        "unknown 12345 class",
        {"payload": work_order(category={"code": "9999"})},
        400,
        "unknown_category",
        "category.code",
    ),
    ("unknown class code", {"payload": work_order(class_code="E9999")}, 400, "unknown_class", "class_code"),
    ("point outside the county", {"payload": work_order(lon=116.4, lat=39.9)}, 400, "outside_area", "lon"),
    (
        "photo over http",
        {"payload": work_order(photos=["http://a.example/1.jpg"])},
        400,
        "invalid",
        "photos[0]",
    ),
    ("unknown field", {"payload": work_order(citizen="王女士")}, 400, "unknown_field", "citizen"),
    ("bad time", {"payload": work_order(received_at="昨天上午")}, 400, "invalid", "received_at"),
    ("too large", {"payload": work_order(extra={"blob": "x" * (1024 * 1024)})}, 413, "too_large", ""),
    (
        "form instead of JSON",
        {"content_type": "application/x-www-form-urlencoded"},
        415,
        "unsupported_media_type",
        "Content-Type",
    ),
]


@pytest.mark.parametrize(
    ("how", "status", "code", "field"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_a_wrong_request_is_refused_clearly_and_writes_nothing(
    client, hotline, garbage_mapping, how, status, code, field
):
    how = dict(how)
    if how.get("timestamp") == "stale":
        how["timestamp"] = time.time() - 600
    payload = how.pop("payload", work_order())
    response = signed_post(client, ORDERS_URL, payload, **how)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert (errors[0]["code"], errors[0]["field"]) == (code, field)
    assert errors[0]["description"]
    assert not Case.objects.exists() and not Event.objects.exists()
    assert not SeenSignature.objects.exists() and not Message.objects.exists()


def test_every_problem_of_an_order_is_listed_at_once(client, hotline):
    response = signed_post(client, ORDERS_URL, {"order_number": "", "lon": "east", "lat": 99, "urgent": 1})
    assert response.status_code == 400
    fields = {error["field"]: error["code"] for error in response.json()["errors"]}
    assert fields == {
        "order_number": "required",
        "category": "required",
        "description": "required",
        "lon": "invalid_type",
        "lat": "out_of_range",
        "urgent": "invalid_type",
    }


def test_a_key_without_the_hotline_scope_is_forbidden(client, hotline, open311_only_key):
    response = signed_post(client, ORDERS_URL, work_order(), key=open311_only_key)
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "scope_missing"
    assert not Case.objects.exists()


def test_a_replayed_request_is_refused_after_the_first_was_accepted(client, hotline, garbage_mapping):
    body = json.dumps(work_order()).encode()
    signature = sign(HOTLINE_SECRET, body)
    first = signed_post(client, ORDERS_URL, raw=body, HTTP_X_GRIDCITY_SIGNATURE=signature)
    replay = signed_post(client, ORDERS_URL, raw=body, HTTP_X_GRIDCITY_SIGNATURE=signature)

    assert first.status_code == 201
    assert replay.status_code == 409
    assert replay.json()["errors"][0]["code"] == "replayed"
    assert Case.objects.count() == 1 and Event.objects.count() == 1


def test_a_corrected_request_may_be_sent_again_after_a_refusal(client, hotline, garbage_mapping):
    # The refusal wrote nothing, not even the signature: the same bytes are not a replay.
    body = json.dumps(work_order()).encode()
    signature = sign(HOTLINE_SECRET, body)
    garbage_mapping.delete()
    refused = signed_post(client, ORDERS_URL, raw=body, HTTP_X_GRIDCITY_SIGNATURE=signature)
    garbage_mapping.save()
    accepted = signed_post(client, ORDERS_URL, raw=body, HTTP_X_GRIDCITY_SIGNATURE=signature)
    assert (refused.status_code, accepted.status_code) == (400, 201)


def test_too_many_requests_are_refused_with_the_time_to_wait(client, hotline, garbage_mapping):
    hotline.rate_limit = 2
    hotline.save()
    # Mid-minute with the clock stopped: the three requests fall in one counting window.
    with time_machine.travel(local(2026, 11, 24, 9, 0, 30), tick=False):
        answers = [signed_post(client, ORDERS_URL, work_order(order_number=f"GD{n}")) for n in range(3)]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert answers[2].json()["errors"][0]["code"] == "rate_limited"
    assert answers[2]["Retry-After"] == "30"
    assert Case.objects.count() == 2


def test_another_method_is_answered_with_the_allowed_one(client, hotline):
    response = client.put(ORDERS_URL, HTTP_AUTHORIZATION="Bearer x")
    assert response.status_code == 405 and response["Allow"] == "POST"
