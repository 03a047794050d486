"""Hand-made component registers for tests, placed in the demo county's grids.

The demo layer (gridcity.demo.county.grid_layer) has 11 columns × 3 rows of grids west to
east and north to south from 118.7945 E, 35.188 N, each 0.0065° × 0.0115°; its vertices move
at most 15 % of a step, so the middle of each cell is safely inside its grid.
"""

import csv
import io
import json

from gridcity.catalog.register import COLUMNS

WEST, NORTH, STEP_LON, STEP_LAT = 118.7945, 35.188, 0.0065, 0.0115


def point(column=0, row=0):
    """(lon, lat) in the middle of the demo grid in that column (0–10) and row (0–2)."""
    return round(WEST + (column + 0.5) * STEP_LON, 6), round(NORTH - (row + 0.5) * STEP_LAT, 6)


def grid_code(column=0, row=0):
    return f"371327001{column + 1:03d}{row + 1:03d}"


def code(serial, class_code="0101", admin="371327"):
    return f"{admin}{class_code}{serial:06d}"


def row(serial=1, class_code="0101", column=0, grid_row=0, **values):
    lon, lat = point(column, grid_row)
    return {
        "code": code(serial, class_code),
        "class": class_code,
        "lon": lon,
        "lat": lat,
        "state": "intact",
    } | values


def good_rows():
    """Three components: two manhole covers and a lamp, with units and an owner."""
    return [
        row(
            1,
            "0101",
            0,
            0,
            state="完好",
            maintenance_unit="urban-management",
            competent_unit="urban-management",
        ),
        row(2, "0101", 3, 1, state="破损", owner_unit="housing-construction", note="路口东侧"),
        row(1, "0118", 10, 2, state="occupied", owner_name="莒南县供电公司"),
    ]


def to_csv(rows, columns=COLUMNS, bom=False):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def to_geojson(rows):
    features = []
    for values in rows:
        properties = {k: v for k, v in values.items() if k not in ("lon", "lat")}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [values["lon"], values["lat"]]},
                "properties": properties,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()
