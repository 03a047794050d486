import json

import pytest
from django.urls import reverse

from gridcity.grids.models import Grid

from .layers import two_by_two


@pytest.fixture
def dispatcher(demo_county):
    from gridcity.org.models import User

    return User.objects.get(username="dispatcher")


def test_the_map_asks_for_a_login_first(client, db):
    response = client.get(reverse("grids:map"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get("/").status_code == 302


def test_the_map_page_is_in_chinese(client, dispatcher):
    client.force_login(dispatcher)
    response = client.get(reverse("grids:map"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "莒南县" in page and "网格地图" in page
    assert "vendor/leaflet/leaflet.js" in page
    assert response["Content-Language"] == "zh-hans"


def test_english_is_there_for_whoever_chooses_it(client, dispatcher):
    client.force_login(dispatcher)
    client.post(reverse("set_language"), {"language": "en", "next": "/map/"})
    assert "Grid map" in client.get(reverse("grids:map")).content.decode()


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client, dispatcher):
    client.force_login(dispatcher)
    response = client.get(reverse("grids:map"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "网格地图" in response.content.decode()


def test_the_layer_carries_the_33_grids_with_their_people(client, dispatcher, django_assert_max_num_queries):
    client.force_login(dispatcher)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("grids:layer"))
    layer = json.loads(response.content)
    assert response["Content-Type"] == "application/geo+json"
    assert len(layer["features"]) == 33
    first = layer["features"][0]["properties"]
    assert first["code"] == "371327001001001"
    assert first["zone_name"] == "第一网区"
    assert first["collector_name"] and first["sponsor_name"] and first["supervising_unit_name"]


def test_the_zone_outlines_are_exported_too(client, dispatcher):
    client.force_login(dispatcher)
    layer = json.loads(client.get(reverse("grids:zones") + "?download=1").content)
    assert [f["properties"]["grids"] for f in layer["features"]] == [3] * 11


def test_a_person_sees_only_their_own_county(client, dispatcher):
    from gridcity.org.models import Jurisdiction

    Jurisdiction.objects.create(code="320508", name="姑苏区")
    client.force_login(dispatcher)
    assert client.get(reverse("grids:layer") + "?jurisdiction=320508").status_code == 404


def _upload(client, content, jurisdiction):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("admin:grids_grid_import"),
        {"jurisdiction": jurisdiction.pk, "file": SimpleUploadedFile("layer.geojson", content)},
    )


def test_the_admin_imports_a_layer_file(client, demo_county):
    from gridcity.org.models import User

    client.force_login(User.objects.get(username="admin"))
    exported = client.get(reverse("grids:layer") + "?download=1")
    assert exported["Content-Disposition"].startswith("attachment")
    response = _upload(client, exported.content, demo_county)
    assert response.status_code == 302
    assert Grid.objects.active().count() == 33


def test_the_admin_lists_every_problem_of_a_bad_file_and_writes_nothing(client, demo_county):
    from gridcity.org.models import User

    client.force_login(User.objects.get(username="admin"))
    layer = two_by_two()
    layer["features"][1]["properties"]["code"] = "1"
    response = _upload(client, json.dumps(layer).encode(), demo_county)
    page = response.content.decode()
    assert response.status_code == 200
    assert "layer-problems" in page and "15 位" in page
    assert Grid.objects.active().count() == 33


def test_the_evaluation_office_may_not_import(client, demo_county):
    from gridcity.org.models import User

    client.force_login(User.objects.get(username="evaluator"))
    response = _upload(client, json.dumps(two_by_two()).encode(), demo_county)
    assert response.status_code == 302
    assert Grid.objects.active().count() == 33


def test_the_admin_speaks_chinese(client, demo_county):
    from gridcity.org.models import User

    client.force_login(User.objects.get(username="admin"))
    page = client.get(reverse("admin:grids_grid_changelist")).content.decode()
    assert "网格" in page and "导入" in page


def test_a_person_without_a_county_sees_no_map(client, demo_county):
    from gridcity.org.models import User

    client.force_login(User.objects.create_user("drifter", password="x-secret-1"))
    assert client.get(reverse("grids:map") + "?jurisdiction=371327").status_code == 404
