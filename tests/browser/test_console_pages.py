"""The console's overview pages on the demo county with its few hundred cases: what a leader and
the command center look at. Screenshots go to docs/screenshots/console-*.png."""

import pytest

from gridcity.demo.county import load_demo

from ..conftest import ensure_standard_catalog
from .conftest import log_in, screenshot, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_with_cases():
    ensure_standard_catalog()
    jurisdiction, _accounts = load_demo(cases=True)
    return jurisdiction


def test_a_county_leader_lands_on_the_overview(live_server, open_page, demo_with_cases):
    leader = open_page("desk")
    log_in(leader, live_server, "leader01")
    assert leader.url.endswith("/queue/overview/")
    assert leader.locator("main h1").inner_text() == "总览"
    assert leader.locator("table.tally caption").all_inner_texts() == ["各单位在办案件", "各网区在办案件"]
    assert leader.locator("table.queue tbody tr").count() > 0
    settle(leader)
    screenshot(leader, "console-overview")


def test_the_case_list(live_server, open_page, demo_with_cases):
    dispatcher = open_page("desk")
    log_in(dispatcher, live_server, "dispatcher")
    dispatcher.get_by_role("link", name="案件", exact=True).click()
    dispatcher.wait_for_url("**/cases/")
    dispatcher.wait_for_load_state("networkidle")
    assert dispatcher.locator("main h1").inner_text() == "案件列表"
    assert dispatcher.locator("table.cases tbody tr").count() > 0
    settle(dispatcher)
    screenshot(dispatcher, "console-case-list")


def test_the_case_map(live_server, open_page, demo_with_cases):
    dispatcher = open_page("desk")
    log_in(dispatcher, live_server, "dispatcher")
    dispatcher.get_by_role("link", name="案件地图", exact=True).click()
    dispatcher.wait_for_url("**/cases/map/")
    # The summary changes from "loading" once the cases and grid counts are drawn.
    dispatcher.wait_for_function(
        "!document.querySelector('#case-map-summary').textContent.includes('正在加载')"
    )
    assert dispatcher.locator("#case-map-status").is_hidden()
    assert dispatcher.locator(".leaflet-marker-icon").count() > 0  # clusters and markers
    assert dispatcher.locator("path.leaflet-interactive").count() >= 33  # the grids, coloured
    settle(dispatcher)
    screenshot(dispatcher, "console-case-map")
