"""Component codes (部件标识码): 16 digits, each part checked, each problem named."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gridcity.catalog.codes import parse_component_code, split_class_code


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(*args):
    with pytest.raises(ValidationError) as error:
        parse_component_code(*args)
    return " ".join(error.value.messages)


def test_a_good_code_is_split_into_its_parts():
    code = parse_component_code("3713270101000001", "371327", "0101")
    assert (code.admin, code.major, code.minor, code.serial) == ("371327", "01", "01", "000001")
    assert code.class_code == "0101"


@pytest.mark.parametrize(
    "value", ["371327010100001", "37132701010000011", "37132701010000a1", "", None, 3713270101000001]
)
def test_not_16_digits(value):
    assert "exactly 16 digits" in refused(value)


def test_not_an_administrative_code():
    assert "province code" in refused("9913270101000001")


def test_another_jurisdictions_code():
    message = refused("3205080101000001", "371327")
    assert "does not start with the jurisdiction's code 371327" in message


def test_class_digits_that_are_not_the_class():
    message = refused("3713270102000001", "371327", "0101")
    assert "class digits 0102" in message and "its class is 0101" in message


def test_serial_zero():
    assert "starts at 000001" in refused("3713270101000000", "371327", "0101")


def test_messages_are_translated():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        parse_component_code("123")
    assert error.value.code == "component_code_format"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0101", ("01", "01")),
        ("05-04", ("05", "04")),
        (" 05 04 ", ("05", "04")),
        ("BJ0101", ("01", "01")),
        ("0", None),
        ("井盖", None),
    ],
)
def test_class_codes_are_read_as_people_write_them(written, expected):
    assert split_class_code(written) == expected
