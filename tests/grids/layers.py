"""Hand-made GeoJSON layers for tests: squares of 0.01° near 118.80 E, 35.10 N."""

import copy

WEST, SOUTH, STEP = 118.80, 35.10, 0.01


def square(col, row, size=1):
    x0, y0 = round(WEST + col * STEP, 6), round(SOUTH + row * STEP, 6)
    x1, y1 = round(x0 + size * STEP, 6), round(y0 + size * STEP, 6)
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def feature(code, geometry, zone="01", zone_name="第一网区", **properties):
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "code": code,
            "name": f"网格{code[-3:]}",
            "zone": zone,
            "zone_name": zone_name,
            **properties,
        },
    }


def code(sequence, community=1):
    return f"371327001{community:03d}{sequence:03d}"


def two_by_two():
    """Four squares in one zone; codes 001 (south-west), 002 (south-east), 003 (north-west), 004 (north-east)."""
    return {
        "type": "FeatureCollection",
        "features": [
            feature(code(1), square(0, 0)),
            feature(code(2), square(1, 0)),
            feature(code(3), square(0, 1)),
            feature(code(4), square(1, 1)),
        ],
    }


def changed(layer, number, **properties):
    layer = copy.deepcopy(layer)
    layer["features"][number]["properties"].update(properties)
    return layer
