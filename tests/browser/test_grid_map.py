import pytest

from gridcity.demo.county import DEMO_PASSWORD, load_demo

from ..conftest import ensure_standard_catalog
from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/map/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_dispatcher_sees_the_33_grids_of_junan_on_the_map(live_server, desk):
    ensure_standard_catalog()
    load_demo(cases=False)
    log_in(desk, live_server, "dispatcher")
    desk.wait_for_selector("#grid-map[data-loaded='33']")
    assert desk.locator("path.grid-shape").count() == 33
    assert desk.locator("#zone-list li").count() == 11
    summary = desk.locator("#map-summary").inner_text()
    assert summary.startswith("11 个网区，33 个网格")
    assert "第一网区" in desk.locator("#zone-list").inner_text()
    # The grid's popup names its people.
    desk.locator("path.grid-shape").first.click(force=True)
    popup = desk.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "信息采集员" in popup.inner_text() and "包扶县领导" in popup.inner_text()
    screenshot(desk, "grid-map")


def test_the_map_works_on_a_phone(live_server, phone):
    ensure_standard_catalog()
    load_demo(cases=False)
    log_in(phone, live_server, "collector01")
    phone.wait_for_selector("#grid-map[data-loaded='33']")
    assert phone.locator("path.grid-shape").count() == 33
    screenshot(phone, "grid-map-phone")


def test_a_wrong_password_is_told_in_chinese(live_server, desk):
    ensure_standard_catalog()
    load_demo(cases=False)
    desk.goto(f"{live_server.url}/accounts/login/")
    desk.get_by_label("用户名").fill("dispatcher")
    desk.get_by_label("密码").fill("wrong")
    desk.get_by_role("button", name="登录").click()
    assert "用户名或密码错误" in desk.locator(".error").inner_text()
    screenshot(desk, "login")
