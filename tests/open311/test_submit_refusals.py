"""Every wrong POST is refused with the specified status and an error naming the problem, and
writes nothing."""

from urllib.parse import urlencode

import pytest
from django.utils import translation

from gridcity.cases.models import Case
from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient
from gridcity.grids import OutsideManagedArea
from gridcity.org.models import Jurisdiction


@pytest.fixture
def refused(api, fmt):
    """POST ``data``; assert the status and that no case was written; return the messages."""

    def post(data, status, **options):
        before = Case.objects.count()
        answer = api.post(fmt, data, **options)
        assert answer.status == status, answer.data
        assert Case.objects.count() == before
        assert all(error["code"] == status for error in answer.data)
        return answer.messages

    return post


def test_without_a_key(refused, report):
    assert "api_key" in refused(report(api_key=None), 403)[0]


def test_with_a_wrong_key(refused, report, key):
    refused(report(api_key=key[:-1] + ("x" if key[-1] != "x" else "y")), 403)
    refused(report(api_key="not-a-key"), 403)


def test_with_a_key_without_the_open311_scope(refused, report, demo_county):
    hotline = ApiClient.objects.create(name="12345", jurisdiction=demo_county, scopes=["hotline"])

    refused(report(api_key=issue_key(hotline)), 403)


def test_with_the_key_of_a_client_switched_off(api, fmt, refused, report, app):
    assert api.post(fmt, report()).status == 200  # the key is remembered from here on
    app.is_active = False
    app.save()

    refused(report(), 403)


def test_with_a_key_replaced_by_a_new_one(api, fmt, refused, report, app, key):
    assert api.post(fmt, report()).status == 200
    new_key = issue_key(app)

    refused(report(), 403)
    assert api.post(fmt, report(api_key=new_key)).status == 200


def test_over_the_rate_limit(api, fmt, refused, report, app):
    app.rate_limit = 2
    app.save()
    assert api.post(fmt, report()).status == api.post(fmt, report()).status == 200

    messages = refused(report(), 429)

    answer = api.post(fmt, report())
    assert 1 <= int(answer.response["Retry-After"]) <= 60
    assert "2" in messages[0]


def test_for_an_unknown_jurisdiction(refused, report):
    assert "999999" in refused(report(jurisdiction_id="999999"), 404)[0]


def test_for_another_county(refused, report, demo_county):
    Jurisdiction.objects.create(code="371302", name="兰山区")

    assert demo_county.name in refused(report(jurisdiction_id="371302"), 403)[0]


def test_without_a_service_code(refused, report):
    assert "service_code" in refused(report(service_code=""), 400)[0]


def test_for_an_unknown_service(refused, report):
    assert "X0101" in refused(report(service_code="X0101"), 404)[0]


def test_without_a_required_attribute(refused, report):
    (message,) = refused(report(**{"attribute[amount]": None}), 400)

    assert "attribute[amount]" in message
    assert "垃圾大约有多少？" in message


def test_with_a_value_not_in_the_list(refused, report):
    (message,) = refused(report(**{"attribute[amount]": "mountain"}), 400)

    assert "mountain" in message and "attribute[amount]" in message
    assert "bags" in message  # the choices


def test_with_several_values_of_which_one_is_wrong(refused, report):
    (message,) = refused(report(**{"attribute[kinds][]": ["household", "nuclear"]}), 400)

    assert "nuclear" in message and "attribute[kinds]" in message


def test_with_two_values_for_a_single_value_list(refused, report):
    (message,) = refused(report(**{"attribute[amount]": ["bags", "cart"]}), 400)

    assert "attribute[amount]" in message


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("width", "two metres"),
        ("width", "nan"),
        ("seen_at", "yesterday evening"),
        ("shop_name", "老王\n烧烤"),
    ],
)
def test_with_an_answer_of_the_wrong_datatype(refused, report, code, value):
    (message,) = refused(report(service_code="E0504", **{f"attribute[{code}]": value}), 400)

    assert f"attribute[{code}]" in message


def test_with_an_address_only(refused, report):
    (message,) = refused(report(lat=None, long=None, address_string="莒南县人民路18号"), 400)

    assert "lat" in message and "long" in message


def test_with_half_a_position_or_no_position(refused, report):
    assert "long" in refused(report(long=None), 400)[0]
    assert "lat" in refused(report(lat=None, long=None), 400)[0]
    assert "lat" in refused(report(lat="north"), 400)[0]


def test_outside_the_county(refused, report):
    with translation.override("zh-hans"):
        expected = str(OutsideManagedArea(118.5, 35.0))

    assert refused(report(lat="35.0", long="118.5"), 400) == [expected]


def test_with_a_description_over_4000_characters(refused, report):
    (message,) = refused(report(description="垃" * 4001), 400)

    assert "4000" in message and "4001" in message


def test_a_body_too_large(refused, report, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    body = report(description="垃" * 1000)

    (multipart,) = refused(body, 413)
    (urlencoded,) = refused(urlencode(body), 413, content_type="application/x-www-form-urlencoded")

    assert "2000" in multipart and "2000" in urlencoded


def test_every_problem_is_named_at_once(refused, report):
    messages = refused(
        report(lat=None, **{"attribute[amount]": None}, email="not-an-address", phone="1" * 31), 400
    )

    assert len(messages) == 4


def test_a_refusal_speaks_the_clients_language(api, fmt, report):
    answer = api.post(fmt, report(service_code=""), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")

    assert answer.messages == ["service_code is required."]
    assert answer.response["Content-Language"] == "en"


def test_other_methods_are_not_allowed(client, fmt, demo_county):
    response = client.put(f"/open311/v2/services.{fmt}")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
