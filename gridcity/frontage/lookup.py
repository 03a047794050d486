"""``party_at(lon, lat)``: the responsible party whose frontage a point lies on.

Each process holds one FrontageIndex per jurisdiction over the active parties that have a
frontage. Like the grid index (gridcity.grids.locating), it is rebuilt when this process
changes a party, and when the frontage revision in the database moves (another process changed
one), which is checked at most every GRID_INDEX_RECHECK_SECONDS. A point counts as on a frontage
within FRONTAGE_TOLERANCE_M metres of its area (positions from a phone are a few metres off).
"""

import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from .index import FrontageIndex


@dataclass(frozen=True, slots=True)
class PartyRef:
    party_id: int
    name: str
    kind: str
    jurisdiction_id: int


class _Cache:
    def __init__(self):
        self.indexes = None  # {jurisdiction id: FrontageIndex}
        self.revision = None
        self.tolerance = None
        self.fresh_until = -math.inf
        self.lock = threading.Lock()


_cache = _Cache()


def tolerance_m():
    return float(settings.FRONTAGE_TOLERANCE_M)


def build_indexes(tolerance=None):
    """Read the active parties' frontages and build one index per jurisdiction."""
    import shapely

    from .models import Party

    tolerance = tolerance_m() if tolerance is None else tolerance
    rows = (
        Party.objects.active()
        .filter(frontage__isnull=False)
        .order_by("pk")
        .values_list("pk", "name", "kind", "jurisdiction_id", "frontage", "depth_m")
    )
    grouped = {}
    for pk, name, kind, jurisdiction_id, frontage, depth in rows.iterator(chunk_size=5000):
        keys, geometries, depths = grouped.setdefault(jurisdiction_id, ([], [], []))
        keys.append(PartyRef(pk, name, kind, jurisdiction_id))
        geometries.append(shapely.geometry.shape(frontage))
        depths.append(depth)
    return {
        jurisdiction_id: FrontageIndex(keys, geometries, depths, tolerance)
        for jurisdiction_id, (keys, geometries, depths) in grouped.items()
    }


def current_indexes():
    """The indexes of this process, rebuilt first if a frontage (or the tolerance) changed."""
    cache = _cache
    now = time.monotonic()
    tolerance = tolerance_m()
    if now < cache.fresh_until and cache.indexes is not None and cache.tolerance == tolerance:
        return cache.indexes
    from .models import FrontageRevision

    revision = FrontageRevision.current()
    if cache.indexes is None or revision != cache.revision or cache.tolerance != tolerance:
        with cache.lock:
            if cache.indexes is None or revision != cache.revision or cache.tolerance != tolerance:
                cache.indexes = build_indexes(tolerance)
                cache.revision, cache.tolerance = revision, tolerance
    cache.fresh_until = now + settings.GRID_INDEX_RECHECK_SECONDS
    return cache.indexes


def _indexes_for(jurisdiction):
    indexes = current_indexes()
    if jurisdiction is None:
        return indexes.values()
    jurisdiction_id = getattr(jurisdiction, "pk", jurisdiction)
    index = indexes.get(jurisdiction_id)
    return (index,) if index is not None else ()


def party_at(lon, lat, jurisdiction=None):
    """The PartyRef of the party responsible for the point (WGS84 degrees), or None.

    Within the tolerance of several frontages, the nearest wins (then the party registered
    first). ``jurisdiction`` (a Jurisdiction or its id) limits the search to one county.
    """
    lon, lat = float(lon), float(lat)
    for index in _indexes_for(jurisdiction):
        position = index.position(lon, lat)
        if position >= 0:
            return index.keys[position]
    return None


def party_near(lon, lat, jurisdiction=None):
    """(PartyRef, distance in metres from its frontage area, 0 inside) or None."""
    lon, lat = float(lon), float(lat)
    for index in _indexes_for(jurisdiction):
        found = index.nearest_with_distance(lon, lat)
        if found is not None:
            return found
    return None


def forget_index():
    _cache.indexes = None
    _cache.fresh_until = -math.inf


def frontage_changed(sender=None, **kwargs):
    """Signal receiver (and a function for bulk writes): parties or their frontages changed."""
    from .models import FrontageRevision

    FrontageRevision.bump()
    # Forget now, so this connection sees its own change; again after commit, in case another
    # thread rebuilt from the old rows in between.
    forget_index()
    transaction.on_commit(forget_index)
