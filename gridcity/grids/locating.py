"""``locate(lon, lat)``: the grid and zone containing a point, from an in-memory index.

Each process holds one index over every active grid of every jurisdiction (counties do not
overlap). It is rebuilt when this process changes a grid or zone, and when the layer's
revision number in the database moves (another process changed it), which is checked at
most every GRID_INDEX_RECHECK_SECONDS.
"""

import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .index import OUTSIDE, GridIndex


@dataclass(frozen=True, slots=True)
class Location:
    grid_id: int
    grid_code: str
    grid_name: str
    zone_id: int
    zone_code: str
    zone_name: str
    jurisdiction_id: int


class OutsideManagedArea(ValueError):
    """The point lies in no grid of the managed area."""

    def __init__(self, lon, lat):
        super().__init__(lon, lat)
        self.lon, self.lat = lon, lat

    def __str__(self):
        # Translated when read, not when raised: callers that only test for "outside" pay nothing.
        return _("The point (%(lon)s, %(lat)s) is outside the managed area: it lies in no grid.") % {
            "lon": self.lon,
            "lat": self.lat,
        }


class _Cache:
    def __init__(self):
        self.index = None
        self.revision = None
        self.fresh_until = -math.inf  # time.monotonic() until which the revision is not re-read
        self.lock = threading.Lock()


_cache = _Cache()


def build_index():
    """Read the active grid layer and build its index (bench/RESULTS.md has the build time)."""
    import shapely

    from .models import Grid

    rows = list(
        Grid.objects.active().values_list(
            "id", "code", "name", "boundary", "zone_id", "zone__code", "zone__name", "jurisdiction_id"
        )
    )
    geometries = [shapely.geometry.shape(row[3]) for row in rows]
    keys = [Location(r[0], r[1], r[2], r[4], r[5], r[6], r[7]) for r in rows]
    return GridIndex(list(geometries), keys, [r[1] for r in rows])


def current_index():
    """The index for this process, rebuilt first if the layer changed."""
    cache = _cache
    now = time.monotonic()
    if now < cache.fresh_until and cache.index is not None:
        return cache.index
    from .models import LayerRevision

    revision = LayerRevision.current()
    if cache.index is None or revision != cache.revision:
        with cache.lock:
            if cache.index is None or revision != cache.revision:
                cache.index = build_index()
                cache.revision = revision
    cache.fresh_until = now + settings.GRID_INDEX_RECHECK_SECONDS
    return cache.index


def locate(lon, lat):
    """The Location (grid, zone, jurisdiction) containing the point (WGS84 degrees).

    Raises OutsideManagedArea when no grid contains it, and ValueError when the
    coordinates are not finite numbers. A point on a shared edge belongs to the grid
    with the smallest code.
    """
    lon, lat = float(lon), float(lat)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(_("Longitude and latitude must be finite numbers."))
    index = current_index()
    position = index.position(lon, lat)
    if position == OUTSIDE:
        raise OutsideManagedArea(lon, lat)
    return index.keys[position]


def locate_many(lons, lats):
    """Locations for many points at once: a list with None for each point outside."""
    index = current_index()
    keys = index.keys
    return [keys[p] if p != OUTSIDE else None for p in index.positions(lons, lats).tolist()]


def forget_index():
    _cache.index = None
    _cache.fresh_until = -math.inf


def layer_changed(sender=None, **kwargs):
    """Signal receiver: a zone or grid was saved or deleted."""
    from .models import LayerRevision

    LayerRevision.bump()
    # Forget now, so this connection sees its own change; forget again after commit, in case
    # another thread rebuilt from the old layer in between.
    forget_index()
    transaction.on_commit(forget_index)
