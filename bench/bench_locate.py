"""How fast ``gridcity.grids.locate`` answers "which grid contains this point?".

Goals (from the issue): with the 33 demo grids, >= 200,000 single lookups/s and >= 1,000,000
points/s in bulk; with 10,000 grids (a city), >= 100,000 single lookups/s.

The demo figures go through the public API (``locate``, ``locate_many``) on a throwaway SQLite
database holding the demo county, with the default GRID_INDEX_RECHECK_SECONDS. The city
figures use ``GridIndex`` directly on a generated tiling: no database.

Prints one JSON object per line (see bench/run): figures have name, value, unit, goal
(or null) and higher_is_better; a ``context`` line describes the database used.

    .venv/bin/python bench/bench_locate.py --size full
"""

import argparse
import json
import os
import random
import tempfile
import time

import numpy as np
import shapely

SIZES = {
    # seconds per measurement, points in the single-lookup loop, points per bulk call, city side
    "full": {"min_seconds": 1.0, "single_points": 100_000, "bulk_points": 1_000_000, "city_side": 100},
    "tiny": {"min_seconds": 0.05, "single_points": 2_000, "bulk_points": 10_000, "city_side": 20},
}


def emit(name, value, unit, goal=None, higher_is_better=True):
    figure = {"name": name, "value": value, "unit": unit, "goal": goal, "higher_is_better": higher_is_better}
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def per_second(run, items, min_seconds):
    """Items handled per second by ``run()`` (``items`` per call), called for at least min_seconds."""
    calls, start = 0, time.perf_counter()
    while True:
        run()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return calls * items / elapsed


def random_points(rng, bounds, count):
    """Uniform points over a bounding box: mostly inside grids, some near the jagged outer edge
    (outside), some near a boundary between grids (in a raster cell that needs an exact test)."""
    minx, miny, maxx, maxy = bounds
    return rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count)


def city_tiling(side, seed=35):
    """side x side jittered quadrilaterals around 118.8 E, 35.1 N (about 20 km across for 100).

    Like the demo layer: a lattice whose vertices move a little at random and are shared by
    the neighbouring cells, so there are no gaps and no overlaps.
    """
    step_lon, step_lat = 0.0022, 0.0018  # about 200 m each way
    west, north = 118.8 - side * step_lon / 2, 35.1 + side * step_lat / 2
    jitter = random.Random(seed)
    vertices = {
        (i, j): (
            west + (i + jitter.uniform(-0.15, 0.15)) * step_lon,
            north - (j + jitter.uniform(-0.15, 0.15)) * step_lat,
        )
        for i in range(side + 1)
        for j in range(side + 1)
    }
    geometries, codes = [], []
    for i in range(side):
        for j in range(side):
            ring = [vertices[i, j], vertices[i, j + 1], vertices[i + 1, j + 1], vertices[i + 1, j]]
            geometries.append(shapely.Polygon(ring))
            # 15 digits: county, street, community, sequence
            codes.append(f"371302{i // 10 + 1:03d}{i + 1:03d}{j + 1:03d}")
    return geometries, codes


def set_up_django(directory):
    """Django on a throwaway SQLite file in ``directory``, with the demo county loaded."""
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/gridcity-bench.sqlite3"
    os.environ["GRIDCITY_VAR_DIR"] = directory  # nothing under the project's var/
    os.environ["DJANGO_SETTINGS_MODULE"] = "gridcity.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gridcity.demo.county import load_demo

    call_command("migrate", verbosity=0)
    load_demo(cases=False)
    context = f"{connection.vendor} {connection.Database.sqlite_version} (throwaway file, bench_locate.py)"
    print(json.dumps({"context": "database", "value": context}), flush=True)


def bench_demo(size):
    from gridcity.grids import OutsideManagedArea, locate, locate_many
    from gridcity.grids.locating import current_index

    index = current_index()  # built once here, as the first request of a process would
    count = len(index)
    rng = np.random.default_rng(20240501)
    bounds = shapely.total_bounds(index.geometries)

    lons, lats = random_points(rng, bounds, size["single_points"])
    points = list(zip(lons.tolist(), lats.tolist(), strict=True))
    inside = 0

    def locate_each(points=points):
        nonlocal inside
        inside = 0
        for lon, lat in points:
            try:
                locate(lon, lat)
                inside += 1
            except OutsideManagedArea:
                pass

    locate_each(points[: len(points) // 10])  # warm-up
    rate = per_second(locate_each, len(points), size["min_seconds"])
    emit(f"locate single, {count} demo grids", rate, "lookups/s", 200_000)
    emit(
        f"share of the locate single points inside a grid, {count} demo grids",
        100 * inside / len(points),
        "%",
    )

    lons, lats = random_points(rng, bounds, size["bulk_points"])
    locate_many(lons[:1000], lats[:1000])  # warm-up
    rate = per_second(lambda: locate_many(lons, lats), len(lons), size["min_seconds"])
    emit(f"locate_many bulk, {count} demo grids", rate, "points/s", 1_000_000)
    index.positions(lons[:1000], lats[:1000])
    rate = per_second(lambda: index.positions(lons, lats), len(lons), size["min_seconds"])
    emit(f"GridIndex.positions bulk, {count} demo grids", rate, "points/s")


def bench_city(size):
    from gridcity.grids.index import GridIndex

    geometries, codes = city_tiling(size["city_side"])
    count = len(geometries)
    start = time.perf_counter()
    index = GridIndex(geometries, codes, codes)
    build_seconds = time.perf_counter() - start

    rng = np.random.default_rng(20240502)
    bounds = shapely.total_bounds(index.geometries)
    lons, lats = random_points(rng, bounds, size["single_points"])
    points = list(zip(lons.tolist(), lats.tolist(), strict=True))
    position = index.position

    def position_each(points=points):
        for lon, lat in points:
            position(lon, lat)

    position_each(points[: len(points) // 10])  # warm-up
    rate = per_second(position_each, len(points), size["min_seconds"])
    goal = 100_000 if count >= 10_000 else None  # the goal is for a city of 10,000 grids
    emit(f"GridIndex.position single, {count:,} generated grids", rate, "lookups/s", goal)

    lons, lats = random_points(rng, bounds, size["bulk_points"])
    index.positions(lons[:1000], lats[:1000])
    rate = per_second(lambda: index.positions(lons, lats), len(lons), size["min_seconds"])
    emit(f"GridIndex.positions bulk, {count:,} generated grids", rate, "points/s")
    emit(f"GridIndex build, {count:,} generated grids", build_seconds, "s", higher_is_better=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="full")
    size = SIZES[parser.parse_args().size]
    with tempfile.TemporaryDirectory(prefix="gridcity-bench-") as directory:
        set_up_django(directory)
        bench_demo(size)
        from django.db import connections

        connections.close_all()
    bench_city(size)


if __name__ == "__main__":
    main()
