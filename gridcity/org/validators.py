import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# First two digits of GB/T 2260 administrative division codes: the provinces, autonomous
# regions, municipalities, Taiwan, Hong Kong and Macao.
PROVINCE_PREFIXES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)


def validate_admin_code(value):
    """A 6-digit GB/T 2260 code of a county-level (or higher) division, e.g. 371327."""
    if not re.fullmatch(r"\d{6}", value or ""):
        raise ValidationError(
            _("An administrative code has exactly 6 digits (GB/T 2260), not “%(value)s”."),
            code="admin_code_format",
            params={"value": value},
        )
    if value[:2] not in PROVINCE_PREFIXES:
        raise ValidationError(
            _("“%(value)s” does not start with a province code of GB/T 2260."),
            code="admin_code_province",
            params={"value": value},
        )
