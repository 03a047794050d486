"""Where a finding lies in its grid."""

import shapely


def _shape(grid):
    return shapely.geometry.shape(grid.boundary)


def grid_covers(grid, lon, lat):
    """Whether the point lies in the grid (its boundary included)."""
    return _shape(grid).covers(shapely.Point(float(lon), float(lat)))


def default_point(grid):
    """The grid's centre (centroid), or a point surely inside it when the centroid falls outside
    (an L-shaped grid): a finding recorded without a position is placed there."""
    shape = _shape(grid)
    point = shape.centroid
    if not shape.contains(point):
        point = shape.representative_point()
    return round(point.x, 7), round(point.y, 7)
