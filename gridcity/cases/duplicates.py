"""Possible duplicates of a case: open cases of the same class nearby, reported recently."""

import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from .models import OPEN_STATES, Case

EARTH_RADIUS_M = 6_371_008.8


def distance_m(lon1, lat1, lon2, lat2):
    """Great-circle distance in metres (haversine; ample for tens of metres)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def possible_duplicates(case, radius_m=None, window=None):
    """Open cases of the same class within ``radius_m`` (default CASE_DUPLICATE_RADIUS_M, 50 m)
    reported within ``window`` (default CASE_DUPLICATE_WINDOW_DAYS, 7 days) of this one,
    nearest first, as (case, distance in metres) pairs."""
    return possible_duplicates_of_each([case], radius_m, window)[case.pk]


def possible_duplicates_of_each(cases, radius_m=None, window=None):
    """{case pk: possible_duplicates(case)} for several cases (a page of a queue) in one query."""
    cases = list(cases)
    if not cases:
        return {}
    radius_m = radius_m if radius_m is not None else getattr(settings, "CASE_DUPLICATE_RADIUS_M", 50)
    window = window or timedelta(days=getattr(settings, "CASE_DUPLICATE_WINDOW_DAYS", 7))
    # A bounding box in degrees around each case narrows the search in SQL; the exact
    # distance decides.
    boxes = Q(pk__in=[])
    for case in cases:
        dlat = radius_m / 111_320
        dlon = radius_m / (111_320 * max(math.cos(math.radians(case.lat)), 0.01))
        boxes |= Q(
            jurisdiction_id=case.jurisdiction_id,
            minor_class_id=case.minor_class_id,
            lon__range=(case.lon - dlon, case.lon + dlon),
            lat__range=(case.lat - dlat, case.lat + dlat),
            reported_at__range=(case.reported_at - window, case.reported_at + window),
        )
    candidates = list(
        Case.objects.filter(boxes, state__in=OPEN_STATES, duplicate_of__isnull=True).select_related(
            "minor_class", "current_unit"
        )
    )
    found = {}
    for case in cases:
        pairs = [
            (other, distance_m(case.lon, case.lat, other.lon, other.lat))
            for other in candidates
            if other.pk != case.pk
            and other.jurisdiction_id == case.jurisdiction_id
            and other.minor_class_id == case.minor_class_id
            and abs(other.reported_at - case.reported_at) <= window
        ]
        found[case.pk] = sorted(((c, d) for c, d in pairs if d <= radius_m), key=lambda pair: pair[1])
    return found
