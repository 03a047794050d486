"""Where a component stands: checking a WGS84 position and finding its grid."""

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gridcity.grids import OutsideManagedArea, locate
from gridcity.grids.geometry import CHINA_LAT, CHINA_LON


def _in_china(lon, lat):
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def _number(value):
    """The value as a finite float, or None. Text is read as a decimal number ("118.83")."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def parse_position(lon, lat):
    """The position as (lon, lat) floats, or ValidationError listing what is wrong with it.

    Both must be finite numbers (text such as "118.83" is read), and the point must lie in
    China; a point that only lies in China with the two swapped is named as swapped.
    """
    problems = []
    lon_number, lat_number = _number(lon), _number(lat)
    if lon_number is None:
        problems.append(_("the longitude “%(value)s” is not a number") % {"value": lon})
    if lat_number is None:
        problems.append(_("the latitude “%(value)s” is not a number") % {"value": lat})
    if problems:
        raise ValidationError(problems, code="position_number")
    if _in_china(lon_number, lat_number):
        return lon_number, lat_number
    if _in_china(lat_number, lon_number):
        raise ValidationError(
            _("longitude %(lon)s and latitude %(lat)s are swapped") % {"lon": lon, "lat": lat},
            code="position_swapped",
        )
    raise ValidationError(
        _("the point (%(lon)s, %(lat)s) lies outside China") % {"lon": lon, "lat": lat},
        code="position_outside_china",
    )


def outside_message(lon, lat, jurisdiction):
    return _("the point (%(lon)s, %(lat)s) lies in no grid of %(jurisdiction)s") % {
        "lon": lon,
        "lat": lat,
        "jurisdiction": jurisdiction.name,
    }


def grid_location(lon, lat, jurisdiction):
    """The grids.Location of a point of the jurisdiction, or ValidationError if it lies in none."""
    try:
        location = locate(lon, lat)
    except OutsideManagedArea:
        location = None
    if location is None or location.jurisdiction_id != jurisdiction.pk:
        raise ValidationError(outside_message(lon, lat, jurisdiction), code="position_outside_grids")
    return location
