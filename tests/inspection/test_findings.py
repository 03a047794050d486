"""Findings: photographed and filmed, placed in the grid (its centre by default), archived; one
click makes a finding a case, and only one."""

import io
from datetime import date
from decimal import Decimal

import pytest
import shapely
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from gridcity.cases.models import Attachment, Case, Source
from gridcity.inspection.models import Finding, FindingFile
from gridcity.org.models import Jurisdiction
from gridcity.org.roles import Role

from ..conftest import make_person
from .conftest import photo, sheet_of

# The smallest MP4 header a phone's video starts with: what check_upload recognises.
VIDEO = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_finding_keeps_its_photos_and_videos_at_the_grids_centre(october, find, units, settings):
    sheet = sheet_of(october)
    finding = find(
        sheet,
        deduction=Decimal("7.5"),
        unit=units["urban-management"],
        files=[photo(), ContentFile(VIDEO, name="clip.mp4")],
    )
    assert shapely.geometry.shape(sheet.grid.boundary).contains(shapely.Point(finding.lon, finding.lat))
    files = list(finding.files.order_by("pk"))
    assert [f.media_type for f in files] == ["image/jpeg", "video/mp4"]
    assert all(f.file.name.startswith("inspection/") and f.file.storage.exists(f.file.name) for f in files)
    assert finding.deduction == Decimal("7.5") and finding.found_on == date(2026, 10, 15)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"files": []}, "add at least one photo"),
        ({"files": [ContentFile(VIDEO, name="clip.mp4")]}, "add at least one photo"),
        ({"files": [ContentFile(b"not an image", name="notes.txt")]}, "neither a photo"),
        ({"lon": 118.9, "lat": 35.0}, "lies outside grid"),
        ({"lon": 118.8}, "both the longitude and the latitude"),
        ({"unit": None}, "Name the responsible unit"),
        ({"deduction": Decimal("101")}, "from 0 to 100"),
        ({"deduction": Decimal("7.25")}, "one decimal place"),
        ({"description": " "}, "describe the problem"),
    ],
)
def test_a_wrong_finding_is_refused_with_nothing_written(october, find, units, changes, message):
    changes.setdefault("unit", units["urban-management"])
    with pytest.raises(ValidationError) as refused:
        find(sheet_of(october), **changes)
    assert message in " ".join(refused.value.messages)
    assert not Finding.objects.exists() and not FindingFile.objects.exists()


def test_a_finding_becomes_a_case_in_one_click_and_only_once(october, find, units, people, client):
    finding = find(sheet_of(october), unit=units["urban-management"])
    client.force_login(people["inspector"])
    url = reverse("inspection:make_case", args=[finding.pk])
    response = client.post(url)
    assert response.status_code == 303
    finding.refresh_from_db()
    case = Case.objects.get()
    assert finding.case == case and finding.case_made_by == people["inspector"]
    assert case.source == Source.INSPECTION and case.description == finding.description
    assert case.grid.code == sheet_of(october).grid.code
    assert case.events.get().data == {"inspection_finding": finding.pk}
    photo_copy = Attachment.objects.get(case=case)
    assert photo_copy.media_type == "image/jpeg" and photo_copy.file.name != finding.files.get().file.name
    page = client.get(reverse("inspection:finding", args=[finding.pk])).content.decode()
    assert reverse("console:case", args=[case.number]) in page
    again = client.post(url)
    assert again.status_code == 400
    assert f"该问题已转为案件：{case.number}" in again.content.decode()  # already a case
    assert Case.objects.count() == 1


def test_a_collector_cannot_make_a_case_of_a_finding(october, find, units, people, client):
    finding = find(sheet_of(october), unit=units["urban-management"])
    client.force_login(people["collector01"])
    assert client.post(reverse("inspection:make_case", args=[finding.pk])).status_code == 403
    assert not Case.objects.exists()


def test_the_finding_form_uploads_photos(october, people, units, garbage, client):
    client.force_login(people["inspector"])
    sheet = sheet_of(october)
    url = reverse("inspection:finding_new", args=[october.key, sheet.grid.code])
    assert client.get(url).status_code == 200
    sent = photo().read()
    upload = io.BytesIO(sent)
    upload.name = "spot.jpg"
    response = client.post(
        url,
        {
            "description": "绿化带内堆放杂物",
            "minor_class": garbage.pk,
            "unit": units["urban-management"].pk,
            "deduction": "3",
            "found_on": "2026-10-16",
            "photos": [upload],
        },
    )
    assert response.status_code == 303, response.content.decode()[:2000]
    finding = Finding.objects.get()
    assert finding.files.count() == 1 and finding.recorded_by == people["inspector"]
    file_url = reverse("inspection:file", args=[finding.files.get().pk])
    file_response = client.get(file_url)
    assert file_response.status_code == 200 and file_response["Content-Type"] == "image/jpeg"
    assert b"".join(file_response.streaming_content) == sent
    # A collector may not see it; the evaluation office of another county does not find it.
    client.force_login(people["collector01"])
    assert client.get(file_url).status_code == 403
    elsewhere = Jurisdiction.objects.create(code="371302", name="兰山区")
    client.force_login(make_person(elsewhere, "lanshan-office", Role.EVALUATION_OFFICE))
    assert client.get(file_url).status_code == 404
