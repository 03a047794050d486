"""Import and export of the grid layer (zones and grids) as GeoJSON.

A file is the complete layer of one jurisdiction: one Feature per grid, with properties

    code              15-digit grid code (required)
    name              grid name (required)
    zone              zone code, e.g. "01" (required)
    zone_name         zone name (required for a zone the jurisdiction does not have yet)
    supervising_unit  code of the zone's supervising unit (optional)
    sponsor           username of the zone's sponsoring county leader (optional)
    collector         username of the grid's information collector (optional)

Importing validates the whole file first and lists every problem; only a file without any
problem is written, in one transaction. Grids of the jurisdiction that the file no longer
contains are retired (kept for the records that point at them, left out of ``locate``).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from gridcity.org.models import User
from gridcity.org.roles import Role

from .codes import parse_grid_code
from .geometry import area_m2, geometry_problems
from .models import Grid, Zone

# Two grids may share edges; an overlap smaller than this share of the smaller grid's area
# is rounding noise in the coordinates, not an overlap.
OVERLAP_TOLERANCE = 1e-7


class LayerError(Exception):
    """A grid layer that cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class GridRecord:
    number: int  # the feature's position in the file, from 1
    code: str
    name: str
    zone_code: str
    properties: dict
    geometry: dict  # as given in the file: {"type", "coordinates"}
    shape: object
    area_m2: float


@dataclass
class ImportSummary:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    retired: list = field(default_factory=list)
    zones_created: list = field(default_factory=list)

    def __str__(self):
        return _(
            "%(created)s grids created, %(updated)s updated, %(retired)s retired; %(zones)s zones created."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "retired": len(self.retired),
            "zones": len(self.zones_created),
        }


def _feature_label(number, code=None):
    if code:
        return _("Feature %(number)s (grid %(code)s)") % {"number": number, "code": code}
    return _("Feature %(number)s") % {"number": number}


def _load(data):
    if isinstance(data, dict):
        return data
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise LayerError([_("The file is not UTF-8 text (%(error)s).") % {"error": error}]) from None
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise LayerError(
            [
                _("The file is not valid JSON: %(msg)s at line %(line)s, column %(column)s.")
                % {"msg": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None


def read_layer(data, jurisdiction):
    """Parse and validate a GeoJSON grid layer; returns the GridRecords or raises LayerError."""
    document = _load(data)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise LayerError([_("The file must be a GeoJSON FeatureCollection.")])
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise LayerError([_("The FeatureCollection has no features.")])

    problems = []
    records = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("%(feature)s is not a GeoJSON Feature.") % {"feature": _feature_label(number)})
            continue
        properties = feature.get("properties") or {}
        code = properties.get("code")
        label = _feature_label(number, code)
        feature_problems = []
        for key in ("code", "name", "zone"):
            if not isinstance(properties.get(key), str) or not properties[key].strip():
                feature_problems.append(_("property “%(key)s” is missing or empty") % {"key": key})
        if isinstance(code, str) and code:
            try:
                parse_grid_code(code, jurisdiction.code)
            except ValidationError as error:
                feature_problems.extend(error.messages)
        shape, shape_problems = geometry_problems(feature.get("geometry"))
        feature_problems.extend(shape_problems)
        if feature_problems:
            problems.extend(
                _("%(feature)s: %(problem)s") % {"feature": label, "problem": problem}
                for problem in feature_problems
            )
            continue
        records.append(
            GridRecord(
                number=number,
                code=code,
                name=properties["name"].strip(),
                zone_code=properties["zone"].strip(),
                properties=properties,
                geometry={
                    "type": feature["geometry"]["type"],
                    "coordinates": feature["geometry"]["coordinates"],
                },
                shape=shape,
                area_m2=area_m2(shape),
            )
        )

    problems.extend(_duplicate_code_problems(records))
    problems.extend(_overlap_problems(records))
    problems.extend(_zone_problems(records, jurisdiction))
    problems.extend(_people_problems(records, jurisdiction))
    if problems:
        raise LayerError(problems)
    return records


def _duplicate_code_problems(records):
    seen = defaultdict(list)
    for record in records:
        seen[record.code].append(record.number)
    return [
        _("Grid code %(code)s appears more than once (features %(numbers)s).")
        % {"code": code, "numbers": ", ".join(map(str, numbers))}
        for code, numbers in seen.items()
        if len(numbers) > 1
    ]


def _overlap_problems(records):
    if len(records) < 2:
        return []
    shapes = [record.shape for record in records]
    tree = shapely.STRtree(shapes)
    left, right = tree.query(shapes, predicate="intersects")
    problems = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        a, b = records[i], records[j]
        overlap = a.shape.intersection(b.shape)
        if overlap.area > OVERLAP_TOLERANCE * min(a.shape.area, b.shape.area):
            point = overlap.representative_point()
            problems.append(
                _("Grids %(a)s and %(b)s overlap (about %(area)s m² around %(lon).6f, %(lat).6f).")
                % {"a": a.code, "b": b.code, "area": round(area_m2(overlap)), "lon": point.x, "lat": point.y}
            )
    return problems


def _zone_problems(records, jurisdiction):
    problems = []
    by_zone = defaultdict(list)
    for record in records:
        by_zone[record.zone_code].append(record)
    known_zones = set(jurisdiction.zones.values_list("code", flat=True))
    unit_codes = set(jurisdiction.units.values_list("code", flat=True))
    for zone_code, members in sorted(by_zone.items()):
        for key in ("zone_name", "supervising_unit", "sponsor"):
            values = {r.properties.get(key) for r in members if r.properties.get(key) not in (None, "")}
            if len(values) > 1:
                problems.append(
                    _("Zone %(zone)s: its grids disagree on “%(key)s” (%(values)s).")
                    % {"zone": zone_code, "key": key, "values": ", ".join(sorted(map(str, values)))}
                )
        if zone_code not in known_zones and not any(r.properties.get("zone_name") for r in members):
            problems.append(
                _("Zone %(zone)s is new: give its name in the property “zone_name”.") % {"zone": zone_code}
            )
        for unit in {r.properties.get("supervising_unit") for r in members} - {None, ""}:
            if unit not in unit_codes:
                problems.append(
                    _("Zone %(zone)s: supervising unit “%(unit)s” is not a unit of %(jurisdiction)s.")
                    % {"zone": zone_code, "unit": unit, "jurisdiction": jurisdiction.name}
                )
        union = shapely.union_all([r.shape for r in members])
        parts = list(union.geoms) if union.geom_type == "MultiPolygon" else [union]
        if len(parts) > 1:
            problems.append(
                _("Zone %(zone)s falls apart into %(count)s separate pieces; its grids must form one area.")
                % {"zone": zone_code, "count": len(parts)}
            )
        for part in parts:
            for hole in part.interiors:
                hole_shape = shapely.Polygon(hole)
                point = hole_shape.representative_point()
                problems.append(
                    _(
                        "Zone %(zone)s has a gap of about %(area)s m² between its grids around %(lon).6f, %(lat).6f."
                    )
                    % {
                        "zone": zone_code,
                        "area": round(area_m2(hole_shape), 1),
                        "lon": point.x,
                        "lat": point.y,
                    }
                )
    return problems


def _people_problems(records, jurisdiction):
    problems = []
    wanted = {
        (key, r.properties.get(key))
        for r in records
        for key in ("collector", "sponsor")
        if r.properties.get(key) not in (None, "")
    }
    usernames = {name for _key, name in wanted}
    people = {
        user.username: user
        for user in User.objects.filter(jurisdiction=jurisdiction, username__in=usernames).prefetch_related(
            "groups"
        )
    }
    required_role = {"collector": Role.COLLECTOR, "sponsor": Role.COUNTY_LEADER}
    for key, username in sorted(wanted, key=str):
        user = people.get(username)
        if user is None:
            problems.append(
                _("“%(username)s” (%(key)s) is not a person of %(jurisdiction)s.")
                % {"username": username, "key": key, "jurisdiction": jurisdiction.name}
            )
        elif not user.has_role(required_role[key]):
            problems.append(
                _("“%(username)s” is named as %(key)s but does not have the role “%(role)s”.")
                % {"username": username, "key": key, "role": required_role[key].label}
            )
    return problems


def import_layer(data, jurisdiction):
    """Validate a GeoJSON grid layer and, if it has no problem, write it in one transaction.

    Only rows whose values change are saved, so importing the same file twice writes nothing.
    """
    records = read_layer(data, jurisdiction)
    summary = ImportSummary()
    with transaction.atomic():
        units = {u.code: u for u in jurisdiction.units.all()}
        people = {u.username: u for u in User.objects.filter(jurisdiction=jurisdiction)}
        zones = {z.code: z for z in jurisdiction.zones.select_for_update()}
        by_zone = defaultdict(list)
        for record in records:
            by_zone[record.zone_code].append(record)
        for zone_code, members in by_zone.items():
            given = {
                key: next((r.properties[key] for r in members if r.properties.get(key)), None)
                for key in ("zone_name", "supervising_unit", "sponsor")
            }
            zone = zones.get(zone_code) or Zone(jurisdiction=jurisdiction, code=zone_code)
            values = {"name": given["zone_name"] or zone.name}
            if given["supervising_unit"]:
                values["supervising_unit"] = units[given["supervising_unit"]]
            if given["sponsor"]:
                values["sponsor"] = people[given["sponsor"]]
            if zone.pk is None:
                summary.zones_created.append(zone_code)
            if _assign(zone, values):
                zone.save()
            zones[zone_code] = zone

        existing = {g.code: g for g in Grid.objects.select_for_update().filter(jurisdiction=jurisdiction)}
        for record in records:
            grid = existing.get(record.code) or Grid(jurisdiction=jurisdiction, code=record.code)
            values = {
                "name": record.name,
                "zone": zones[record.zone_code],
                "boundary": record.geometry,
                "area_m2": record.area_m2,
                "is_active": True,
            }
            if record.properties.get("collector"):
                values["collector"] = people[record.properties["collector"]]
            if grid.pk is None:
                summary.created.append(record.code)
            elif _assign(grid, values):
                summary.updated.append(record.code)
            else:
                continue
            _assign(grid, values)
            grid.save()
        in_file = {record.code for record in records}
        for code, grid in existing.items():
            if code not in in_file and grid.is_active:
                grid.is_active = False
                grid.save(update_fields=["is_active"])
                summary.retired.append(code)
    return summary


def _assign(instance, values):
    """Set the values on the instance; True if any differed (or the row is new)."""
    changed = instance.pk is None
    for name, value in values.items():
        if isinstance(value, Model):
            differs = getattr(instance, f"{name}_id") != value.pk
        else:
            differs = getattr(instance, name) != value
        if differs:
            setattr(instance, name, value)
            changed = True
    return changed


def _person(user):
    return (user.username, user.display_name) if user else (None, None)


def export_layer(jurisdiction):
    """The jurisdiction's active grids as a FeatureCollection that ``import_layer`` reads back."""
    grids = (
        Grid.objects.active()
        .filter(jurisdiction=jurisdiction)
        .select_related("zone__supervising_unit", "zone__sponsor", "collector")
        .order_by("code")
    )
    features = []
    for grid in grids:
        zone = grid.zone
        collector, collector_name = _person(grid.collector)
        sponsor, sponsor_name = _person(zone.sponsor)
        features.append(
            {
                "type": "Feature",
                "id": grid.code,
                "geometry": grid.boundary,
                "properties": {
                    "code": grid.code,
                    "name": grid.name,
                    "zone": zone.code,
                    "zone_name": zone.name,
                    "supervising_unit": zone.supervising_unit.code if zone.supervising_unit else None,
                    "supervising_unit_name": zone.supervising_unit.name if zone.supervising_unit else None,
                    "sponsor": sponsor,
                    "sponsor_name": sponsor_name,
                    "collector": collector,
                    "collector_name": collector_name,
                    "area_m2": round(grid.area_m2, 1),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "jurisdiction": {"code": jurisdiction.code, "name": jurisdiction.name},
        "features": features,
    }


def export_zones(jurisdiction):
    """Each zone's outline (the union of its active grids) as a FeatureCollection."""
    grids = Grid.objects.active().filter(jurisdiction=jurisdiction).select_related("zone").order_by("code")
    shapes = defaultdict(list)
    zones = {}
    for grid in grids:
        shapes[grid.zone.code].append(shapely.geometry.shape(grid.boundary))
        zones[grid.zone.code] = grid.zone
    features = []
    for code in sorted(shapes):
        union = shapely.union_all(shapes[code])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": shapely.geometry.mapping(union),
                "properties": {"code": code, "name": zones[code].name, "grids": len(shapes[code])},
            }
        )
    return {
        "type": "FeatureCollection",
        "jurisdiction": {"code": jurisdiction.code, "name": jurisdiction.name},
        "features": features,
    }
