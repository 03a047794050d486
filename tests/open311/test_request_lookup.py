"""GET requests/{id} and tokens/{token}: one request by its id."""

from gridcity.open311 import schemas


def test_one_request_by_its_id(api, fmt, reported):
    case = reported()

    answer = api.get(f"requests/{case.number}", fmt, schemas.SERVICE_REQUESTS)

    assert answer.status == 200
    (record,) = answer.data  # a one-element list, also in JSON
    assert record["service_request_id"] == case.number


def test_an_unknown_request_is_not_found(api, fmt, demo_county):
    answer = api.get("requests/3713272026010100001", fmt, schemas.SERVICE_REQUESTS)

    assert answer.status == 404
    assert "3713272026010100001" in answer.messages[0]


def test_a_token_is_the_request_id(api, fmt, reported):
    case = reported()

    answer = api.get(f"tokens/{case.number}", fmt, schemas.TOKENS)

    assert answer.data == [{"service_request_id": case.number, "token": case.number}]


def test_an_unknown_token_is_not_found(api, fmt, demo_county):
    assert api.get("tokens/abc", fmt, schemas.TOKENS).status == 404
