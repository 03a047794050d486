"""Open311 fixtures: an API client with its key, a point inside the demo county, and `api`, which
calls an endpoint in JSON or XML and reads the answer back, checked against its schema."""

import json
import xml.etree.ElementTree as ET

import jsonschema_rs
import pytest
import shapely
from django.core.cache import cache

from gridcity.cases.models import Source
from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient
from gridcity.grids import locate
from gridcity.grids.models import Grid
from gridcity.open311 import catalogue, keys, schemas
from gridcity.open311.demo import add_demo_attributes

# The case cycle's personas and steps, for cases to list.
from tests.cases.conftest import cycle, garbage, manhole, people, reported, units  # noqa: F401

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


@pytest.fixture(autouse=True)
def _fresh_process_state():
    # A rolled-back test leaves no signal behind: forget the services it cached, and its rate counts.
    catalogue.forget()
    keys.forget()
    cache.clear()
    yield
    catalogue.forget()
    keys.forget()


@pytest.fixture(params=FORMATS)
def fmt(request):
    return request.param


@pytest.fixture
def app(demo_county):
    """The county's public reporting app (随手拍), allowed to file Open311 requests."""
    return ApiClient.objects.create(
        name="随手拍", jurisdiction=demo_county, source=Source.PUBLIC, scopes=["open311"], rate_limit=1000
    )


@pytest.fixture
def key(app):
    return issue_key(app)


@pytest.fixture
def point(demo_county):
    """(lat, long) of a point inside the demo county's first grid."""
    grid = Grid.objects.filter(jurisdiction=demo_county).order_by("code").first()
    inside = shapely.geometry.shape(grid.boundary).representative_point()
    assert locate(inside.x, inside.y).grid_code == grid.code
    return round(inside.y, 6), round(inside.x, 6)


@pytest.fixture
def attributes(demo_county):
    """The demo attributes: E0102 暴露垃圾 asks for the amount (required) and kinds (several)."""
    add_demo_attributes()


@pytest.fixture
def report(key, point, attributes):
    """The body of a good request for E0102 暴露垃圾, changed by keyword arguments."""

    def body(**changes):
        data = {
            "api_key": key,
            "service_code": "E0102",
            "lat": point[0],
            "long": point[1],
            "description": "小区门口堆了几袋生活垃圾",
            "attribute[amount]": "bags",
        }
        data.update(changes)
        return {name: value for name, value in data.items() if value is not None}

    return body


class Answer:
    def __init__(self, response, data):
        self.response = response
        self.status = response.status_code
        self.data = data

    @property
    def messages(self):
        return [error["description"] for error in self.data]


class Api:
    """Calls /open311/v2/<path>.<fmt> and returns the answer as JSON data.

    An XML answer is read back into the same data by the Spark convention (schema_data), so the
    same schema checks both formats. Answers with status ≥ 400 are checked as errors[].
    """

    def __init__(self, http):
        self.http = http

    def get(self, path, fmt, schema, params=None, **headers):
        response = self.http.get(f"/open311/v2/{path}.{fmt}", params or {}, **headers)
        return Answer(response, read(response, fmt, schema))

    def post(self, fmt, data, schema=schemas.CREATED, **options):
        response = self.http.post(f"/open311/v2/requests.{fmt}", data, **options)
        return Answer(response, read(response, fmt, schema))


@pytest.fixture
def api(client):
    return Api(client)


def read(response, fmt, schema):
    if response.status_code >= 400:
        schema = schemas.ERRORS
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    if fmt == "json":
        data = json.loads(response.content)
    else:
        assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
        data = schema_data(ET.fromstring(response.content), schema)
    jsonschema_rs.validator_for(schema).validate(data)
    return data


def schema_data(element, schema):
    """The JSON data of an XML element by the Spark convention, typed as ``schema`` says."""
    assert element.tag == schema.get("xml", {}).get("name", element.tag), element.tag
    kind = schema.get("type")
    if kind == "array":
        return [schema_data(child, schema["items"]) for child in element]
    if kind == "object":
        data = {}
        for child in element:
            assert child.tag not in data, f"<{child.tag}> repeated outside a list"
            data[child.tag] = schema_data(child, schema["properties"].get(child.tag, {}))
        return data
    text = element.text or ""
    assert len(element) == 0, f"<{element.tag}> holds elements where a value belongs"
    try:
        if kind == "boolean":
            return {"true": True, "false": False}[text]
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except (KeyError, ValueError):
        return text  # left as it is: the schema check names the wrong value
    return text
