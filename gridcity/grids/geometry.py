"""GeoJSON geometry checks and measures for grid boundaries (WGS84 lon/lat)."""

import math

import shapely
from django.utils.translation import gettext as _
from pyproj import Geod

# Mainland China, Hong Kong, Macao and Taiwan lie within these bounds (GB/T 2260 scope).
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)

_WGS84 = Geod(ellps="WGS84")


def area_m2(geometry):
    """Geodesic area on the WGS84 ellipsoid, in square metres."""
    area, _perimeter = _WGS84.geometry_area_perimeter(geometry)
    return abs(area)


def _in_china(lon, lat):
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def position_problems(position):
    """Problems of one GeoJSON position [lon, lat]; an empty list if it is fine."""
    if (
        not isinstance(position, list | tuple)
        or len(position) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
        or not all(math.isfinite(v) for v in position[:2])
    ):
        return [
            _("position %(position)s is not a pair of numbers [longitude, latitude]") % {"position": position}
        ]
    lon, lat = position[0], position[1]
    if _in_china(lon, lat):
        return []
    if _in_china(lat, lon):
        return [
            _(
                "position [%(a)s, %(b)s] has latitude and longitude swapped: GeoJSON wants [longitude, latitude]"
            )
            % {"a": lon, "b": lat}
        ]
    return [_("position [%(a)s, %(b)s] lies outside China") % {"a": lon, "b": lat}]


def geometry_problems(geometry):
    """Check a GeoJSON geometry dict meant as a grid boundary.

    Returns (shapely geometry or None, list of problems). Rings must be closed, positions
    must be [lon, lat] in China, and the polygon must be valid (no self-intersection).
    """
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        return None, [_("the geometry must be a Polygon or MultiPolygon, not %(kind)s") % {"kind": kind}]
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return None, [_("the geometry has no coordinates")]
    problems = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            problems.append(_("a polygon has no rings"))
            continue
        for ring_number, ring in enumerate(polygon, start=1):
            if not isinstance(ring, list) or len(ring) < 4:
                problems.append(
                    _("ring %(ring)s has fewer than 4 positions; a closed ring needs at least 4")
                    % {"ring": ring_number}
                )
                continue
            ring_problems = [p for position in ring for p in position_problems(position)]
            if ring_problems:
                problems.extend(ring_problems[:3])
                if len(ring_problems) > 3:
                    problems.append(
                        _("… and %(count)s more positions like these") % {"count": len(ring_problems) - 3}
                    )
                continue
            if list(ring[0][:2]) != list(ring[-1][:2]):
                problems.append(
                    _(
                        "ring %(ring)s is not closed: its first position %(first)s differs from its last %(last)s"
                    )
                    % {"ring": ring_number, "first": ring[0][:2], "last": ring[-1][:2]}
                )
    if problems:
        return None, problems
    shape = shapely.geometry.shape(geometry)
    if not shape.is_valid:
        reason = shapely.is_valid_reason(shape)
        if reason.startswith("Self-intersection") or reason.startswith("Ring Self-intersection"):
            return None, [_("the boundary intersects itself (%(reason)s)") % {"reason": reason}]
        return None, [_("the boundary is not a valid polygon (%(reason)s)") % {"reason": reason}]
    if shape.area == 0:
        return None, [_("the boundary encloses no area")]
    return shape, []
