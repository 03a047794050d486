"""Both formats carry the same data; XML is well-formed whatever the cases say."""

import json
import xml.etree.ElementTree as ET

from gridcity.cases.models import Case
from gridcity.open311 import schemas

from .conftest import schema_data


def test_xml_and_json_carry_the_same_records(client, reported, cycle):
    cycle["dispatch"](reported())
    reported()

    as_json = json.loads(client.get("/open311/v2/requests.json").content)
    as_xml = ET.fromstring(client.get("/open311/v2/requests.xml").content)

    assert as_xml.tag == "service_requests"
    assert [child.tag for child in as_xml] == ["request", "request"]
    assert schema_data(as_xml, schemas.SERVICE_REQUESTS) == as_json


def test_json_lists_are_top_level_arrays_and_definitions_objects(client, attributes):
    assert isinstance(json.loads(client.get("/open311/v2/services.json").content), list)
    assert isinstance(json.loads(client.get("/open311/v2/services/E0102.json").content), dict)
    assert isinstance(json.loads(client.get("/open311/v2/discovery.json").content), dict)
    assert isinstance(json.loads(client.get("/open311/v2/services/nope.json").content), list)  # errors


def test_text_that_is_markup_or_control_characters_stays_text(api, fmt, reported):
    case = reported(description="<b>井盖</b> & 垃圾\x0b桶")

    answer = api.get(f"requests/{case.number}", fmt, schemas.SERVICE_REQUESTS)

    expected = "<b>井盖</b> & 垃圾桶" if fmt == "xml" else Case.objects.get(pk=case.pk).description
    assert answer.data[0]["description"] == expected


def test_chinese_by_default(client, reported):
    reported()

    response = client.get("/open311/v2/requests.json")

    assert response["Content-Language"] == "zh-hans"
    assert json.loads(response.content)[0]["status_notes"] == "待受理"
    assert "Accept-Language" in response["Vary"]
