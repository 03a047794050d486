"""What the console says when a step cannot be taken: somebody acted first, or it is not yours."""

import pytest

from gridcity.cases import workflow
from gridcity.cases.models import Case, State
from gridcity.grids.models import Zone
from gridcity.org.models import Unit, User

from ..cases.conftest import ZONE_01, photo
from .conftest import log_in, screenshot, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(username):
    return User.objects.get(username=username)


def reported_case(jurisdiction):
    from gridcity.catalog.models import MinorClass

    return workflow.report(
        jurisdiction=jurisdiction,
        actor=person("collector01"),
        source="collector",
        minor_class=MinorClass.objects.get(major__kind="event", major__code="01", code="02"),  # 暴露垃圾
        description="路边有暴露垃圾",
        lon=ZONE_01[0],
        lat=ZONE_01[1],
        photos=[photo()],
    )


def state_badge(page):
    return page.locator(".page-head .badge.state").inner_text().strip()


def actions(page):
    return page.locator(".case-actions .action").evaluate_all("nodes => nodes.map(n => n.dataset.action)")


def test_a_page_left_open_is_told_the_case_changed_and_nothing_is_overwritten(
    live_server, open_page, demo_county
):
    case = reported_case(demo_county)
    url = f"{live_server.url}/cases/{case.number}/"

    # The acceptor opens the case and starts filing it ...
    acceptor = open_page("desk")
    log_in(acceptor, live_server, "acceptor")
    acceptor.goto(url)
    assert actions(acceptor)[0] == "file"
    acceptor.locator("#id_file_note").fill("符合立案条件，已电话核实")

    # ... while the shift leader, on his own desk, voids it.
    leader = open_page("desk")
    log_in(leader, live_server, "shiftleader")
    leader.goto(url)
    leader.locator("#action-void summary").click()
    leader.locator("#id_void_reason").fill("测试数据，不是真实问题")
    with leader.expect_navigation():
        leader.locator("#action-void button[type=submit]").click()
    assert state_badge(leader) == "已作废"

    # The acceptor's page still shows the old case; her "file" is refused and she is told why.
    acceptor.locator("#action-file button[type=submit]").click()
    notice = acceptor.locator("#action-file .form-status .notice")
    notice.wait_for()
    assert f"案件 {case.number} 在您打开后已被他人处理，请刷新页面查看最新情况。" in notice.inner_text()
    assert notice.get_by_role("link", name="重新加载案件").is_visible()
    assert acceptor.locator("#id_file_note").input_value() == "符合立案条件，已电话核实"  # kept
    assert acceptor.locator("#action-file button[type=submit]").is_enabled()
    settle(acceptor)
    screenshot(acceptor, "console-case-changed")

    # Nothing of hers was written: the case is voided, with the report and the void alone.
    case.refresh_from_db()
    assert case.state == State.VOIDED
    assert list(case.events.order_by("at", "pk").values_list("type", flat=True)) == [
        "case.reported",
        "case.voided",
    ]

    # Reloading shows what happened, and filing is no longer offered.
    with acceptor.expect_navigation():
        notice.get_by_role("link", name="重新加载案件").click()
    assert state_badge(acceptor) == "已作废"
    assert actions(acceptor) == []
    assert acceptor.locator(".timeline-row .timeline-title").all_inner_texts()[-1].strip() == "作废"


def test_a_case_of_another_unit_is_not_there_for_its_handler(live_server, open_page, demo_county):
    case = reported_case(demo_county)
    workflow.file(case, actor=person("shiftleader"))
    workflow.dispatch(
        case,
        unit=Unit.objects.get(code="urban-management", jurisdiction=demo_county),
        actor=person("dispatcher"),
    )

    # The environment bureau's handler: not in his inbox, and the address answers "no such case".
    other = open_page("desk")
    log_in(other, live_server, "handler-environment")
    assert other.url.endswith("/queue/unit/")
    assert other.locator("table.queue tbody tr", has_text=case.number).count() == 0
    response = other.goto(f"{live_server.url}/cases/{case.number}/")
    assert response.status == 404
    assert other.locator("main h1").inner_text() == "未找到"
    assert f"没有您可以查看的案件 {case.number}。" in other.locator("main").inner_text()
    assert other.locator(".case-actions").count() == 0
    settle(other)
    screenshot(other, "console-case-not-yours")

    # The zone's collector may read the case but do nothing with it now.
    collector = open_page("phone")
    log_in(collector, live_server, "collector01")
    collector.goto(f"{live_server.url}/cases/{case.number}/")
    assert state_badge(collector) == "已派遣待签收"
    assert actions(collector) == []
    assert collector.locator(".no-actions").inner_text() == "您目前不能对此案件进行操作。"


def test_a_refused_step_says_why_and_keeps_the_form(live_server, open_page, demo_county):
    case = reported_case(demo_county)
    workflow.file(case, actor=person("shiftleader"))
    workflow.dispatch(
        case,
        unit=Unit.objects.get(code="urban-management", jurisdiction=demo_county),
        actor=person("dispatcher"),
    )
    workflow.sign(case, actor=person("handler"))
    workflow.feedback(case, actor=person("handler"), note="已清理", photos=[photo()])

    collector = open_page("phone")
    log_in(collector, live_server, "collector01")
    collector.goto(f"{live_server.url}/cases/{case.number}/")
    assert actions(collector) == ["pass_check", "fail_check"]
    collector.locator("#id_pass_check_note").fill("现场已清理干净")

    # While the page is open he is moved to zone 02: checking zone 01 is no longer his.
    User.objects.filter(username="collector01").update(zone=Zone.objects.get(code="02"))
    collector.locator("#action-pass_check button[type=submit]").click()
    notice = collector.locator("#action-pass_check .form-status .notice")
    notice.wait_for()
    assert "您不能对该案件执行“核查通过”" in notice.inner_text()
    assert collector.locator("#id_pass_check_note").input_value() == "现场已清理干净"
    settle(collector)
    screenshot(collector, "console-case-not-allowed")
    assert Case.objects.get(pk=case.pk).state == State.CHECKING
