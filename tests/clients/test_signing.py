"""Signed requests: accepted once when the HMAC matches and the time is near; refused otherwise."""

import time

import pytest
from django.utils import translation

from gridcity.clients.models import SeenSignature
from gridcity.clients.signing import BadSignature, check_signature, sign

BODY = '{"case":"371327-20261128-0001","result":"已办结"}'.encode()


@pytest.fixture
def hotline(make_client):
    return make_client()[0]


def refused(client, body, header, now=None):
    with translation.override("en"), pytest.raises(BadSignature) as error:
        check_signature(client, body, header, now=now)
    return str(error.value)


def test_a_signed_body_is_accepted(hotline):
    header = sign(hotline.webhook_secret, BODY)
    check_signature(hotline, BODY, header)
    assert SeenSignature.objects.filter(client=hotline).count() == 1


def test_the_same_request_twice_is_a_replay(hotline):
    header = sign(hotline.webhook_secret, BODY)
    check_signature(hotline, BODY, header)
    assert "replay" in refused(hotline, BODY, header)


def test_a_changed_body_does_not_match(hotline):
    header = sign(hotline.webhook_secret, BODY)
    assert "does not match" in refused(hotline, BODY.replace("已办结".encode(), "已退单".encode()), header)


def test_another_secret_does_not_match(hotline, make_client):
    other, _key = make_client("部门系统")
    assert "does not match" in refused(hotline, BODY, sign(other.webhook_secret, BODY))


@pytest.mark.parametrize("offset", [-301, 301])
def test_a_signature_more_than_five_minutes_off_is_refused(hotline, offset):
    now = time.time()
    header = sign(hotline.webhook_secret, BODY, timestamp=now + offset)
    assert "300 seconds" in refused(hotline, BODY, header, now=now)
    check_signature(hotline, BODY, sign(hotline.webhook_secret, BODY, timestamp=now - 299), now=now)


@pytest.mark.parametrize("header", [None, "", "v1=abc", "t=soon,v1=abc", "t=1796000000"])
def test_a_missing_or_malformed_header_names_the_header(hotline, header):
    assert "X-Gridcity-Signature" in refused(hotline, BODY, header)
    assert not SeenSignature.objects.exists()
