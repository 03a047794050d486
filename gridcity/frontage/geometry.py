"""Frontage geometry: checking a GeoJSON frontage, measuring it, and a local metric plane.

A frontage is a LineString or MultiLineString (the building line; the area reaches the
party's depth from it) or a Polygon or MultiPolygon (the area as drawn), in WGS84 lon/lat.
"""

import math

import numpy as np
import shapely
from django.utils.translation import gettext as _
from pyproj import Geod

from gridcity.grids.geometry import geometry_problems as polygon_problems
from gridcity.grids.geometry import position_problems

LINE_TYPES = ("LineString", "MultiLineString")
POLYGON_TYPES = ("Polygon", "MultiPolygon")
# A frontage is a shop front or the side of a compound, not a street: longer than this is a
# mistake in the coordinates (degrees typed as minutes, a point of another county).
MAX_LENGTH_M = 3000.0
MIN_LENGTH_M = 0.5
MAX_DEPTH_M = 100.0

_WGS84 = Geod(ellps="WGS84")


def length_m(shape):
    """Geodesic length of a line (or perimeter of a polygon) on the WGS84 ellipsoid, in metres."""
    return abs(_WGS84.geometry_length(shape))


def area_m2(shape):
    area, _perimeter = _WGS84.geometry_area_perimeter(shape)
    return abs(area)


def frontage_problems(geometry):
    """Check a GeoJSON geometry meant as a frontage. Returns (shapely geometry or None, problems)."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind in POLYGON_TYPES:
        return polygon_problems(geometry)
    if kind not in LINE_TYPES:
        shown = kind if kind else type(geometry).__name__
        return None, [
            _("the frontage must be a LineString or a Polygon (GeoJSON), not %(kind)s") % {"kind": shown}
        ]
    coordinates = geometry.get("coordinates")
    lines = [coordinates] if kind == "LineString" else coordinates
    if not isinstance(lines, list) or not lines or not all(isinstance(line, list) for line in lines):
        return None, [_("the frontage has no coordinates")]
    problems = []
    for line in lines:
        if len(line) < 2:
            problems.append(_("a frontage line needs at least 2 positions"))
            continue
        line_problems = [p for position in line for p in position_problems(position)]
        problems.extend(line_problems[:3])
    if problems:
        return None, problems
    shape = shapely.geometry.shape({"type": kind, "coordinates": lines if kind != "LineString" else lines[0]})
    length = length_m(shape)
    if length < MIN_LENGTH_M:
        problems.append(_("the frontage line is only %(length).1f m long") % {"length": length})
    elif length > MAX_LENGTH_M:
        problems.append(
            _("the frontage line is %(length).0f m long; a frontage is at most %(limit).0f m")
            % {"length": length, "limit": MAX_LENGTH_M}
        )
    return (None if problems else shape), problems


def parse_coordinate_text(text):
    """A frontage typed in a spreadsheet cell: "lon,lat; lon,lat; …" (a line), or the same
    closed on its first position (a polygon), or a GeoJSON geometry. Returns a GeoJSON dict,
    or raises ValueError with the problem."""
    import json

    text = (text or "").strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(_("the frontage is not valid GeoJSON: %(msg)s") % {"msg": error.msg}) from None
        return value.get("geometry", value) if value.get("type") == "Feature" else value
    positions = []
    for part in text.replace("；", ";").replace("，", ",").split(";"):
        part = part.strip()
        if not part:
            continue
        pieces = [piece.strip() for piece in part.split(",")]
        try:
            if len(pieces) != 2:
                raise ValueError
            positions.append([float(pieces[0]), float(pieces[1])])
        except ValueError:
            raise ValueError(
                _("“%(part)s” is not a position “longitude,latitude”; separate positions with “;”")
                % {"part": part}
            ) from None
    if len(positions) >= 4 and positions[0] == positions[-1]:
        return {"type": "Polygon", "coordinates": [positions]}
    return {"type": "LineString", "coordinates": positions}


class LocalPlane:
    """An equirectangular plane in metres around (lon0, lat0).

    Over a county (tens of km) the scale error is far below a centimetre per 5 m, which is all
    the frontage tolerance needs; each jurisdiction gets its own plane.
    """

    def __init__(self, lon0, lat0):
        phi = math.radians(lat0)
        self.lon0, self.lat0 = lon0, lat0
        # Metres per degree on the WGS84 ellipsoid at latitude phi (series to the 4th order).
        self.ky = 111132.92 - 559.82 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
        self.kx = 111412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi)

    def to_metres(self, geometries):
        origin = np.array([self.lon0, self.lat0])
        scale = np.array([self.kx, self.ky])
        return shapely.transform(geometries, lambda coords: (coords - origin) * scale)

    def xy(self, lon, lat):
        return (lon - self.lon0) * self.kx, (lat - self.lat0) * self.ky
