"""Personas and helpers for the case cycle, on the demo county (without its demo cases)."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from gridcity.cases import workflow
from gridcity.cases.models import Source
from gridcity.catalog.models import MinorClass
from gridcity.org.models import Unit, User

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A point inside grid 371327001001002 (zone 01) of the demo county.
ZONE_01 = (118.7985, 35.171)


def local(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def photo(name="photo.jpg", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def people(demo_county):
    """The demo county's people by username, and the units by code."""
    return {user.username: user for user in User.objects.filter(jurisdiction=demo_county)}


@pytest.fixture
def units(demo_county):
    return {unit.code: unit for unit in Unit.objects.filter(jurisdiction=demo_county)}


@pytest.fixture
def garbage():
    """Event 01-02 暴露垃圾 (exposed garbage): one condition, 4 working hours."""
    return MinorClass.objects.get(major__kind="event", major__code="01", code="02")


@pytest.fixture
def manhole():
    """Component 01-02 污水井盖: missing (urgent, natural hours) or damaged (working day)."""
    return MinorClass.objects.get(major__kind="component", major__code="01", code="02")


@pytest.fixture
def reported(demo_county, people, garbage):
    """A function making a case reported by collector01 in zone 01 at ``at``."""

    def make(at=None, minor_class=None, lon=ZONE_01[0], lat=ZONE_01[1], **fields):
        fields.setdefault("actor", people["collector01"])
        fields.setdefault("source", Source.COLLECTOR)
        fields.setdefault("photos", [photo()])
        fields.setdefault("description", "路边有暴露垃圾")
        return workflow.report(
            jurisdiction=demo_county,
            minor_class=minor_class or garbage,
            lon=lon,
            lat=lat,
            at=at,
            **fields,
        )

    return make


@pytest.fixture
def cycle(people, units):
    """Steps that take a reported case further along the normal path."""

    def file(case, at=None):
        return workflow.file(case, actor=people["shiftleader"], at=at)

    def dispatch(case, at=None):
        file(case, at)
        return workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"], at=at)

    def sign(case, at=None):
        dispatch(case, at)
        return workflow.sign(case, actor=people["handler"], at=at)

    def feedback(case, at=None):
        sign(case, at)
        return workflow.feedback(case, actor=people["handler"], note="已清理", photos=[photo()], at=at)

    def checked(case, at=None):
        feedback(case, at)
        return workflow.pass_check(case, actor=people["collector01"], at=at)

    return {"file": file, "dispatch": dispatch, "sign": sign, "feedback": feedback, "checked": checked}
