"""Saving one component outside a file: the same checks as the import, and the grid from the position."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gridcity.catalog.models import Component, MinorClass
from gridcity.catalog.register import save_component
from gridcity.org.models import Jurisdiction, Unit

from .registers import code, grid_code, point


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def cover_class():
    return MinorClass.objects.get(major__kind="component", major__code="01", code="01")


def component(jurisdiction, **values):
    lon, lat = point(2, 1)
    return Component(
        **{"jurisdiction": jurisdiction, "code": code(1), "minor": cover_class(), "lon": lon, "lat": lat}
        | values
    )


def test_the_grid_is_set_from_the_position(demo_county):
    saved = save_component(component(demo_county))
    assert saved.grid.code == grid_code(2, 1) and saved.state == Component.State.INTACT
    saved.lon, saved.lat = point(4, 0)
    save_component(saved)
    assert Component.objects.get().grid.code == grid_code(4, 0)


def test_an_event_class_is_refused(demo_county):
    event = MinorClass.objects.get(major__kind="event", major__code="05", code="04")
    with pytest.raises(ValidationError) as error:
        save_component(component(demo_county, minor=event, code=code(1, "0504")))
    assert "is an event class" in str(error.value.message_dict["minor"])


def test_the_code_must_fit_the_jurisdiction_and_class(demo_county):
    with pytest.raises(ValidationError) as error:
        save_component(component(demo_county, code=code(1, "0102")))
    assert "its class is 0101" in str(error.value.message_dict["code"])


def test_a_unit_of_another_jurisdiction_and_a_point_outside(demo_county):
    other = Jurisdiction.objects.create(code="320508", name="姑苏区")
    unit = Unit.objects.create(
        jurisdiction=other, code="gusu", name="姑苏区城管局", kind=Unit.Kind.DEPARTMENT
    )
    with pytest.raises(ValidationError) as error:
        save_component(component(demo_county, owner_unit=unit, lon=116.397, lat=39.909))
    assert set(error.value.message_dict) == {"owner_unit", "lon"}
    assert not Component.objects.exists()
