"""Requests generated from openapi.yaml, valid and invalid, signed like 12345's: the API never
answers 5xx and every answer matches the documented status codes, headers and bodies."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gridcity.cases.models import Case
from gridcity.clients.signing import sign
from gridcity.hotline.orders import receive_order
from gridcity.wsgi import application

from .conftest import HOTLINE_KEY, HOTLINE_SECRET, work_order

schema = schemathesis.openapi.from_wsgi("/hotline/v1/openapi.json", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def known_order(hotline, garbage_mapping):
    """Puts the order of the schema's examples on record, so that reads and callbacks find it
    (and the example order, sent to POST /orders, is new the first time)."""

    def ensure(case):
        if case.path != "/orders" and not Case.objects.filter(external_id="GD20261124000123").exists():
            # Not through Django's test client: it would reconnect close_old_connections.
            receive_order(hotline, work_order())

    return ensure


@pytest.fixture
def keep_test_connection():
    # The WSGI handler closes the database connection at the end of every request, which would
    # end the test's transaction; Django's test client does the same as this around its requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_keeps_to_its_openapi_description(case, known_order, keep_test_connection):
    known_order(case)
    # The signature is computed over the exact bytes sent, so the body is serialised here.
    body = b""
    if isinstance(case.body, bytes):
        body = case.body
    elif not isinstance(case.body, NotSet):
        body = json.dumps(case.body).encode()
    headers = {"Authorization": f"Bearer {HOTLINE_KEY}", "X-Gridcity-Signature": sign(HOTLINE_SECRET, body)}
    response = case.call(headers=headers, **({"data": body} if body else {}))
    case.validate_response(response, checks=CHECKS)


def test_the_description_is_served_as_yaml_and_json(client):
    yaml_answer = client.get("/hotline/v1/openapi.yaml")
    json_answer = client.get("/hotline/v1/openapi.json")
    assert yaml_answer.status_code == 200 and yaml_answer["Content-Type"].startswith("application/yaml")
    assert b"12345" in yaml_answer.content
    assert set(json_answer.json()["paths"]) == {
        "/orders",
        "/orders/{order_number}",
        "/orders/{order_number}/callback",
    }
