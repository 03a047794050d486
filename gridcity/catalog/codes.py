"""Class codes and component codes (CJ/T 214-2007 / GB/T 30428.2).

A class is named by its major class (大类, 2 digits) and minor class (小类, 2 digits); the full
code of a minor class is the four digits together ("0101" 上水井盖). Event classes are often
written with a hyphen ("05-04"); both spellings are read.

A component code (部件标识码) has 16 digits:

digits 1–6    county-level administrative division (GB/T 2260), the jurisdiction's code
digits 7–8    major class
digits 9–10   minor class
digits 11–16  serial number within that class and division, from 000001
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gridcity.org.validators import validate_admin_code

# "0101", "01-01", "01 01", "01.01"; and the BJ prefix some systems put before component codes.
CLASS_CODE_PATTERN = re.compile(r"(?:BJ)?(\d{2})[-\s./]?(\d{2})", re.IGNORECASE)


def split_class_code(value):
    """(major, minor) codes of a written class code such as "0101" or "05-04", or None."""
    if not isinstance(value, str):
        return None
    match = CLASS_CODE_PATTERN.fullmatch(value.strip())
    return (match[1], match[2]) if match else None


@dataclass(frozen=True)
class ComponentCode:
    admin: str
    major: str
    minor: str
    serial: str

    @property
    def class_code(self):
        """The minor class's full code, e.g. "0101"."""
        return self.major + self.minor


def parse_component_code(value, jurisdiction_code=None, class_code=None):
    """Split a 16-digit component code into its parts, or raise ValidationError naming the problem.

    With ``jurisdiction_code`` the first six digits must be that code; with ``class_code``
    (the full code of the component's minor class, e.g. "0101") digits 7–10 must be it.
    """
    if not isinstance(value, str) or not re.fullmatch(r"\d{16}", value):
        raise ValidationError(
            _("A component code has exactly 16 digits (CJ/T 214), not “%(value)s”.") % {"value": value},
            code="component_code_format",
        )
    code = ComponentCode(value[:6], value[6:8], value[8:10], value[10:])
    validate_admin_code(code.admin)
    if jurisdiction_code and code.admin != jurisdiction_code:
        raise ValidationError(
            _("Component code “%(value)s” does not start with the jurisdiction's code %(code)s.")
            % {"value": value, "code": jurisdiction_code},
            code="component_code_jurisdiction",
        )
    if class_code and code.class_code != class_code:
        raise ValidationError(
            _(
                "Component code “%(value)s” has the class digits %(digits)s (7–10), but its class is %(class)s."
            )
            % {"value": value, "digits": code.class_code, "class": class_code},
            code="component_code_class",
        )
    if code.serial == "000000":
        raise ValidationError(
            _("Component code “%(value)s”: the serial number (digits 11–16) starts at 000001.")
            % {"value": value},
            code="component_code_serial",
        )
    return code


def validate_component_code(value):
    parse_component_code(value)
