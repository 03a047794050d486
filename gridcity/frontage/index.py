"""An in-memory index answering "whose frontage is this point on?".

Pure Python, NumPy and shapely; nothing here touches the database.

Frontages are moved to a local plane in metres; each becomes its area (a line buffered by its
depth on both sides with flat ends: the street side reaches the kerb, the other side lies in
the party's own premises, which R5 puts in its care too; a polygon as drawn) and its *reach*,
the area grown by the tolerance. A raster of square cells lists, for every cell, the reaches
that touch it. A lookup computes its cell, and usually finds no candidate (most of a town is
nobody's frontage) or one, tested exactly with a prepared geometry; when several reaches hold
the point the nearest area wins, then the nearest drawn geometry, then the smallest key.
"""

import math
from array import array

import numpy as np
import shapely

from .geometry import LocalPlane

# Cells the raster may have at most (4 bytes each, plus the candidate lists).
MAX_CELLS = 1 << 22


class FrontageIndex:
    """Maps (lon, lat) to the key of the frontage within ``tolerance_m`` of the point, or None."""

    def __init__(self, keys, geometries, depths, tolerance_m, cell_m=16.0):
        self.keys = list(keys)
        self.tolerance_m = float(tolerance_m)
        count = len(self.keys)
        if not count:
            self.plane = LocalPlane(0.0, 0.0)
            self.nx = self.ny = 0
            self.minx = self.miny = 0.0
            self.inv_cell = 1.0
            self.offsets = self.items = array("q")
            self.areas = self.drawn = self.reaches = self.boxes = []
            return
        geometries = np.asarray(geometries, dtype=object)
        minx, miny, maxx, maxy = shapely.total_bounds(geometries)
        self.plane = LocalPlane((minx + maxx) / 2, (miny + maxy) / 2)
        drawn = self.plane.to_metres(geometries)
        depths = np.asarray(depths, dtype=np.float64)
        is_line = np.isin(shapely.get_type_id(drawn), (1, 5))  # LineString, MultiLineString
        areas = drawn.copy()
        if is_line.any():
            areas[is_line] = shapely.buffer(drawn[is_line], depths[is_line], cap_style="flat")
        reaches = shapely.buffer(areas, self.tolerance_m) if self.tolerance_m > 0 else areas.copy()
        shapely.prepare(reaches)
        shapely.prepare(areas)
        self._build_raster(reaches, cell_m)
        # Plain lists: indexing one is faster than a NumPy object array in the lookup loop.
        self.areas, self.drawn, self.reaches = list(areas), list(drawn), list(reaches)
        self.boxes = [tuple(row) for row in shapely.bounds(reaches).tolist()]

    def __len__(self):
        return len(self.keys)

    def _build_raster(self, reaches, cell_m):
        bounds = shapely.bounds(reaches)
        minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
        maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
        width, height = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
        cell = max(cell_m, math.sqrt(width * height / MAX_CELLS))
        self.nx, self.ny = int(width / cell) + 1, int(height / cell) + 1
        self.minx, self.miny, self.inv_cell = minx, miny, 1.0 / cell

        c0 = np.floor((bounds[:, 0] - minx) / cell).astype(np.int64)
        r0 = np.floor((bounds[:, 1] - miny) / cell).astype(np.int64)
        c1 = np.minimum(np.floor((bounds[:, 2] - minx) / cell).astype(np.int64), self.nx - 1)
        r1 = np.minimum(np.floor((bounds[:, 3] - miny) / cell).astype(np.int64), self.ny - 1)
        widths, heights = c1 - c0 + 1, r1 - r0 + 1
        per_item = widths * heights
        item = np.repeat(np.arange(len(reaches)), per_item)
        k = np.arange(per_item.sum()) - np.repeat(np.cumsum(per_item) - per_item, per_item)
        cols = c0[item] + k % widths[item]
        rows = r0[item] + k // widths[item]
        # A long diagonal frontage's box holds many cells its reach never touches: keep only
        # the cells the reach really intersects (a little margin against rounding).
        margin = cell * 1e-6
        x0, y0 = minx + cols * cell, miny + rows * cell
        boxes = shapely.box(x0 - margin, y0 - margin, x0 + cell + margin, y0 + cell + margin)
        touches = shapely.intersects(reaches[item], boxes)
        cells = (rows * self.nx + cols)[touches]
        item = item[touches]
        order = np.lexsort((item, cells))  # by cell, then by key position (ties: smallest first)
        cells, item = cells[order], item[order]
        counts = np.bincount(cells, minlength=self.nx * self.ny)
        offsets = np.zeros(self.nx * self.ny + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        self.offsets = array("q", offsets.tobytes())
        self.items = array("q", item.astype(np.int64).tobytes())

    def _hits(self, lon, lat):
        """(x, y) in the plane and the positions whose reach holds the point."""
        x, y = self.plane.xy(lon, lat)
        col = math.floor((x - self.minx) * self.inv_cell)
        row = math.floor((y - self.miny) * self.inv_cell)
        if col < 0 or row < 0 or col >= self.nx or row >= self.ny:
            return x, y, []
        cell = row * self.nx + col
        reaches = self.reaches
        return (
            x,
            y,
            [
                c
                for c in self.items[self.offsets[cell] : self.offsets[cell + 1]]
                if shapely.intersects_xy(reaches[c], x, y)
            ],
        )

    def position(self, lon, lat):
        """Position in ``keys`` of the frontage responsible for the point, or -1.

        The hot path of every lookup: the projection and the raster are inlined, and a
        candidate's bounding box is compared in Python before GEOS is asked.
        """
        plane = self.plane
        x = (lon - plane.lon0) * plane.kx
        y = (lat - plane.lat0) * plane.ky
        col = math.floor((x - self.minx) * self.inv_cell)
        row = math.floor((y - self.miny) * self.inv_cell)
        if col < 0 or row < 0 or col >= self.nx or row >= self.ny:
            return -1
        cell = row * self.nx + col
        start, end = self.offsets[cell], self.offsets[cell + 1]
        if start == end:
            return -1
        boxes, reaches, hits = self.boxes, self.reaches, []
        for c in self.items[start:end]:
            x0, y0, x1, y1 = boxes[c]
            if x0 <= x <= x1 and y0 <= y <= y1 and shapely.intersects_xy(reaches[c], x, y):
                hits.append(c)
        if not hits:
            return -1
        if len(hits) == 1:
            return hits[0]
        # Several reaches hold the point: the one area that contains it wins outright.
        areas = self.areas
        inside = [c for c in hits if shapely.intersects_xy(areas[c], x, y)]
        if len(inside) == 1:
            return inside[0]
        return self._nearest(inside or hits, x, y)[0]

    def _nearest(self, hits, x, y):
        """(position, distance from its area) of the nearest area among ``hits``; ties go to the
        nearest drawn geometry, then to the smallest position (the smallest key)."""
        point = shapely.Point(x, y)
        to_area = [shapely.distance(self.areas[c], point) for c in hits]
        to_drawn = [shapely.distance(self.drawn[c], point) for c in hits]
        best = min(range(len(hits)), key=lambda i: (to_area[i], to_drawn[i], hits[i]))
        return hits[best], to_area[best]

    def nearest(self, lon, lat):
        """The key of the frontage responsible for the point, or None."""
        position = self.position(lon, lat)
        return None if position < 0 else self.keys[position]

    def nearest_with_distance(self, lon, lat):
        """(key, distance in metres from its area; 0 inside) or None."""
        x, y, hits = self._hits(lon, lat)
        if not hits:
            return None
        found, distance = self._nearest(hits, x, y)
        return self.keys[found], float(distance)
