"""The attributes of a service are edited in the admin, choices one per line as key=name."""

import pytest

from gridcity.catalog.models import MinorClass
from gridcity.open311 import schemas
from gridcity.open311.models import ServiceAttribute

ADD = "/admin/open311/serviceattribute/add/"


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["admin"])
    return client


@pytest.fixture
def bin_class(demo_county):
    return MinorClass.objects.get(major__kind="component", major__code="03", code="01")


def form(minor_class, **changes):
    data = {
        "minor_class": minor_class.pk,
        "order": "1",
        "code": "fill",
        "description": "垃圾箱满了吗？",
        "datatype": "singlevaluelist",
        "required": "on",
        "variable": "on",
        "datatype_description": "",
        "values": "full=已满\noverflowing=溢出",
    }
    data.update(changes)
    return data


def test_an_attribute_added_in_the_admin_is_served(admin_client, api, bin_class):
    response = admin_client.post(ADD, form(bin_class))

    assert response.status_code == 302
    attribute = ServiceAttribute.objects.get(minor_class=bin_class)
    assert attribute.values == [{"key": "full", "name": "已满"}, {"key": "overflowing", "name": "溢出"}]
    definition = api.get("services/C0301", "json", schemas.SERVICE_DEFINITION).data
    assert definition["attributes"][0]["values"][1] == {"key": "overflowing", "name": "溢出"}


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"values": "full"}, "key=name"),
        ({"values": "full=已满\nfull=满"}, "full"),
        ({"values": ""}, "at least one value"),
        ({"datatype": "string"}, "Only the list datatypes"),
        ({"code": "fill level"}, "letters, digits"),
        ({"order": "0"}, "greater than or equal to 1"),
    ],
)
def test_a_wrong_attribute_is_refused(admin_client, bin_class, changes, problem, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = admin_client.post(ADD, form(bin_class, **changes))

    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not ServiceAttribute.objects.exists()


def test_the_list_shows_each_attribute_with_its_service(admin_client, attributes):
    response = admin_client.get("/admin/open311/serviceattribute/")

    assert "E0102 暴露垃圾" in response.content.decode()
