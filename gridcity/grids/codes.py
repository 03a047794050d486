"""Unit grid codes (GB/T 30428.1, CJ/T 213): 15 digits.

digits 1–6    county-level administrative division (GB/T 2260)
digits 7–9    street / town / township (GB/T 10114)
digits 10–12  community / village
digits 13–15  grid sequence within the community
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gridcity.org.validators import validate_admin_code


@dataclass(frozen=True)
class GridCode:
    admin: str
    street: str
    community: str
    sequence: str


def parse_grid_code(value, jurisdiction_code=None):
    """Split a grid code into its parts, or raise ValidationError saying what is wrong."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{15}", value):
        raise ValidationError(
            _("A grid code has exactly 15 digits (GB/T 30428.1), not “%(value)s”.") % {"value": value},
            code="grid_code_format",
        )
    code = GridCode(value[:6], value[6:9], value[9:12], value[12:])
    validate_admin_code(code.admin)
    if jurisdiction_code and code.admin != jurisdiction_code:
        raise ValidationError(
            _("Grid code “%(value)s” does not start with the jurisdiction's code %(code)s.")
            % {"value": value, "code": jurisdiction_code},
            code="grid_code_jurisdiction",
        )
    if code.street == "000":
        raise ValidationError(
            _("Grid code “%(value)s”: the street/town part (digits 7–9) cannot be 000.") % {"value": value},
            code="grid_code_street",
        )
    if code.sequence == "000":
        raise ValidationError(
            _("Grid code “%(value)s”: the grid sequence (digits 13–15) starts at 001.") % {"value": value},
            code="grid_code_sequence",
        )
    return code


def validate_grid_code(value):
    parse_grid_code(value)
