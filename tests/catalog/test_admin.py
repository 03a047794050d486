"""The catalogue and the register in the admin: lists, search, editing, and the file import."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gridcity.catalog.models import Component, MajorClass, MinorClass
from gridcity.catalog.register import import_components
from gridcity.org.models import User

from .registers import code, good_rows, grid_code, point, row, to_csv, to_geojson

IMPORT_URL = reverse("admin:catalog_component_import")


@pytest.fixture
def admin_client(client, demo_county):
    client.force_login(User.objects.get(username="admin"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(data, name):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_the_import_page_shows_the_form(admin_client):
    response = admin_client.get(IMPORT_URL)
    assert response.status_code == 200
    assert b"Import components (CSV or GeoJSON)" in response.content
    assert b'type="file"' in response.content
    assert IMPORT_URL.encode() in admin_client.get(reverse("admin:catalog_component_changelist")).content


def test_a_good_csv_is_imported_from_the_admin(admin_client, demo_county):
    response = admin_client.post(
        IMPORT_URL,
        {"jurisdiction": demo_county.pk, "file": upload(to_csv(good_rows()), "register.csv")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("admin:catalog_component_changelist")
    assert "3 components created, 0 updated, 0 unchanged." in response.content.decode()
    assert Component.objects.count() == 3


def test_a_good_geojson_is_imported_with_the_format_chosen(admin_client, demo_county):
    data = {
        "jurisdiction": demo_county.pk,
        "format": "geojson",
        "file": upload(to_geojson(good_rows()), "survey.txt"),
    }
    assert admin_client.post(IMPORT_URL, data).status_code == 302
    assert Component.objects.get(code=code(2)).grid.code == grid_code(3, 1)


def test_a_bad_file_lists_its_problems_and_writes_nothing(admin_client, demo_county):
    rows = [*good_rows(), row(5, "0504"), row(6, state="broken"), row(7) | {"lon": 116.397, "lat": 39.909}]
    response = admin_client.post(
        IMPORT_URL, {"jurisdiction": demo_county.pk, "file": upload(to_csv(rows), "r.csv")}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="register-problems"' in page
    assert "The file was refused: 3 problems." in page
    assert "class 0504 is an event class (店外经营), not a component class" in page
    assert "the state “broken” is none of intact" in page
    assert "lies in no grid of 莒南县" in page
    assert not Component.objects.exists()


def test_a_long_list_of_problems_is_cut_short_on_the_page(admin_client, demo_county, monkeypatch):
    monkeypatch.setattr("gridcity.catalog.admin.MAX_PROBLEMS_SHOWN", 2)
    rows = [row(n, state="broken") for n in range(1, 6)]
    page = admin_client.post(
        IMPORT_URL, {"jurisdiction": demo_county.pk, "file": upload(to_csv(rows), "r.csv")}
    )
    page = page.content.decode()
    assert "The file was refused: 5 problems." in page and "… and 3 more problems." in page
    assert page.count("is none of intact") == 2


def test_a_file_of_unknown_kind_or_too_large_is_refused_by_the_form(admin_client, demo_county, monkeypatch):
    response = admin_client.post(
        IMPORT_URL, {"jurisdiction": demo_county.pk, "file": upload(b"x", "register.xlsx")}
    )
    assert "choose the format" in response.content.decode()
    monkeypatch.setattr("gridcity.catalog.forms.MAX_UPLOAD_BYTES", 10)
    response = admin_client.post(
        IMPORT_URL, {"jurisdiction": demo_county.pk, "file": upload(to_csv(good_rows()), "r.csv")}
    )
    assert "the limit is 0 MB" in response.content.decode()
    assert not Component.objects.exists()


def test_people_without_the_permission_may_not_import(client, demo_county):
    client.force_login(User.objects.get(username="evaluator"))  # staff, but reads org and grids only
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        IMPORT_URL, {"jurisdiction": demo_county.pk, "file": upload(to_csv(good_rows()), "r.csv")}
    )
    assert response.status_code == 302
    assert not Component.objects.exists()


def test_class_lists_and_search_by_full_code_name_and_synonym(admin_client):
    url = reverse("admin:catalog_minorclass_changelist")
    page = admin_client.get(url, {"q": "0101"}).content.decode()
    assert "上水井盖" in page and "私搭乱建" in page and "污水井盖" not in page
    page = admin_client.get(url, {"q": "占道经营"}).content.decode()
    assert "店外经营" in page
    page = admin_client.get(url, {"major__kind__exact": "event"}).content.decode()
    assert "流浪乞讨" in page and "上水井盖" not in page
    major = MajorClass.objects.get(kind="component", code="01")
    page = admin_client.get(reverse("admin:catalog_majorclass_change", args=[major.pk])).content.decode()
    assert "上水井盖" in page and "治安岗亭" in page


def test_a_minor_class_page_edits_its_conditions(admin_client):
    cover = MinorClass.objects.get(major__kind="component", major__code="01", code="01")
    page = admin_client.get(reverse("admin:catalog_minorclass_change", args=[cover.pk])).content.decode()
    assert "上水井盖丢失" in page and "natural_hours" in page


def test_the_component_list_costs_the_same_queries_for_more_rows(
    admin_client, demo_county, django_assert_max_num_queries
):
    url = reverse("admin:catalog_component_changelist")
    import_components(to_csv(good_rows()), "csv", demo_county)
    admin_client.get(url)  # warm the caches (content types, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    import_components(to_csv([row(n, "0305", n % 11, n % 3) for n in range(1, 30)]), "csv", demo_county)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = admin_client.get(url, {"state__exact": "intact"}).content.decode()
    assert code(29, "0305") in page


def test_saving_a_component_in_the_admin_sets_its_grid(admin_client, demo_county):
    import_components(to_csv(good_rows()), "csv", demo_county)
    cover = Component.objects.get(code=code(1))
    lon, lat = point(6, 2)
    form = {
        "jurisdiction": demo_county.pk,
        "code": cover.code,
        "minor": cover.minor_id,
        "lon": lon,
        "lat": lat,
        "state": "damaged",
        "competent_unit": "",
        "owner_unit": "",
        "maintenance_unit": cover.maintenance_unit_id,
        "owner_name": "",
        "note": "",
        "is_active": "on",
    }
    response = admin_client.post(reverse("admin:catalog_component_change", args=[cover.pk]), form)
    assert response.status_code == 302, response.content.decode()
    cover.refresh_from_db()
    assert (cover.state, cover.grid.code) == ("damaged", grid_code(6, 2))

    event = MinorClass.objects.get(major__kind="event", major__code="05", code="04")
    form.update(minor=event.pk, lon=116.397, lat=39.909)
    response = admin_client.post(reverse("admin:catalog_component_change", args=[cover.pk]), form)
    assert response.status_code == 200
    assert "lies in no grid of 莒南县" in response.content.decode()
    cover.refresh_from_db()
    assert cover.grid.code == grid_code(6, 2)
