import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gridcity.frontage.codes import mask_name, mask_phone, validate_credit_code, validate_licence_number

# Published examples of unified social credit codes (the check character verified by hand).
VALID_CODES = ["91350100M000100Y43", "91110000600037341L", "11100000000013127D"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_a_code_with_the_right_check_character_is_accepted(code):
    validate_credit_code(code)
    validate_credit_code(code.lower())  # typed in lower case
    validate_credit_code(f"{code[:9]} {code[9:]}")  # or with a space


@pytest.mark.parametrize("code", VALID_CODES)
def test_a_wrong_check_character_is_named_with_the_right_one(code):
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_credit_code(wrong)
    message = error.value.messages[0]
    assert "校验位" in message and code[17] in message


def test_a_typing_error_in_the_middle_is_caught():
    code = VALID_CODES[0]
    swapped = code[:8] + code[9] + code[8] + code[10:]  # two neighbours swapped: M0 → 0M
    with pytest.raises(ValidationError):
        validate_credit_code(swapped)


@pytest.mark.parametrize(
    "code, words",
    [
        ("91350100M000100Y4", "18"),  # too short
        ("91350100M000100YO3", "I"),  # letter O is not used
        ("913501A0M000100Y43", "6"),  # the division code is not digits
    ],
)
def test_malformed_codes_are_refused_saying_why(code, words):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert words in error.value.messages[0]


def test_licence_numbers_are_checked_by_iso_7064():
    validate_licence_number("110108000000016")  # a published registration number
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_licence_number("110108000000017")
    assert "校验位" in error.value.messages[0]
    with pytest.raises(ValidationError):
        validate_licence_number("11010800000001")  # 14 digits


def test_contacts_are_masked_in_lists():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0539-7212345") == "0539-***2345"
    assert mask_name("王伟") == "王*" and mask_name("欧阳娜娜") == "欧***"
