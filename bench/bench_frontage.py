"""How fast ``gridcity.frontage.party_at`` finds the party whose frontage a point lies on.

Goal (from the issue): among 50,000 frontages, >= 50,000 single lookups/s.

The frontages are synthetic, generated here (a fixed seed): the demo county's area is laid
with a lattice of streets 50 m apart, and both sides of every street are lined with shop
fronts 6–20 m long, building lines 13 m from the street's centre, 5 m deep — a town far
denser than Junan, as a large city would be. They are written as Party rows to a throwaway
SQLite database holding the demo county, and read back by the public API, which builds its
index on the first lookup (the build time is reported) and rechecks the layer's revision with
the default GRID_INDEX_RECHECK_SECONDS. Half of the points lie on or near a frontage (within
12 m of its building line, so some fall outside the 5 m tolerance), half anywhere in the county.

Prints one JSON object per line (see bench/run). Each figure is the median of three timed
rounds; bench/run takes the median over its runs.

    .venv/bin/python bench/bench_frontage.py --size full
"""

import argparse
import json
import math
import os
import random
import statistics
import tempfile
import time

SIZES = {
    "full": {"frontages": 50_000, "points": 100_000, "min_seconds": 1.0, "goal": 50_000},
    "tiny": {"frontages": 2_000, "points": 4_000, "min_seconds": 0.05, "goal": None},
}
STREET_SPACING_M = 50.0
BUILDING_LINE_M = 13.0


def emit(name, value, unit, goal=None, higher_is_better=True):
    figure = {"name": name, "value": value, "unit": unit, "goal": goal, "higher_is_better": higher_is_better}
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def per_second(run, items, min_seconds, rounds=3):
    """Median over ``rounds`` of the items handled per second by ``run()`` (``items`` per call)."""
    rates = []
    for _round in range(rounds):
        calls, start = 0, time.perf_counter()
        while True:
            run()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds:
                break
        rates.append(calls * items / elapsed)
    return statistics.median(rates)


def set_up_django(directory):
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/gridcity-bench.sqlite3"
    os.environ["GRIDCITY_VAR_DIR"] = directory
    os.environ["DJANGO_SETTINGS_MODULE"] = "gridcity.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gridcity.demo.county import load_demo

    call_command("migrate", verbosity=0)
    jurisdiction, _accounts = load_demo(cases=False)
    context = f"{connection.vendor} {connection.Database.sqlite_version} (throwaway file, bench_frontage.py)"
    print(json.dumps({"context": "database", "value": context}), flush=True)
    return jurisdiction


def synthetic_frontages(area, count, rng):
    """``count`` shop-front lines (lists of two [lon, lat]) along a lattice of streets inside
    ``area`` (a shapely polygon in lon/lat), and the plane they were laid out in."""
    import shapely

    from gridcity.frontage.geometry import LocalPlane

    minx, miny, maxx, maxy = area.bounds
    plane = LocalPlane((minx + maxx) / 2, (miny + maxy) / 2)
    x0, y0 = plane.xy(minx, miny)
    x1, y1 = plane.xy(maxx, maxy)
    shapely.prepare(area)

    def degrees(x, y):
        return [plane.lon0 + x / plane.kx, plane.lat0 + y / plane.ky]

    lines = []
    streets = []
    x = x0 + STREET_SPACING_M / 2
    while x < x1:
        streets.append(("ns", x))
        x += STREET_SPACING_M
    y = y0 + STREET_SPACING_M / 2
    while y < y1:
        streets.append(("ew", y))
        y += STREET_SPACING_M
    rng.shuffle(streets)
    for direction, position in streets:
        start, end = (y0, y1) if direction == "ns" else (x0, x1)
        for side in (-1, 1):
            along = start + rng.uniform(20, 40)
            while along < end - 30 and len(lines) < count:
                length = rng.uniform(6, 20)
                # Leave the crossings free: a shop front lies between two crossing streets,
                # 8 m clear of each.
                past_crossing = (along - start - STREET_SPACING_M / 2) % STREET_SPACING_M
                if past_crossing >= 8 and past_crossing + length <= STREET_SPACING_M - 8:
                    offset = position + side * BUILDING_LINE_M
                    if direction == "ns":
                        line = [degrees(offset, along), degrees(offset, along + length)]
                    else:
                        line = [degrees(along, offset), degrees(along + length, offset)]
                    if shapely.contains(area, shapely.LineString(line)):
                        lines.append(line)
                along += length + rng.uniform(1, 4)
        if len(lines) >= count:
            break
    return lines


def register(jurisdiction, lines):
    """Write the frontages as parties (bulk: the bench measures lookups, not registration)."""
    from gridcity.frontage.codes import uscc_check_character
    from gridcity.frontage.lookup import frontage_changed
    from gridcity.frontage.models import Party, PartyKind
    from gridcity.grids import locate_many

    middles = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in lines]
    locations = locate_many([m[0] for m in middles], [m[1] for m in middles])
    parties = []
    for n, (line, middle, location) in enumerate(zip(lines, middles, locations, strict=True)):
        if location is None:
            continue
        body = f"92371327{n:09d}"
        parties.append(
            Party(
                jurisdiction=jurisdiction,
                kind=PartyKind.INDIVIDUAL_BUSINESS,
                name=f"商户{n:05d}",
                credit_code=body + uscc_check_character(body),
                address="",
                lon=middle[0],
                lat=middle[1],
                grid_id=location.grid_id,
                zone_id=location.zone_id,
                frontage={"type": "LineString", "coordinates": line},
                depth_m=5.0,
            )
        )
    Party.objects.bulk_create(parties, batch_size=2000)
    frontage_changed()
    return len(parties)


def sample_points(lines, area, count, rng):
    """Half near a random frontage (up to 12 m across its line), half anywhere in the area."""
    from gridcity.frontage.geometry import LocalPlane

    minx, miny, maxx, maxy = area.bounds
    plane = LocalPlane((minx + maxx) / 2, (miny + maxy) / 2)
    points = []
    for n in range(count):
        if n % 2:
            points.append((rng.uniform(minx, maxx), rng.uniform(miny, maxy)))
            continue
        (ax, ay), (bx, by) = rng.choice(lines)
        t = rng.random()
        ux, uy = (bx - ax) * plane.kx, (by - ay) * plane.ky
        norm = math.hypot(ux, uy)
        across = rng.uniform(-12, 12)
        points.append(
            (
                ax + t * (bx - ax) - uy / norm * across / plane.kx,
                ay + t * (by - ay) + ux / norm * across / plane.ky,
            )
        )
    return points


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="full")
    size = SIZES[parser.parse_args().size]
    with tempfile.TemporaryDirectory(prefix="gridcity-bench-") as directory:
        jurisdiction = set_up_django(directory)
        import shapely

        from gridcity.frontage import party_at
        from gridcity.frontage.lookup import current_indexes
        from gridcity.grids.models import Grid

        rng = random.Random(20240601)
        area = shapely.union_all([shapely.geometry.shape(g.boundary) for g in Grid.objects.active()])
        lines = synthetic_frontages(area, size["frontages"], rng)
        count = register(jurisdiction, lines)

        start = time.perf_counter()
        current_indexes()  # the first lookup of a process builds the index
        emit(
            f"frontage index build, {count:,} generated frontages",
            time.perf_counter() - start,
            "s",
            higher_is_better=False,
        )

        points = sample_points(lines, area, size["points"], rng)
        found = 0

        def look_up_each(points=points):
            nonlocal found
            found = 0
            for lon, lat in points:
                if party_at(lon, lat) is not None:
                    found += 1

        look_up_each(points[: len(points) // 10])  # warm-up
        rate = per_second(look_up_each, len(points), size["min_seconds"])
        emit(f"party_at single, {count:,} generated frontages", rate, "lookups/s", size["goal"])
        emit(
            f"share of the party_at points on a frontage, {count:,} generated frontages",
            100 * found / len(points),
            "%",
        )
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
