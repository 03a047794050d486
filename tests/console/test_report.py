"""The report form (上报): who may report, what a report makes, and what a refused report keeps."""

import html

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gridcity.cases.models import Case, Source, State

from .conftest import ZONE_01, photo

REPORT = reverse("console:report")
HTMX = {"HTTP_HX_REQUEST": "true"}
# Far outside the demo county (Beijing).
OUTSIDE = (116.39, 39.91)


def jpeg(name="scene.jpg"):
    upload = photo(name)
    return SimpleUploadedFile(name, upload.read(), content_type="image/jpeg")


def text(response):
    return html.unescape(response.content.decode())


def fields(minor_class, lon=ZONE_01[0], lat=ZONE_01[1], **extra):
    data = {
        "minor_class": str(minor_class.pk),
        "class_query": minor_class.name,
        "description": "人行道上堆着一袋生活垃圾",
        "lon": str(lon),
        "lat": str(lat),
        "address": "人民路与文化路交叉口",
        "place": "main_road",
    }
    data.update(extra)
    return data


@pytest.fixture
def as_user(client, people):
    def login(username):
        client.force_login(people[username])
        return client

    return login


def test_a_collector_gets_the_form_in_chinese_without_a_source_choice(as_user):
    response = as_user("collector01").get(REPORT)
    assert response.status_code == 200
    page = text(response)
    assert "上报问题" in page
    assert "拍照或选择照片" in page
    assert 'capture="environment"' in page
    assert 'accept="image/*,video/*"' in page
    assert "使用我的位置" in page
    assert "提交上报" in page
    assert 'name="source"' not in page  # a collector's report is always "collector"
    assert "举报人姓名" not in page


def test_the_acceptor_chooses_the_source_and_may_give_the_caller(as_user):
    page = text(as_user("acceptor").get(REPORT))
    assert 'name="source"' in page
    assert "12345 市民热线" in page
    assert "领导交办" in page
    assert "举报人姓名" in page
    assert "联系电话" in page


def test_a_unit_handler_is_refused_with_a_message(as_user):
    response = as_user("handler").get(REPORT)
    assert response.status_code == 403
    assert "只有信息采集员和指挥中心的受理员、值班长可以上报问题" in text(response)


def test_a_report_with_a_photo_inside_a_grid_makes_the_case_and_opens_it(as_user, garbage):
    client = as_user("collector01")
    response = client.post(REPORT, {**fields(garbage), "photos": [jpeg()]})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("console:case", args=[case.number])
    assert case.grid.code == "371327001001002"
    assert case.zone.code == "01"
    assert case.source == Source.COLLECTOR
    assert case.state == State.REPORTED
    assert case.reporter.username == "collector01"
    assert case.address == "人民路与文化路交叉口"
    assert case.attachments.count() == 1
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"案件 {case.number} 已上报，谢谢！"]


def test_an_htmx_report_is_sent_to_the_case_page_by_htmx(as_user, garbage):
    response = as_user("collector01").post(REPORT, {**fields(garbage), "photos": [jpeg()]}, **HTMX)
    case = Case.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("console:case", args=[case.number])


def test_a_point_outside_every_grid_is_refused_and_what_was_typed_is_kept(as_user, garbage):
    response = as_user("collector01").post(
        REPORT, {**fields(garbage, *OUTSIDE), "urgent": "on", "photos": [jpeg()]}
    )
    assert response.status_code == 400
    page = text(response)
    assert "不在管理区域内：它不属于任何网格" in page
    assert "人行道上堆着一袋生活垃圾</textarea>" in page
    assert 'value="人民路与文化路交叉口"' in page
    assert f'value="{OUTSIDE[0]}"' in page
    assert "已选： <strong>0102 暴露垃圾</strong>" in " ".join(page.split())
    assert 'name="urgent" id="id_urgent" checked' in page
    assert "之前选择的照片未能保留，请重新选择" in page  # without htmx the browser forgets files
    assert not Case.objects.exists()


def test_an_htmx_refusal_answers_only_the_message_so_the_form_and_its_files_stay(as_user, garbage):
    response = as_user("collector01").post(REPORT, {**fields(garbage, *OUTSIDE), "photos": [jpeg()]}, **HTMX)
    assert response.status_code == 400
    page = text(response)
    assert "不在管理区域内" in page
    assert "<form" not in page
    assert "已填写的内容都保留着" in page


def test_a_class_that_needs_a_photo_is_refused_without_one(as_user, garbage):
    response = as_user("collector01").post(REPORT, fields(garbage))
    assert response.status_code == 400
    assert "“暴露垃圾”类问题必须上传照片" in text(response)
    assert not Case.objects.exists()


def test_a_file_that_is_no_photo_or_video_is_refused(as_user, garbage):
    notes = SimpleUploadedFile("notes.jpg", b"just some text, not a picture", content_type="image/jpeg")
    response = as_user("collector01").post(REPORT, {**fields(garbage), "photos": [notes]})
    assert response.status_code == 400
    assert "notes.jpg 既不是照片" in text(response)
    assert not Case.objects.exists()


def test_a_report_without_description_or_position_names_both(as_user, garbage):
    response = as_user("collector01").post(
        REPORT, {**fields(garbage, lon="", lat=""), "description": " ", "photos": [jpeg()]}
    )
    assert response.status_code == 400
    page = text(response)
    assert "请用几句话描述问题" in page
    assert "请确定位置" in page


def test_a_typed_class_name_that_matches_one_class_is_taken_without_tapping(as_user, garbage):
    data = {**fields(garbage), "minor_class": "", "class_query": "暴露垃圾", "photos": [jpeg()]}
    response = as_user("collector01").post(REPORT, data)
    assert response.status_code == 302
    assert Case.objects.get().minor_class == garbage


def test_the_acceptor_records_a_12345_call_with_the_callers_name(as_user, garbage):
    data = fields(garbage, source=Source.HOTLINE_12345, reporter_name="王女士", reporter_phone="13800000000")
    response = as_user("acceptor").post(REPORT, data)  # a call brings no photo, and needs none
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.source == Source.HOTLINE_12345
    assert case.reporter_name == "王女士"
    assert case.reporter_phone == "13800000000"
    assert case.reporter.username == "acceptor"


def test_the_acceptor_must_choose_a_source(as_user, garbage):
    response = as_user("acceptor").post(REPORT, fields(garbage))
    assert response.status_code == 400
    assert "请选择案件来源" in text(response)


def test_a_collector_cannot_pass_himself_off_as_the_hotline(as_user, garbage):
    data = {**fields(garbage, source=Source.HOTLINE_12345, reporter_name="冒名"), "photos": [jpeg()]}
    as_user("collector01").post(REPORT, data)
    case = Case.objects.get()
    assert case.source == Source.COLLECTOR
    assert case.reporter_name == ""


def test_my_recent_reports_are_listed_with_their_state(as_user, reported, cycle, people):
    mine = reported()
    cycle["file"](mine)
    reported(actor=people["collector02"], lon=ZONE_01[0], lat=ZONE_01[1])  # someone else's
    page = text(as_user("collector01").get(REPORT))
    assert "我最近的上报" in page
    assert mine.number in page
    assert "已立案待派遣" in page
    assert page.count('class="recent-list"') == 1
    assert page.count(reverse("console:case", args=[mine.number])) == 1


def test_a_first_report_says_there_is_none_yet(as_user):
    assert "您还没有上报过问题" in text(as_user("collector01").get(REPORT))


def test_the_form_page_costs_the_same_queries_with_one_or_many_reports(
    as_user, reported, django_assert_num_queries
):
    client = as_user("collector01")
    reported()
    with CaptureQueriesContext(connection) as one:
        client.get(REPORT)
    for _ in range(11):
        reported()
    with django_assert_num_queries(len(one)):
        response = client.get(REPORT)
    assert text(response).count('class="recent-top"') == 10  # the last ten only
