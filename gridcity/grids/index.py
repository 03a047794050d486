"""An in-memory spatial index answering "which grid contains this point?".

Pure Python, NumPy and shapely; nothing here touches the database.

The bounding box of the layer is cut into a raster of small square cells. Building the
index decides, once, for every cell:

* no grid touches it: every point there is outside the managed area;
* it lies strictly inside one grid (``contains_properly``, with a margin wider than any
  rounding error): every point there belongs to that grid, answered by arithmetic alone;
* otherwise it is *mixed*: the few grids that touch it are tested exactly.

Most points fall in the first two kinds of cell, so a lookup is two multiplications and a
list access; only points near a boundary pay for an exact test.

A point on an edge or vertex shared by several grids belongs to the grid with the smallest
code: the grids are held sorted by code and the first one that covers the point wins, which
makes the answer the same in every process and on every run.
"""

import math

import numpy as np
import shapely
from shapely import STRtree

OUTSIDE = -1
_MIXED = -2


class GridIndex:
    """Maps (lon, lat) to the position of a grid in ``keys`` (sorted by ``sort_keys``)."""

    def __init__(self, geometries, keys, sort_keys, cells_per_grid=256, min_cells=1 << 16, max_cells=1 << 21):
        order = sorted(range(len(keys)), key=lambda i: sort_keys[i])
        self.keys = [keys[i] for i in order]
        self.geometries = np.array([geometries[i] for i in order], dtype=object)
        shapely.prepare(self.geometries)
        self.tree = STRtree(self.geometries)
        self._build_raster(cells_per_grid, min_cells, max_cells)

    def __len__(self):
        return len(self.keys)

    def _build_raster(self, cells_per_grid, min_cells, max_cells):
        if len(self.keys) == 0:
            self.nx = self.ny = 0
            self.minx = self.miny = 0.0
            self.inv_cell = 1.0
            self.cells = []
            self.cell_array = np.zeros(0, dtype=np.int32)
            self.candidates = {}
            return
        minx, miny, maxx, maxy = shapely.total_bounds(self.geometries)
        width, height = max(maxx - minx, 1e-9), max(maxy - miny, 1e-9)
        target = min(max(cells_per_grid * len(self.keys), min_cells), max_cells)
        cell = math.sqrt(width * height / target)
        # One more column and row than the bounds need, so that points on the far edge
        # (x == maxx) still fall inside the raster.
        self.nx = int(width / cell) + 1
        self.ny = int(height / cell) + 1
        self.minx, self.miny, self.cell, self.inv_cell = minx, miny, cell, 1.0 / cell

        cell_array = np.full(self.nx * self.ny, OUTSIDE, dtype=np.int32)
        candidates = {}
        # Each cell's box is widened by a margin far larger than the rounding error of the
        # arithmetic that maps a point to its cell, so a point mapped to a cell is in its box.
        margin = cell * 1e-6
        columns = np.arange(self.nx)
        rows_per_chunk = max(1, 200_000 // self.nx)
        for first_row in range(0, self.ny, rows_per_chunk):
            rows = np.arange(first_row, min(first_row + rows_per_chunk, self.ny))
            col_grid, row_grid = np.meshgrid(columns, rows)
            col_flat, row_flat = col_grid.ravel(), row_grid.ravel()
            x0 = minx + col_flat * cell
            y0 = miny + row_flat * cell
            boxes = shapely.box(x0 - margin, y0 - margin, x0 + cell + margin, y0 + cell + margin)
            box_pos, grid_pos = self.tree.query(boxes, predicate="intersects")
            cell_ids = row_flat * self.nx + col_flat
            counts = np.bincount(box_pos, minlength=len(boxes))

            single = np.flatnonzero(counts == 1)
            only_grid = np.full(len(boxes), OUTSIDE, dtype=np.int64)
            only_grid[box_pos] = grid_pos  # exact for boxes with a single candidate
            inside = shapely.contains_properly(self.geometries[only_grid[single]], boxes[single])
            cell_array[cell_ids[single[inside]]] = only_grid[single[inside]]

            mixed_boxes = np.union1d(single[~inside], np.flatnonzero(counts > 1))
            if len(mixed_boxes):
                cell_array[cell_ids[mixed_boxes]] = _MIXED
                # Group the candidate grids of each mixed box, in code order.
                is_mixed = np.zeros(len(boxes), dtype=bool)
                is_mixed[mixed_boxes] = True
                keep = is_mixed[box_pos]
                pairs = np.lexsort((grid_pos[keep], box_pos[keep]))
                kept_boxes, kept_grids = box_pos[keep][pairs], grid_pos[keep][pairs]
                splits = np.flatnonzero(np.diff(kept_boxes)) + 1
                for group_boxes, group_grids in zip(
                    np.split(kept_boxes, splits), np.split(kept_grids, splits), strict=True
                ):
                    candidates[int(cell_ids[group_boxes[0]])] = tuple(int(g) for g in group_grids)
        self.cell_array = cell_array
        self.cells = cell_array.tolist()  # plain ints: the fastest thing for one lookup
        self.candidates = candidates

    def position(self, lon, lat):
        """Position in ``keys`` of the grid containing the point, or OUTSIDE."""
        col = math.floor((lon - self.minx) * self.inv_cell)
        row = math.floor((lat - self.miny) * self.inv_cell)
        if col < 0 or row < 0 or col >= self.nx or row >= self.ny:
            return OUTSIDE
        cell_id = row * self.nx + col
        value = self.cells[cell_id]
        if value != _MIXED:
            return value
        geometries = self.geometries
        for grid in self.candidates[cell_id]:
            if shapely.intersects_xy(geometries[grid], lon, lat):
                return grid
        return OUTSIDE

    def positions(self, lons, lats):
        """Vectorised ``position`` for arrays of points; returns an int array."""
        lons = np.asarray(lons, dtype=np.float64)
        lats = np.asarray(lats, dtype=np.float64)
        result = np.full(lons.shape, OUTSIDE, dtype=np.int32)
        if not len(self.keys) or not lons.size:
            return result
        with np.errstate(invalid="ignore"):
            cols = np.floor((lons - self.minx) * self.inv_cell)
            rows = np.floor((lats - self.miny) * self.inv_cell)
            in_raster = (cols >= 0) & (rows >= 0) & (cols < self.nx) & (rows < self.ny)
        where = np.flatnonzero(in_raster)
        values = self.cell_array[rows[where].astype(np.int64) * self.nx + cols[where].astype(np.int64)]
        result[where] = values
        mixed = where[values == _MIXED]
        if len(mixed):
            result[mixed] = OUTSIDE
            points = shapely.points(lons[mixed], lats[mixed])
            point_pos, grid_pos = self.tree.query(points, predicate="intersects")
            if len(point_pos):
                # Smallest grid position (= smallest code) per point wins.
                best = np.full(len(mixed), np.iinfo(np.int32).max, dtype=np.int64)
                np.minimum.at(best, point_pos, grid_pos)
                found = best != np.iinfo(np.int32).max
                result[mixed[found]] = best[found]
        return result
