"""jurisdiction_id: optional while we serve one county, required once we serve several."""

import pytest

from gridcity.open311 import schemas
from gridcity.org.models import Jurisdiction

READS = [
    ("services", schemas.SERVICES),
    ("services/E0102", schemas.SERVICE_DEFINITION),
    ("requests", schemas.SERVICE_REQUESTS),
    ("servicerequestupdates", schemas.REQUEST_UPDATES),
]


@pytest.mark.parametrize(("path", "schema"), READS)
def test_optional_with_one_jurisdiction(api, fmt, demo_county, path, schema):
    assert api.get(path, fmt, schema).status == 200
    assert api.get(path, fmt, schema, {"jurisdiction_id": ""}).status == 200
    assert api.get(path, fmt, schema, {"jurisdiction_id": demo_county.code}).status == 200


@pytest.mark.parametrize(("path", "schema"), READS)
def test_an_unknown_jurisdiction_is_not_found(api, fmt, demo_county, path, schema):
    answer = api.get(path, fmt, schema, {"jurisdiction_id": "110101"})

    assert answer.status == 404
    assert "110101" in answer.messages[0]


@pytest.mark.parametrize(("path", "schema"), READS)
def test_required_once_there_are_several(api, fmt, demo_county, path, schema):
    Jurisdiction.objects.create(code="371302", name="兰山区")

    answer = api.get(path, fmt, schema)

    assert answer.status == 400
    assert "jurisdiction_id" in answer.messages[0] and demo_county.code in answer.messages[0]
    assert api.get(path, fmt, schema, {"jurisdiction_id": demo_county.code}).status == 200


def test_another_countys_cases_are_not_listed(api, fmt, reported, demo_county):
    reported()
    Jurisdiction.objects.create(code="371302", name="兰山区")

    answer = api.get("requests", fmt, schemas.SERVICE_REQUESTS, {"jurisdiction_id": "371302"})

    assert answer.status == 200
    assert answer.data == []
