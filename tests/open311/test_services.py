from gridcity.catalog.models import MinorClass
from gridcity.open311 import schemas


def test_the_service_list_is_the_active_catalogue(api, fmt, demo_county, attributes):
    MinorClass.objects.filter(major__kind="event", major__code="05", code="02").update(is_active=False)

    answer = api.get("services", fmt, schemas.SERVICES)

    assert answer.status == 200
    services = {service["service_code"]: service for service in answer.data}
    assert len(services) == MinorClass.objects.active().count()
    assert "E0502" not in services  # 流浪乞讨, taken out of use
    manhole = services["C0101"]
    assert manhole["service_name"] == "上水井盖"
    assert manhole["group"] == "公用设施"
    assert manhole["keywords"] == "井盖,自来水井盖,给水井盖"
    assert manhole["type"] == "realtime"
    assert manhole["metadata"] is True  # it has demo attributes
    assert "丢失" in manhole["description"]  # the filing conditions say what is taken on
    assert services["E0101"]["service_name"] == "私搭乱建"  # same digits, an event
    assert services["E0101"]["metadata"] is False
    # Components first, then events, each in code order.
    codes = list(services)
    assert codes.index("C0101") < codes.index("E0101")


def test_a_service_definition_lists_its_attributes_in_order(api, fmt, attributes):
    answer = api.get("services/E0102", fmt, schemas.SERVICE_DEFINITION)

    assert answer.status == 200
    assert answer.data["service_code"] == "E0102"
    amount, kinds = answer.data["attributes"]
    assert (amount["code"], amount["order"], amount["required"]) == ("amount", 1, True)
    assert amount["datatype"] == "singlevaluelist"
    assert amount["values"][0] == {"key": "bags", "name": "几袋以内"}
    assert (kinds["code"], kinds["datatype"], kinds["required"]) == ("kinds", "multivaluelist", False)


def test_an_informational_attribute_asks_nothing(api, fmt, attributes):
    answer = api.get("services/E0504", fmt, schemas.SERVICE_DEFINITION)

    notice = next(a for a in answer.data["attributes"] if a["code"] == "notice")
    assert notice["variable"] is False
    assert [a["datatype"] for a in answer.data["attributes"]] == ["string", "number", "datetime", "text"]


def test_the_singular_path_is_an_alias(api, fmt, attributes):
    answer = api.get("service/C0101", fmt, schemas.SERVICE_DEFINITION)

    assert answer.status == 200
    assert answer.data["attributes"][0]["code"] == "damage"


def test_a_service_without_attributes_has_an_empty_definition(api, fmt, demo_county):
    answer = api.get("services/E0101", fmt, schemas.SERVICE_DEFINITION)

    assert answer.data == {"service_code": "E0101", "attributes": []}


def test_an_unknown_or_retired_service_is_not_found(api, fmt, demo_county):
    MinorClass.objects.filter(major__kind="event", major__code="05", code="02").update(is_active=False)

    for code in ("X9999", "E0502"):
        answer = api.get(f"services/{code}", fmt, schemas.SERVICE_DEFINITION)
        assert answer.status == 404
        assert code in answer.messages[0]


def test_a_change_in_the_admin_is_served_at_once(api, fmt, demo_county, attributes):
    from gridcity.open311.models import ServiceAttribute

    api.get("services/E0102", fmt, schemas.SERVICE_DEFINITION)  # cached now
    amount = ServiceAttribute.objects.get(minor_class__name="暴露垃圾", code="amount")
    amount.description = "垃圾量"
    amount.save()

    answer = api.get("services/E0102", fmt, schemas.SERVICE_DEFINITION)

    assert answer.data["attributes"][0]["description"] == "垃圾量"
