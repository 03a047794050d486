"""Registering a responsible party: checking it, finding its grid, measuring its frontage.

``save_party`` is the one way a party is written (the admin and the Excel import call the same
checks); every problem is named in the user's language, and nothing is saved while one remains.
"""

import math

import shapely
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gridcity.grids import OutsideManagedArea, locate
from gridcity.grids.geometry import CHINA_LAT, CHINA_LON
from gridcity.org.roles import Role

from .codes import (
    normalise_code,
    normalise_phone,
    validate_credit_code,
    validate_licence_number,
    validate_phone,
)
from .geometry import LINE_TYPES, MAX_DEPTH_M, frontage_problems, length_m

# Who keeps the register (registers, imports, draws frontages): the office that leads 门前三包
# (细则 §四(一)) and the system administrator.
REGISTER_KEEPERS = (Role.EVALUATION_OFFICE, Role.SYSTEM_ADMIN)


def _add(problems, field, message):
    problems.setdefault(field, []).append(message)


def _finite(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def normalise(party):
    """Codes in upper case without spaces, the phone without spaces or brackets, names stripped."""
    party.credit_code = normalise_code(party.credit_code)
    party.licence_number = normalise_code(party.licence_number)
    party.contact_phone = normalise_phone(party.contact_phone)
    party.name = (party.name or "").strip()
    party.address = (party.address or "").strip()
    party.contact_person = (party.contact_person or "").strip()


def fill_position(party):
    """Give a party without a point the middle of its frontage line (or a point inside its
    polygon): a frontage drawn or imported is enough to place the party."""
    if (party.lon is None or party.lat is None) and party.frontage:
        shape, problems = frontage_problems(party.frontage)
        if shape is not None and not problems:
            if shape.geom_type in LINE_TYPES:
                point = shape.interpolate(0.5, normalized=True)
            else:
                point = shape.representative_point()
            party.lon, party.lat = round(point.x, 7), round(point.y, 7)


def location_of(party):
    """The grids.Location of the party's point (filled from the frontage if missing), or None."""
    fill_position(party)
    lon, lat = _finite(party.lon), _finite(party.lat)
    if lon is None or lat is None:
        return None
    try:
        return locate(lon, lat)
    except OutsideManagedArea:
        return None


def party_problems(party, raise_error=False, location=None):
    """Every problem of the party as {field: [messages]}; raises ValidationError with them when
    ``raise_error``. Also sets its grid and zone from its location when that is fine."""
    normalise(party)
    problems = {}
    if not party.name:
        _add(problems, "name", _("The name is empty."))
    if not party.kind:
        _add(problems, "kind", _("Choose the kind of party."))
    if not party.address:
        _add(problems, "address", _("The address is empty."))
    if not party.credit_code and not party.licence_number:
        _add(
            problems,
            "credit_code",
            _("Give the unified social credit code, or the licence registration number."),
        )
    for field, validate in (
        ("credit_code", validate_credit_code),
        ("licence_number", validate_licence_number),
    ):
        value = getattr(party, field)
        if value:
            try:
                validate(value)
            except ValidationError as error:
                problems.setdefault(field, []).extend(error.messages)
    if party.contact_phone:
        try:
            validate_phone(party.contact_phone)
        except ValidationError as error:
            problems.setdefault("contact_phone", []).extend(error.messages)
    depth = _finite(party.depth_m)
    if depth is None or not 0 < depth <= MAX_DEPTH_M:
        _add(
            problems,
            "depth_m",
            _("The depth must be a number of metres above 0 and at most %(limit)s.")
            % {"limit": int(MAX_DEPTH_M)},
        )
    if party.frontage:
        _shape, frontage_errors = frontage_problems(party.frontage)
        for message in frontage_errors:
            _add(problems, "frontage", message)
    location = location or location_of(party)
    lon, lat = _finite(party.lon), _finite(party.lat)
    if lon is None or lat is None:
        _add(problems, "lon", _("Give the longitude and latitude of the party (or draw its frontage)."))
    elif not (CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]):
        _add(
            problems, "lon", _("The point (%(lon)s, %(lat)s) lies outside China.") % {"lon": lon, "lat": lat}
        )
    elif location is None or (party.jurisdiction_id and location.jurisdiction_id != party.jurisdiction_id):
        _add(
            problems,
            "lon",
            _("The point (%(lon)s, %(lat)s) lies in no grid of the jurisdiction.") % {"lon": lon, "lat": lat},
        )
    else:
        party.grid_id, party.zone_id = location.grid_id, location.zone_id
    if raise_error and problems:
        raise ValidationError(problems)
    return problems


def measure(party):
    """The frontage's length in metres (a line's length; None for a drawn polygon)."""
    if not party.frontage:
        return None
    shape = shapely.geometry.shape(party.frontage)
    return round(length_m(shape), 1) if shape.geom_type in LINE_TYPES else None


def save_party(party):
    """Check the party (raises ValidationError listing every problem), set its grid, zone and
    frontage length, and save it. The frontage index of every process is told (post_save)."""
    party_problems(party, raise_error=True)
    party.validate_constraints()
    party.frontage_length_m = measure(party)
    with transaction.atomic():
        party.save()
    return party


def may_keep_register(person, jurisdiction_id=None):
    """Whether ``person`` may register parties and draw frontages (in that jurisdiction)."""
    if person.is_superuser:
        return True
    if jurisdiction_id is not None and person.jurisdiction_id != jurisdiction_id:
        return False
    return any(person.has_role(role) for role in REGISTER_KEEPERS)


def may_see_contact(person, party, signing_unit_id):
    """Whether ``person`` reads the party's contact in full: the register keepers and the people
    of the unit that signs (or is to sign) with it. Everyone else sees it masked."""
    if may_keep_register(person, party.jurisdiction_id):
        return True
    return bool(person.unit_id and person.unit_id == signing_unit_id)


def redraw_frontage(party, frontage, *, actor, depth_m=None):
    """Give ``party`` the frontage drawn on the map or typed (a GeoJSON line along the building
    line, or a polygon), and its depth from the building line to the kerb; checked like any
    registration, and the frontage index of every process is told. The cases already reported
    on the new frontage are linked to the party at once (and those no longer on it unlinked)."""
    from .accountability import relink_around  # accountability reads the register

    if not may_keep_register(actor, party.jurisdiction_id):
        raise PermissionDenied(_("Only the evaluation office or the system administrator draws frontages."))
    party.frontage = frontage
    if depth_m is not None:
        party.depth_m = depth_m
    with transaction.atomic():
        save_party(party)
        relink_around(party)
    return party
