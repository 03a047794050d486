"""The 12345 hotline as an API client of the demo county, and signed requests from it."""

import json

import pytest
from django.core.cache import cache

from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient, Scope
from gridcity.clients.signing import sign
from gridcity.hotline.models import ClassMapping
from tests.cases.conftest import *  # noqa: F403
from tests.cases.conftest import ZONE_01

HOTLINE_KEY = "gc_hot12345_key-of-the-test-12345-hotline"
HOTLINE_SECRET = "signing-secret-of-the-test-12345-hotline"
ORDERS_URL = "/hotline/v1/orders"


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    # The rate limit counts in the cache, which outlives each test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hotline(demo_county):
    """The county's 12345 platform: scope hotline, cases of source 12345, a webhook address."""
    client = ApiClient(
        name="测试12345热线",
        jurisdiction=demo_county,
        source="12345",
        scopes=[Scope.HOTLINE],
        webhook_url="https://12345.example.cn/hooks/gridcity",
        webhook_secret=HOTLINE_SECRET,
    )
    issue_key(client, key=HOTLINE_KEY)
    return client


@pytest.fixture
def garbage_mapping(demo_county, garbage):
    """12345's class 0301 市容环境-垃圾 → our event 01-02 暴露垃圾, for the whole county."""
    return ClassMapping.objects.create(
        jurisdiction=demo_county, hotline_code="0301", hotline_name="市容环境-垃圾", minor_class=garbage
    )


def work_order(**fields):
    """A valid work order as 12345 sends it; ``fields`` override or add fields."""
    order = {
        "order_number": "GD20261124000123",
        "handling_mode": "transfer",
        "category": {"code": "0301", "name": "市容环境-垃圾"},
        "description": "市民反映文化路与人民路路口有垃圾堆放，无人清理",
        "address": "莒南县文化路与人民路交叉口东北角",
        "lon": ZONE_01[0],
        "lat": ZONE_01[1],
        "reporter_name": "王女士",
        "reporter_phone": "13800001234",
        "urgent": False,
        "received_at": "2026-11-24T08:55:00+08:00",
        "photos": ["https://12345.example.cn/files/GD20261124000123/1.jpg"],
    }
    order.update(fields)
    return order


def signed_post(
    http, path, payload=None, *, raw=None, key=HOTLINE_KEY, secret=HOTLINE_SECRET, timestamp=None, **headers
):
    """POST ``payload`` (or the bytes ``raw``) as 12345 does: bearer key and signature."""
    body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
    if key is not None:
        headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {key}")
    if secret is not None:
        headers.setdefault("HTTP_X_GRIDCITY_SIGNATURE", sign(secret, body, timestamp))
    headers.setdefault("content_type", "application/json")
    return http.post(path, data=body, **headers)


def authorized_get(http, path, key=HOTLINE_KEY):
    return http.get(path, HTTP_AUTHORIZATION=f"Bearer {key}")
