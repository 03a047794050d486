"""The frontage coverage pages in a real browser on the demo county's register: the map draws
every frontage coloured by its agreement, a popup names the party; the coverage tables fit a phone.
Screenshots go to docs/screenshots/frontage-map.png and frontage-coverage.png."""

import pytest

from gridcity.demo.county import load_demo
from gridcity.frontage.lookup import forget_index
from gridcity.frontage.models import Party

from ..conftest import ensure_standard_catalog
from .conftest import log_in, screenshot, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_register():
    ensure_standard_catalog()
    forget_index()
    jurisdiction, _accounts = load_demo(cases=True)
    yield jurisdiction
    forget_index()


def test_the_map_draws_the_frontages_by_state_and_a_popup_opens_the_party(
    live_server, open_page, demo_register
):
    page = open_page("desk")
    log_in(page, live_server, "evaluator")
    page.goto(f"{live_server.url}/frontage/map/")
    page.wait_for_selector("#frontage-map[data-loaded]")
    drawn = Party.objects.filter(jurisdiction=demo_register, is_active=True, frontage__isnull=False).count()
    assert drawn > 100
    assert int(page.locator("#frontage-map").get_attribute("data-loaded")) == drawn
    # Every frontage is a clickable SVG path; the grids lie underneath and are not clickable.
    assert page.locator("#frontage-map path.leaflet-interactive").count() == drawn
    assert page.locator("#frontage-map .leaflet-pane path:not(.leaflet-interactive)").count() >= 33
    assert page.locator("#frontage-map-status").is_hidden()
    assert page.locator("#frontage-map-summary").inner_text() == f"地图上共 {drawn} 处责任区。"
    legend = page.locator("#frontage-map-legend li").all_inner_texts()
    assert [text.rstrip("0123456789") for text in legend] == ["已签订", "草拟", "已到期", "已终止", "未签订"]
    assert sum(int(text[len(text.rstrip("0123456789")) :]) for text in legend) == drawn

    settle(page)
    box = page.locator("#frontage-map path.leaflet-interactive").nth(40).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    link = popup.get_by_role("link", name="打开责任主体 ›")
    party = Party.objects.get(pk=link.get_attribute("href").rstrip("/").rsplit("/", 1)[1])
    assert party.name in popup.inner_text()
    settle(page)
    screenshot(page, "frontage-map")


def test_the_map_works_on_a_phone(live_server, open_page, demo_register):
    page = open_page("phone")
    log_in(page, live_server, "handler")
    page.goto(f"{live_server.url}/frontage/map/")
    page.wait_for_selector("#frontage-map[data-loaded]")
    assert page.locator("#frontage-map path.leaflet-interactive").count() > 100
    box = page.locator("#frontage-map").bounding_box()
    assert box["width"] <= 390 and box["height"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_coverage_tables_fit_a_phone(live_server, open_page, demo_register):
    page = open_page("phone")
    log_in(page, live_server, "leader01")
    page.goto(f"{live_server.url}/frontage/coverage/")
    assert page.locator("main h1").inner_text() == "门前三包覆盖情况 · 莒南县"
    assert page.locator("table.coverage caption").all_inner_texts() == ["各镇街", "各网区", "各网格"]
    assert page.locator("#coverage-grids tbody tr").count() == 33
    settle(page)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, "frontage-coverage")
