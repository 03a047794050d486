"""An in-memory spatial index answering "which grid contains this point?".

Pure Python, NumPy and shapely; nothing here touches the database.

The bounding box of the layer is cut into a raster of small square cells, and building the
index decides once, for every cell:

* a grid boundary passes through or near it: the cell is *mixed*, and the few grids that may
  hold its points are listed, to be tested exactly (GEOS) at lookup time (the raster stores
  -2 - k for the k-th mixed cell);
* otherwise the whole cell lies inside one grid, or outside all of them, and a lookup there
  is two multiplications and an array access.

Mixed cells are found by walking every boundary segment in steps of half a cell and marking
the 3 × 3 cells around each step, which covers every cell the segment touches; a marked cell
that lies wholly inside one grid after all is then settled to that grid. The other
cells are labelled run by run along each row: no boundary crosses a run of unmarked cells,
so one point query at the start of the run labels all of it.

A point on an edge or vertex shared by several grids belongs to the grid with the smallest
code: grids are held sorted by code and the first one that covers the point wins, which gives
the same answer in every process and on every run.
"""

import math
from array import array

import numpy as np
import shapely
from shapely import STRtree

OUTSIDE = -1
_MIXED = -2


def _unique(values):
    """Sorted unique values (sorting beats np.unique's hashing by far on millions of int64)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


class GridIndex:
    """Maps (lon, lat) to the position of a grid in ``keys`` (sorted by ``sort_keys``)."""

    def __init__(self, geometries, keys, sort_keys, cells_per_grid=256, min_cells=1 << 20, max_cells=1 << 21):
        order = sorted(range(len(keys)), key=lambda i: sort_keys[i])
        self.keys = [keys[i] for i in order]
        self.geometries = np.array([geometries[i] for i in order], dtype=object)
        shapely.prepare(self.geometries)
        self.tree = STRtree(self.geometries)
        if len(self.keys):
            self._build_raster(min(max(cells_per_grid * len(self.keys), min_cells), max_cells))
        else:
            self.nx = self.ny = 0
            self.minx = self.miny = 0.0
            self.inv_cell = 1.0
            self.cell_array = np.zeros(0, dtype=np.int32)
            self.candidate_offsets = self.candidate_grids = array("q")
        # array.array indexing returns a plain int quickly: the fastest store for one lookup.
        self.cells = array("i", self.cell_array.tobytes())

    def __len__(self):
        return len(self.keys)

    def _build_raster(self, target_cells):
        minx, miny, maxx, maxy = shapely.total_bounds(self.geometries)
        width, height = max(maxx - minx, 1e-9), max(maxy - miny, 1e-9)
        cell = math.sqrt(width * height / target_cells)
        # One more column and row than the bounds need, so points on the far edge (x == maxx)
        # still fall inside the raster.
        self.nx, self.ny = int(width / cell) + 1, int(height / cell) + 1
        self.minx, self.miny, self.inv_cell = minx, miny, 1.0 / cell

        grid_count = len(self.keys)
        near = self._cells_near_boundaries(cell, grid_count)  # cell * grid_count + grid
        mixed_cells = _unique(near // grid_count)
        cells = np.full(self.nx * self.ny, OUTSIDE, dtype=np.int64)
        cells[mixed_cells] = _MIXED
        self._label_runs(cells, cell)

        # The 3 x 3 marking is generous: a marked cell lying wholly (with a margin wider than
        # any rounding error) inside the grid at its centre needs no exact test after all.
        centre_grid = self._smallest_grid_at(*self._centres(mixed_cells, cell))
        has_centre = np.flatnonzero(centre_grid != OUTSIDE)
        x0, y0 = self._centres(mixed_cells[has_centre], cell)
        half, margin = cell / 2, cell * 1e-6
        boxes = shapely.box(x0 - half - margin, y0 - half - margin, x0 + half + margin, y0 + half + margin)
        inside = has_centre[shapely.contains_properly(self.geometries[centre_grid[has_centre]], boxes)]
        cells[mixed_cells[inside]] = centre_grid[inside]
        still_mixed = np.ones(len(mixed_cells), dtype=bool)
        still_mixed[inside] = False
        near = near[np.isin(near // grid_count, mixed_cells[still_mixed], assume_unique=False)]
        mixed_cells, centre_grid = mixed_cells[still_mixed], centre_grid[still_mixed]

        # A mixed cell's candidates: the grids whose boundary passes near it, and the grid
        # holding its centre (which covers the whole cell when its own boundary stays away).
        has_centre = centre_grid != OUTSIDE
        pairs = _unique(
            np.concatenate([near, mixed_cells[has_centre] * grid_count + centre_grid[has_centre]])
        )
        pair_cells, pair_grids = np.divmod(pairs, grid_count)  # sorted by cell, then grid (= code)
        # Candidates are stored flat: mixed cell k holds -(2 + k) in the raster, and its grids
        # are candidate_grids[candidate_offsets[k]:candidate_offsets[k + 1]].
        first_of_cell = np.flatnonzero(np.r_[True, pair_cells[1:] != pair_cells[:-1]])
        cells[pair_cells[first_of_cell]] = -2 - np.arange(len(first_of_cell))
        self.candidate_offsets = array("q", np.r_[first_of_cell, len(pairs)].tolist())
        self.candidate_grids = array("q", pair_grids.tolist())
        self.cell_array = cells.astype(np.int32)

    def _cells_near_boundaries(self, cell, grid_count):
        """Unique keys cell * grid_count + grid for every cell a grid's boundary passes near."""
        boundaries = shapely.boundary(self.geometries)
        coords, ring_of = shapely.get_coordinates(boundaries, return_index=True)
        # Consecutive coordinates of one grid's boundary form its segments. Where a grid has
        # several rings, the step from one ring to the next is walked too: it only marks a few
        # extra cells as mixed (tested exactly), never fewer.
        same = ring_of[1:] == ring_of[:-1]
        start, end, grid = coords[:-1][same], coords[1:][same], ring_of[:-1][same]
        length = np.hypot(end[:, 0] - start[:, 0], end[:, 1] - start[:, 1])
        steps = np.ceil(length / (cell / 2)).astype(np.int64) + 1
        segment = np.repeat(np.arange(len(steps)), steps)
        fraction = (np.arange(steps.sum()) - np.repeat(np.cumsum(steps) - steps, steps)) / np.repeat(
            np.maximum(steps - 1, 1), steps
        )
        xs = start[segment, 0] + fraction * (end[segment, 0] - start[segment, 0])
        ys = start[segment, 1] + fraction * (end[segment, 1] - start[segment, 1])
        cols = np.floor((xs - self.minx) * self.inv_cell).astype(np.int64)
        rows = np.floor((ys - self.miny) * self.inv_cell).astype(np.int64)
        sample_grid = grid[segment]
        # Neighbouring samples share most cells: deduplicate before fanning out to 3 x 3.
        centres = _unique((rows * self.nx + cols) * grid_count + sample_grid)
        centre_cells, sample_grid = np.divmod(centres, grid_count)
        rows, cols = np.divmod(centre_cells, self.nx)
        keys = []
        for dc in (-1, 0, 1):
            for dr in (-1, 0, 1):
                c, r = cols + dc, rows + dr
                ok = (c >= 0) & (c < self.nx) & (r >= 0) & (r < self.ny)
                keys.append((r[ok] * self.nx + c[ok]) * grid_count + sample_grid[ok])
        return _unique(np.concatenate(keys))

    def _centres(self, cell_ids, cell):
        rows, cols = np.divmod(cell_ids, self.nx)
        return self.minx + (cols + 0.5) * cell, self.miny + (rows + 0.5) * cell

    def _smallest_grid_at(self, xs, ys):
        """Position of the smallest-code grid covering each point, or OUTSIDE."""
        result = np.full(len(xs), OUTSIDE, dtype=np.int64)
        if len(xs):
            point_pos, grid_pos = self.tree.query(shapely.points(xs, ys), predicate="intersects")
            best = np.full(len(xs), np.iinfo(np.int64).max, dtype=np.int64)
            np.minimum.at(best, point_pos, grid_pos)
            found = best != np.iinfo(np.int64).max
            result[found] = best[found]
        return result

    def _label_runs(self, cells, cell):
        """Label every unmarked cell with the grid holding it (or OUTSIDE), one query per run."""
        grid = cells.reshape(self.ny, self.nx)
        unmarked = grid != _MIXED
        previous_unmarked = np.zeros_like(unmarked)
        previous_unmarked[:, 1:] = unmarked[:, :-1]
        run_start = unmarked & ~previous_unmarked
        starts = np.flatnonzero(run_start.ravel())
        labels = self._smallest_grid_at(*self._centres(starts, cell))
        # Each unmarked cell takes the label of the latest run start at or before it.
        start_index = np.where(run_start.ravel(), np.arange(cells.size), 0)
        latest_start = np.maximum.accumulate(start_index)
        label_of_start = np.zeros(cells.size, dtype=np.int64)
        label_of_start[starts] = labels
        flat_unmarked = unmarked.ravel()
        cells[flat_unmarked] = label_of_start[latest_start[flat_unmarked]]

    def position(self, lon, lat):
        """Position in ``keys`` of the grid containing the point, or OUTSIDE."""
        col = math.floor((lon - self.minx) * self.inv_cell)
        row = math.floor((lat - self.miny) * self.inv_cell)
        if col < 0 or row < 0 or col >= self.nx or row >= self.ny:
            return OUTSIDE
        value = self.cells[row * self.nx + col]
        if value >= OUTSIDE:
            return value
        mixed = -2 - value
        geometries = self.geometries
        for grid in self.candidate_grids[self.candidate_offsets[mixed] : self.candidate_offsets[mixed + 1]]:
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
        mixed = where[values < OUTSIDE]
        if len(mixed):
            result[mixed] = self._smallest_grid_at(lons[mixed], lats[mixed])
        return result
