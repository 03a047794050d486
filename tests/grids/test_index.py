"""The spatial index alone (no database), on a larger irregular tiling, against an exact test."""

import random

import numpy as np
import pytest
import shapely

from gridcity.grids.index import OUTSIDE, GridIndex


def jittered_tiling(side, seed):
    rng = random.Random(seed)
    step = 0.002
    vertex = {
        (i, j): (
            118.8 + i * step + rng.uniform(-0.3, 0.3) * step,
            35.1 + j * step + rng.uniform(-0.3, 0.3) * step,
        )
        for i in range(side + 1)
        for j in range(side + 1)
    }
    return [
        shapely.Polygon([vertex[i, j], vertex[i + 1, j], vertex[i + 1, j + 1], vertex[i, j + 1]])
        for i in range(side)
        for j in range(side)
    ]


def exact(shapes, codes, x, y):
    point = shapely.Point(x, y)
    covering = [code for shape, code in zip(shapes, codes, strict=True) if shape.intersects(point)]
    return min(covering) if covering else None


@pytest.mark.parametrize("cells_per_grid", [4, 1024])
def test_random_edge_and_vertex_points_agree_with_the_exact_answer(cells_per_grid):
    shapes = jittered_tiling(12, seed=7)
    # Codes deliberately not in the order of the shapes, so ties are settled by code.
    codes = [f"{(n * 37) % 1000:03d}" for n in range(len(shapes))]
    index = GridIndex(shapes, codes, codes, cells_per_grid=cells_per_grid, min_cells=16)
    rng = np.random.default_rng(3)
    xs = list(rng.uniform(118.797, 118.827, 3000))
    ys = list(rng.uniform(35.097, 35.127, 3000))
    for shape in shapes[::5]:
        for x, y in shape.exterior.coords:  # vertices, shared by up to four grids
            xs.append(x)
            ys.append(y)
    bulk = index.positions(xs, ys)
    for n, (x, y) in enumerate(zip(xs, ys, strict=True)):
        expected = exact(shapes, codes, x, y)
        single = index.position(x, y)
        assert (index.keys[single] if single != OUTSIDE else None) == expected
        assert (index.keys[bulk[n]] if bulk[n] != OUTSIDE else None) == expected


def test_an_empty_layer_finds_nothing():
    index = GridIndex([], [], [])
    assert index.position(118.8, 35.1) == OUTSIDE
    assert list(index.positions([118.8], [35.1])) == [OUTSIDE]
