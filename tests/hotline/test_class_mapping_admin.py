"""The command center maps 12345's classes to ours in the admin, and orders follow at once."""

import pytest
from django.conf import settings
from django.urls import reverse

from gridcity.cases.models import Case
from gridcity.clients.models import ApiClient
from gridcity.hotline.models import ClassMapping
from gridcity.org.models import Jurisdiction, User

from .conftest import ORDERS_URL, signed_post, work_order

ADD_URL = reverse("admin:hotline_classmapping_add")


@pytest.fixture
def admin_client(client, demo_county):
    client.force_login(User.objects.get(username="admin"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_mapping_added_in_the_admin_files_the_next_order_under_our_class(
    admin_client, client, hotline, demo_county, garbage
):
    refused = signed_post(client, ORDERS_URL, work_order())
    assert refused.json()["errors"][0]["code"] == "unknown_category"

    response = admin_client.post(
        ADD_URL,
        {
            "jurisdiction": demo_county.pk,
            "hotline_code": "0301",
            "hotline_name": "市容环境-垃圾",
            "minor_class": garbage.pk,
        },
    )
    assert response.status_code == 302
    assert signed_post(client, ORDERS_URL, work_order()).status_code == 201
    assert Case.objects.get().minor_class == garbage


def test_the_same_12345_class_cannot_be_mapped_twice(admin_client, demo_county, garbage, manhole):
    ClassMapping.objects.create(jurisdiction=demo_county, hotline_code="0301", minor_class=garbage)
    response = admin_client.post(
        ADD_URL, {"jurisdiction": demo_county.pk, "hotline_code": "0301", "minor_class": manhole.pk}
    )
    assert response.status_code == 200 and b"already mapped for the jurisdiction" in response.content
    assert ClassMapping.objects.count() == 1


def test_a_client_of_another_jurisdiction_is_refused(admin_client, demo_county, garbage):
    elsewhere = Jurisdiction.objects.create(code="371302", name="兰山区")
    other = ApiClient.objects.create(
        name="兰山12345", jurisdiction=elsewhere, key_prefix="lanshan1", key_hash="x"
    )
    response = admin_client.post(
        ADD_URL,
        {
            "jurisdiction": demo_county.pk,
            "client": other.pk,
            "hotline_code": "0301",
            "minor_class": garbage.pk,
        },
    )
    assert b"belongs to another jurisdiction" in response.content
    assert not ClassMapping.objects.exists()
