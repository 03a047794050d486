"""Identifiers of responsible parties: the unified social credit code and the old licence number.

统一社会信用代码 (GB 32100-2015): 18 characters from the 31 allowed (digits and upper-case
letters without I, O, S, V, Z): registration authority (1), kind of organisation (1),
administrative division (6 digits, GB/T 2260), organisation code (9, GB 11714) and a check
character computed over the first 17 with the weights 3^i mod 31.

营业执照注册号: the 15-digit registration number that licences carried before the unified code
(GS15—2006), whose last digit is the ISO 7064 MOD 11,10 check digit over the first 14 (GB/T 17710).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {character: value for value, character in enumerate(USCC_CHARACTERS)}


def uscc_check_character(first17):
    """The 18th character of a unified social credit code whose first 17 are ``first17``."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARACTERS[(31 - total % 31) % 31]


def normalise_code(value):
    """Upper case, without spaces (people type codes with spaces or in lower case)."""
    return re.sub(r"\s+", "", str(value or "")).upper()


def validate_credit_code(value):
    """Raise ValidationError naming what is wrong with a unified social credit code."""
    code = normalise_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; “%(value)s” has %(count)s.")
            % {"value": value, "count": len(code)},
            code="credit_code_length",
        )
    wrong = sorted({c for c in code if c not in _USCC_VALUE})
    if wrong:
        raise ValidationError(
            _(
                "The unified social credit code “%(value)s” contains %(characters)s; only digits and the "
                "capital letters other than I, O, S, V and Z are used."
            )
            % {"value": value, "characters": "、".join(wrong)},
            code="credit_code_characters",
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _(
                "Characters 3–8 of the unified social credit code “%(value)s” must be the administrative "
                "division code (6 digits)."
            )
            % {"value": value},
            code="credit_code_division",
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "The check character of the unified social credit code “%(value)s” is wrong: it should be "
                "%(expected)s, not %(given)s. Please check the code for a typing error."
            )
            % {"value": value, "expected": expected, "given": code[17]},
            code="credit_code_check",
        )


def licence_check_digit(first14):
    """ISO 7064 MOD 11,10: the digit completing a 15-digit registration number."""
    product = 10
    for digit in first14:
        total = (product + int(digit)) % 10 or 10
        product = (total * 2) % 11
    return str((11 - product) % 10)


def validate_licence_number(value):
    """Raise ValidationError naming what is wrong with a 15-digit business registration number."""
    code = normalise_code(value)
    if not re.fullmatch(r"\d{15}", code):
        raise ValidationError(
            _("A business licence registration number has 15 digits, not “%(value)s”.") % {"value": value},
            code="licence_format",
        )
    expected = licence_check_digit(code[:14])
    if code[14] != expected:
        raise ValidationError(
            _(
                "The check digit of the licence registration number “%(value)s” is wrong: it should be "
                "%(expected)s, not %(given)s. Please check the number for a typing error."
            )
            % {"value": value, "expected": expected, "given": code[14]},
            code="licence_check",
        )


PHONE_PATTERN = re.compile(r"(1[3-9]\d{9})|(0\d{2,3}-?\d{7,8})|(\d{7,8})")


def normalise_phone(value):
    return re.sub(r"[\s()（）]", "", str(value or ""))


def validate_phone(value):
    """A mainland mobile number (11 digits) or a landline, with or without its area code."""
    phone = normalise_phone(value)
    if not PHONE_PATTERN.fullmatch(phone):
        raise ValidationError(
            _(
                "“%(value)s” is not a phone number: give an 11-digit mobile number or a landline such as "
                "0539-7212345."
            )
            % {"value": value},
            code="phone_format",
        )


def mask_phone(value):
    """A phone number as lists show it: 138****5678; a landline keeps its area code and last 4."""
    phone = normalise_phone(value)
    if not phone:
        return ""
    if len(phone) <= 4:
        return "*" * len(phone)
    keep_head = 3 if phone.startswith("1") and len(phone) == 11 else min(len(phone) - 4, phone.find("-") + 1)
    return phone[:keep_head] + "*" * (len(phone) - keep_head - 4) + phone[-4:]


def mask_name(value):
    """A person's name as lists show it: 张*, 欧阳** (the surname stays)."""
    name = str(value or "").strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)
