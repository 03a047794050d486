"""Fixtures for the frontage register, on the demo county (without its demo cases)."""

import pytest

from gridcity.demo.frontage import load_signing_rules
from gridcity.frontage.codes import licence_check_digit, uscc_check_character
from gridcity.frontage.geometry import LocalPlane
from gridcity.frontage.lookup import forget_index
from gridcity.frontage.models import Party, PartyKind
from gridcity.frontage.parties import save_party
from gridcity.frontage.standards import ensure_checklist
from gridcity.org.models import Place

from ..cases.conftest import ZONE_01, garbage, people, reported, units  # noqa: F401

# A point in grid 371327001010001 (zone 10, which the development zone signs for).
ZONE_10 = (118.8575, 35.180)


@pytest.fixture(autouse=True)
def _fresh_index():
    # A rolled-back test leaves no rows but would leave its frontages in the process's index.
    forget_index()
    yield
    forget_index()


@pytest.fixture
def register(demo_county):
    """The demo county with its signing table and standards, and no party yet."""
    load_signing_rules(demo_county)
    ensure_checklist(demo_county)
    return demo_county


def credit_code(serial, category="92"):
    """A valid unified social credit code of Junan county."""
    body = f"{category}371327{serial:09d}"
    return body + uscc_check_character(body)


def licence_number(serial):
    body = f"371327{serial:08d}"
    return body + licence_check_digit(body)


def line_near(lon, lat, north_m=0.0, east_m=0.0, length_m=20.0):
    """A GeoJSON east–west line ``length_m`` long, its middle ``north_m`` north and ``east_m``
    east of (lon, lat)."""
    plane = LocalPlane(lon, lat)
    y = lat + north_m / plane.ky
    x = lon + east_m / plane.kx
    half = length_m / 2 / plane.kx
    return {"type": "LineString", "coordinates": [[x - half, y], [x + half, y]]}


def square_near(lon, lat, side_m=20.0):
    plane = LocalPlane(lon, lat)
    dx, dy = side_m / 2 / plane.kx, side_m / 2 / plane.ky
    ring = [
        [lon - dx, lat - dy],
        [lon + dx, lat - dy],
        [lon + dx, lat + dy],
        [lon - dx, lat + dy],
        [lon - dx, lat - dy],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def make_party(register):
    """A function registering a party of the demo county through save_party."""
    serials = iter(range(1, 10_000))

    def make(name="惠民超市", kind=PartyKind.INDIVIDUAL_BUSINESS, at=ZONE_01, frontage="line", **fields):
        if frontage == "line":
            frontage = line_near(*at)
        fields.setdefault("credit_code", credit_code(next(serials)))
        fields.setdefault("place", Place.STREET_BUSINESS)
        fields.setdefault("address", "十字路街道人民路1号")
        fields.setdefault("contact_person", "王伟")
        fields.setdefault("contact_phone", "13812345678")
        party = Party(
            jurisdiction=register,
            name=name,
            kind=kind,
            lon=None if frontage else at[0],
            lat=None if frontage else at[1],
            frontage=frontage or None,
            **fields,
        )
        return save_party(party)

    return make
