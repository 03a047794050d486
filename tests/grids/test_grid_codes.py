import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gridcity.grids.codes import parse_grid_code
from gridcity.org.validators import validate_admin_code


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; test_*_in_chinese checks the Chinese text people see."""
    with translation.override("en"):
        yield


def test_a_valid_code_splits_into_its_four_parts():
    code = parse_grid_code("371327001002015", "371327")
    assert (code.admin, code.street, code.community, code.sequence) == ("371327", "001", "002", "015")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("37132700100201", "exactly 15 digits"),
        ("3713270010020150", "exactly 15 digits"),
        ("37132700100201A", "exactly 15 digits"),
        ("", "exactly 15 digits"),
        (None, "exactly 15 digits"),
        ("991327001002015", "province code"),
        ("371327000002015", "street/town part"),
        ("371327001002000", "starts at 001"),
    ],
)
def test_bad_codes_are_refused_with_the_reason(value, message):
    with pytest.raises(ValidationError) as error:
        parse_grid_code(value)
    assert message in " ".join(error.value.messages)


def test_a_code_of_another_county_is_refused():
    with pytest.raises(ValidationError) as error:
        parse_grid_code("320508001002015", "371327")
    assert "does not start with the jurisdiction's code 371327" in error.value.messages[0]


@pytest.mark.parametrize("value", ["37132", "3713270", "abcdef", "001327"])
def test_bad_administrative_codes_are_refused(value):
    with pytest.raises(ValidationError):
        validate_admin_code(value)


def test_the_message_is_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        parse_grid_code("123")
    assert "15 位" in error.value.messages[0]
