"""One case from report to close through the console's pages, each step as the right person.

Every person works in a browser context of their own (their own session), the collector on a
phone, the command center and the unit on a desk. The run saves a screenshot of every page it
passes into docs/screenshots/console-*.png (linked from the README).
"""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from gridcity.cases.models import Case, Event, State

from ..cases.conftest import ZONE_01
from .conftest import log_in, screenshot, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the phone says the collector stands: a few metres from the problem the photo shows.
STANDING = (118.7990, 35.1712)
EVENT_TITLES = ["问题上报", "立案", "派遣至单位", "单位签收", "处置反馈", "核查通过", "结案"]


def _dms(value):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return (IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(round(seconds * 10000), 10000))


def jpeg(path, colour, size=(800, 600), gps=None):
    """A real JPEG, as a phone's camera writes it: taken a minute ago, with the GPS position if given."""
    image = Image.new("RGB", size, colour)
    # Something to look at in the screenshots: a darker square where the "problem" is.
    image.paste(
        tuple(max(0, c - 70) for c in colour), (size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2)
    )
    exif = Image.Exif()
    taken = (timezone.localtime() - timedelta(minutes=1)).strftime("%Y:%m:%d %H:%M:%S")
    exif[0x0132] = taken  # DateTime
    exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    if gps:
        lon, lat = gps
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2], ifd[3], ifd[4] = "N", _dms(lat), "E", _dms(lon)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def state_badge(page):
    return page.locator(".page-head .badge.state").inner_text().strip()


def actions(page):
    """The names of the actions the page offers this person."""
    return page.locator(".case-actions .action").evaluate_all("nodes => nodes.map(n => n.dataset.action)")


def timeline(page):
    return [title.strip() for title in page.locator(".timeline-row .timeline-title").all_inner_texts()]


def take(page, action):
    """Press the action's button on the case page and wait for the page to come back."""
    with page.expect_navigation():
        page.locator(f"#action-{action} button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_one_case_from_report_to_close_through_the_pages(live_server, open_page, demo_county, tmp_path):
    # ---- 1. The collector, on his phone, reports exposed garbage with a photo ----------------------
    collector = open_page(
        "phone", geolocation={"longitude": STANDING[0], "latitude": STANDING[1]}, permissions=["geolocation"]
    )
    log_in(collector, live_server, "collector01")
    assert collector.url.endswith("/queue/collector/")
    assert collector.locator("h1").inner_text() == "我的任务"
    assert collector.locator(".empty").inner_text() == "您的网区目前没有核实、核查任务。"
    settle(collector)
    screenshot(collector, "console-collector-queue")

    collector.locator("a.big-button").click()
    collector.wait_for_url("**/report/")
    # The phone's position arrives first ...
    collector.wait_for_function("document.getElementById('id_lon').value !== ''")
    assert collector.locator("#id_lon").input_value() == f"{STANDING[0]:.6f}"
    assert "已使用手机定位" in collector.locator("#position-status").inner_text()
    # ... then the photo: its GPS data is where the problem is, and wins over where he stands.
    photo = jpeg(tmp_path / "garbage.jpg", (150, 120, 80), gps=ZONE_01)
    collector.locator("#id_photos").set_input_files(str(photo))
    collector.wait_for_selector("#thumbnails li img")
    collector.wait_for_function(f"document.getElementById('id_lon').value === '{ZONE_01[0]:.6f}'")
    assert collector.locator("#id_lat").input_value() == f"{ZONE_01[1]:.6f}"
    status = collector.locator("#position-status")
    assert "照片中的 GPS 位置" in status.inner_text()
    collector.wait_for_selector("#report-map[data-loaded='33']")
    assert "所在网格" in status.inner_text() and "第一网区" in status.inner_text()

    collector.locator("#id_class_query").fill("暴露垃圾")
    option = collector.locator(".class-option[data-class-name='暴露垃圾']")
    option.wait_for()
    option.click()
    assert collector.locator("#class-chosen").is_visible()
    assert "暴露垃圾" in collector.locator("#class-chosen").inner_text()
    collector.locator("#id_description").fill("人民路东侧绿化带旁堆放生活垃圾约两平方米")
    settle(collector)
    screenshot(collector, "console-report-form")

    with collector.expect_navigation(url=re.compile(r"/cases/\d+/$")):
        collector.locator(".submit-button").click()
    number = collector.url.rstrip("/").rsplit("/", 1)[1]
    case = Case.objects.get(number=number)
    assert case.state == State.REPORTED and case.minor_class.name == "暴露垃圾"
    assert (round(case.lon, 6), round(case.lat, 6)) == ZONE_01
    assert f"案件 {number} 已上报" in collector.locator(".flash-success").inner_text()
    assert state_badge(collector) == "待受理"
    assert timeline(collector) == ["问题上报"]
    # The server read the same GPS data from the photo.
    taken = case.attachments.get()
    assert (round(taken.lon, 6), round(taken.lat, 6)) == ZONE_01
    assert collector.locator(".photo-before img").count() == 1
    assert "经度 118.798500，纬度 35.171000" in collector.locator(".photo-before figcaption").inner_text()
    assert actions(collector) == ["self_dispose"]  # he may also solve it himself
    settle(collector)
    screenshot(collector, "console-case-reported")

    # ---- 2. The acceptor finds it on the acceptance desk and files it -----------------------------
    acceptor = open_page("desk")
    log_in(acceptor, live_server, "acceptor")
    assert acceptor.url.endswith("/queue/acceptance/")
    row = acceptor.locator("table.queue tbody tr", has_text=number)
    assert row.count() == 1
    assert "暴露垃圾" in row.inner_text() and "待受理" in row.inner_text()
    settle(acceptor)
    screenshot(acceptor, "console-acceptance-desk")

    row.locator("a.case-number").click()
    acceptor.wait_for_url(f"**/cases/{number}/")
    assert state_badge(acceptor) == "待受理"
    # Filing comes first, unfolded; no "void" (only the shift leader voids), no "dispatch".
    assert actions(acceptor) == ["file", "request_verification", "decline", "merge"]
    assert acceptor.locator("#action-file details").get_attribute("open") is not None
    assert acceptor.locator("#action-file button[type=submit]").inner_text() == "立案"
    acceptor.locator("#id_file_note").fill("符合立案条件")
    take(acceptor, "file")
    assert state_badge(acceptor) == "已立案待派遣"
    assert "已办理“立案”" in acceptor.locator(".flash-success").inner_text()
    assert timeline(acceptor) == ["问题上报", "立案"]
    assert actions(acceptor) == ["merge"]  # dispatching is the dispatcher's
    settle(acceptor)
    screenshot(acceptor, "console-case-filed")

    # ---- 3. The dispatcher sees it with the suggested unit and dispatches it -----------------------
    dispatcher = open_page("desk")
    log_in(dispatcher, live_server, "dispatcher")
    assert dispatcher.url.endswith("/queue/dispatch/")
    row = dispatcher.locator("table.queue tbody tr", has_text=number)
    assert "建议派往" in row.inner_text() and "县城市管理局" in row.inner_text()
    settle(dispatcher)
    screenshot(dispatcher, "console-dispatch-desk")

    row.locator("a.case-number").click()
    dispatcher.wait_for_url(f"**/cases/{number}/")
    assert actions(dispatcher) == ["dispatch", "urge"]
    assert "县城市管理局" in dispatcher.locator("#action-dispatch .suggestion").inner_text()
    chosen = dispatcher.locator("#id_dispatch_unit option:checked").inner_text()
    assert chosen.strip() == "县城市管理局"
    take(dispatcher, "dispatch")
    assert state_badge(dispatcher) == "已派遣待签收"
    assert timeline(dispatcher)[-1] == "派遣至单位"
    assert actions(dispatcher) == ["urge"]  # signing is the unit's

    # ---- 4. The unit's handler: the inbox, the bell, sign, feed back with an after-photo ----------
    handler = open_page("desk")
    log_in(handler, live_server, "handler")
    assert handler.url.endswith("/queue/unit/")
    row = handler.locator("table.queue tbody tr", has_text=number)
    assert "已派遣待签收" in row.inner_text()
    bell = handler.locator("header .bell .count")
    assert bell.inner_text() == "1"  # the new task
    settle(handler)
    screenshot(handler, "console-unit-inbox")

    handler.locator(".bell").click()
    handler.wait_for_url("**/notifications/")
    note = handler.locator(".notification.unread", has_text=number)
    assert "新任务" in note.inner_text() and "已派遣待签收" in note.inner_text()
    settle(handler)
    screenshot(handler, "console-notifications")
    # Back in the inbox, he signs for it from its row and stays in the inbox; then opens the case.
    handler.go_back()
    with handler.expect_navigation(url="**/queue/unit/**"):
        handler.locator("table.queue tbody tr", has_text=number).get_by_role("button", name="签收").click()
    assert "已办理“签收”" in handler.locator(".flash-success").inner_text()
    assert "处置中" in handler.locator("table.queue tbody tr", has_text=number).inner_text()
    with handler.expect_navigation(url=f"**/cases/{number}/"):
        handler.locator("table.queue tbody tr", has_text=number).get_by_role("link", name=number).click()
    assert state_badge(handler) == "处置中"
    assert actions(handler) == ["feedback", "request_return", "request_extension", "request_suspension"]
    handler.locator("#id_feedback_note").fill("已清运垃圾并冲洗地面")
    after = jpeg(tmp_path / "cleaned.jpg", (90, 160, 90))
    handler.locator("#id_feedback_photos").set_input_files(str(after))
    assert handler.locator("#action-feedback .camera-button").inner_text().strip() == "拍照或选择照片"
    handler.locator("#action-feedback .chosen-photos img").wait_for()  # the chosen photo, before sending
    settle(handler)
    screenshot(handler, "console-case-feedback-form")
    take(handler, "feedback")
    assert state_badge(handler) == "待核查"
    assert handler.locator(".photo-before img").count() == 1
    assert handler.locator(".photo-after img").count() == 1
    assert timeline(handler)[-1] == "处置反馈"
    assert handler.locator(".no-actions").inner_text() == "您目前不能对此案件进行操作。"
    settle(handler)
    screenshot(handler, "console-case-before-after")

    # ---- 5. The collector, back on his phone, checks it -------------------------------------------
    collector.get_by_role("link", name="我的工作").click()
    collector.wait_for_url("**/queue/collector/")
    row = collector.locator("table.queue tbody tr", has_text=number)
    assert "核查" in row.inner_text()
    settle(collector)
    screenshot(collector, "console-collector-check-task")
    row.locator("a.case-number").click()
    collector.wait_for_url(f"**/cases/{number}/")
    assert actions(collector) == ["pass_check", "fail_check"]
    settle(collector)
    screenshot(collector, "console-case-check-phone")
    take(collector, "pass_check")
    assert state_badge(collector) == "已核查待结案"
    assert actions(collector) == [] and timeline(collector)[-1] == "核查通过"

    # ---- 6. The shift leader closes it; the whole timeline, and the print view ---------------------
    # His desk lists what waits for acceptance; the case to close comes to him as a notification.
    leader = open_page("desk")
    log_in(leader, live_server, "shiftleader")
    assert leader.url.endswith("/queue/acceptance/")
    leader.locator("header .bell").click()
    leader.wait_for_url("**/notifications/")
    leader.locator(".notification.unread", has_text="已核查待结案").locator("a").click()
    leader.wait_for_url(f"**/cases/{number}/")
    assert state_badge(leader) == "已核查待结案"
    assert actions(leader) == ["close", "urge"]
    take(leader, "close")
    assert state_badge(leader) == "已结案"
    assert timeline(leader) == EVENT_TITLES
    assert actions(leader) == ["reopen"]
    settle(leader)
    screenshot(leader, "console-case-closed")

    with leader.expect_popup() as popup:
        leader.locator("a.print-link").click()
    printed = popup.value
    printed.wait_for_load_state("networkidle")
    assert number in printed.locator("h1").inner_text()
    assert [t.strip() for t in printed.locator(".timeline-title").all_inner_texts()] == EVENT_TITLES
    assert (
        printed.locator(".photo-before img").count() == 1 and printed.locator(".photo-after img").count() == 1
    )
    assert printed.locator(".case-actions, .topbar").count() == 0  # paper: no buttons, no top bar
    settle(printed)
    screenshot(printed, "console-case-print")

    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closed_at is not None
    assert Event.objects.filter(case=case).count() == 7
