"""The party page in a browser: the evaluation office signs a draft agreement through its form.
The screenshot goes to docs/screenshots/frontage-party.png."""

import pytest

from gridcity.demo.county import load_demo
from gridcity.demo.frontage import load_signing_rules
from gridcity.frontage import agreements
from gridcity.frontage.lookup import forget_index
from gridcity.frontage.models import Party, PartyKind
from gridcity.frontage.parties import save_party
from gridcity.frontage.standards import ensure_checklist
from gridcity.org.models import Place, Unit, User

from ..conftest import ensure_standard_catalog
from ..frontage.conftest import credit_code, line_near
from .conftest import PHONE, log_in, screenshot, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOP = (118.7985, 35.171)


@pytest.fixture
def draft():
    ensure_standard_catalog()
    jurisdiction, _accounts = load_demo(cases=False)
    load_signing_rules(jurisdiction)
    ensure_checklist(jurisdiction)
    forget_index()
    party = save_party(
        Party(
            jurisdiction=jurisdiction,
            name="惠民超市",
            kind=PartyKind.INDIVIDUAL_BUSINESS,
            credit_code=credit_code(1),
            place=Place.STREET_BUSINESS,
            address="十字路街道人民路1号",
            contact_person="王伟",
            contact_phone="13812345678",
            frontage=line_near(*SHOP, length_m=30),
        )
    )
    agreement = agreements.draft_agreement(
        party,
        actor=User.objects.get(username="evaluator"),
        signing_unit=Unit.objects.get(jurisdiction=jurisdiction, code="urban-management"),
    )
    yield agreement
    forget_index()


def test_the_evaluation_office_signs_a_draft(live_server, open_page, draft):
    office = open_page("desk")
    log_in(office, live_server, "evaluator")
    office.goto(f"{live_server.url}/frontage/")
    office.get_by_role("link", name="惠民超市").click()
    office.wait_for_url(f"**/frontage/parties/{draft.party.pk}/")
    assert office.locator("main h1").inner_text().startswith("惠民超市")
    assert "13812345678" in office.locator(".contact-phone").inner_text()
    office.wait_for_function("document.getElementById('party-map').dataset.loaded === '1'")
    assert office.locator("#party-map path.leaflet-interactive").count() == 1  # the frontage line

    sign = office.locator(f"#action-sign-{draft.number}")
    sign.locator("summary").click()

    sign.locator("input[name=party_signatory]").fill("王伟")
    sign.locator("input[name=unit_signatory]").fill("李强")
    sign.get_by_role("button").click()
    office.wait_for_load_state("networkidle")
    assert office.locator(".flash-success").count() == 1
    assert "已签订" in office.locator(f"#agreement-{draft.number} h3").inner_text()
    assert office.locator(f"#action-sign-{draft.number}").count() == 0
    settle(office)
    screenshot(office, "frontage-party")

    phone = open_page("phone")
    log_in(phone, live_server, "evaluator")
    phone.goto(f"{live_server.url}/frontage/parties/{draft.party.pk}/")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.goto(f"{live_server.url}/frontage/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert PHONE["viewport"]["width"] == 390


def test_the_party_list(live_server, open_page, draft):
    office = open_page("desk")
    log_in(office, live_server, "evaluator")
    office.get_by_role("link", name="门前三包", exact=True).click()
    office.wait_for_url("**/frontage/")
    assert office.locator("main h1").inner_text() == "责任主体"
    assert office.locator("table.party-list tbody tr").count() == 1
    assert "138****5678" in office.locator("table.party-list").inner_text()
    settle(office)
    screenshot(office, "frontage-parties")


def test_the_evaluation_office_draws_a_frontage_on_the_map(live_server, open_page, draft):
    office = open_page("desk")
    log_in(office, live_server, "evaluator")
    office.goto(f"{live_server.url}/frontage/parties/{draft.party.pk}/")
    draw = office.locator("#action-frontage")
    draw.locator("summary").click()
    office.wait_for_function("document.getElementById('frontage-draw-map').dataset.ready === '1'")
    draw.get_by_role("button", name="重新绘制").click()
    assert draw.locator("textarea[name=frontage]").input_value() == ""
    canvas = draw.locator("#frontage-draw-map")
    box = canvas.bounding_box()
    # Three clicks along the building line, then one back: the text follows the map.
    for x in (0.3, 0.5, 0.7, 0.6):
        canvas.click(position={"x": box["width"] * x, "y": box["height"] * 0.5})
    draw.get_by_role("button", name="撤销上一个点").click()
    positions = draw.locator("textarea[name=frontage]").input_value().split(";")
    assert len(positions) == 3
    assert draw.locator("#frontage-draw-map path.leaflet-interactive").count() >= 1
    draw.locator("input[name=depth_m]").fill("4")
    draw.get_by_role("button", name="绘制责任区").click()
    office.wait_for_load_state("networkidle")
    assert "已保存惠民超市的责任区" in office.locator(".flash-success").inner_text()
    party = Party.objects.get(pk=draft.party.pk)
    assert party.frontage["type"] == "LineString" and len(party.frontage["coordinates"]) == 3
    assert party.depth_m == 4
