from gridcity.open311 import schemas
from gridcity.open311.demo import add_demo_attributes
from gridcity.open311.models import ServiceAttribute


def test_the_demo_classes_ask_their_questions(api, demo_county):
    add_demo_attributes()
    add_demo_attributes()  # idempotent

    services = {s["service_code"]: s for s in api.get("services", "json", schemas.SERVICES).data}

    assert {code for code, s in services.items() if s["metadata"]} == {"C0101", "E0102", "E0504"}
    assert ServiceAttribute.objects.count() == 8
    for code in ("C0101", "E0102", "E0504"):
        for attribute in ServiceAttribute.objects.filter(minor_class__name=services[code]["service_name"]):
            attribute.full_clean()
