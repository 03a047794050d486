"""The bulletin (通报) of the 2026-Q3 evaluation: the PDF in Chinese, the Excel workbook, and the public
page of published bulletins, which works without logging in and shows no draft and no person."""

import ctypes
import io
from datetime import date

import openpyxl
import pypdfium2
import pypdfium2.raw
import pytest
from django.urls import reverse
from django.utils import timezone

from gridcity.evaluation import evaluations
from gridcity.inspection.models import UnitIneligibility

from .conftest import QUARTER

TITLE = "莒南县城市网格化管理2026年第3季度考评通报"
PUBLIC = reverse("evaluation:bulletins")


@pytest.fixture
def draft(scenario, staff):
    return evaluations.compute_evaluation(scenario.jurisdiction, QUARTER, actor=staff["evaluator"])


@pytest.fixture
def approved(draft, staff):
    return evaluations.approve(draft, actor=staff["evaluator"], note="")


def text_of(pdf):
    document = pypdfium2.PdfDocument(pdf)
    return (
        "".join(page.get_textpage().get_text_range() for page in document).replace("\r", "").replace("\n", "")
    )


def font_of(pdf, character):
    page = pypdfium2.PdfDocument(pdf)[0]
    textpage = page.get_textpage()
    index = textpage.get_text_range().index(character)
    size = pypdfium2.raw.FPDFText_GetFontInfo(textpage.raw, index, None, 0, None)
    name = ctypes.create_string_buffer(size)
    pypdfium2.raw.FPDFText_GetFontInfo(textpage.raw, index, name, size, None)
    return name.value.decode()


def bureau_row(evaluation, scenario):
    return evaluation.rows.get(object_kind="unit", object_id=scenario.units["urban-management"].pk)


def test_the_approved_bulletin_prints_the_ranking_in_chinese(client, staff, scenario, approved):
    client.force_login(staff["evaluator"])
    response = client.get(reverse("evaluation:bulletin_pdf", args=[QUARTER.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert TITLE in text
    assert "一、单位考评结果" in text and "二、网区考评结果" in text
    assert "县城市管理局" in text and "第一网区" in text
    bureau = bureau_row(approved, scenario)
    assert bureau.rank == 1 and f"排名第一：县城市管理局（{bureau.score}，{bureau.grade}）" in text
    assert f"经{staff['evaluator']}于" in text and "审定" in text
    assert "草稿" not in text and "信息采集员" not in text  # no post's ranking in a bulletin
    assert "CJK" in font_of(response.content, "莒")


def test_a_draft_bulletin_is_marked_and_the_office_s_only(client, staff, draft):
    url = reverse("evaluation:bulletin_pdf", args=[QUARTER.slug])
    client.force_login(staff["handler"])
    assert client.get(url).status_code == 404
    client.force_login(staff["evaluator"])
    text = text_of(client.get(url).content)
    assert "草稿——未经审定，不得发布" in text and "尚未审定" in text


def test_the_rule_of_three_failed_inspections_is_stated_for_an_ineligible_unit(
    client, staff, scenario, approved
):
    UnitIneligibility.objects.create(
        unit=scenario.units["housing-construction"],
        year=2026,
        since=date(2026, 8, 1),
        computed_at=timezone.now(),
    )
    client.force_login(staff["leader01"])
    text = text_of(client.get(reverse("evaluation:bulletin_pdf", args=[QUARTER.slug])).content)
    assert "三、评先资格" in text and "连续三次检查不合格" in text
    assert "2026年取消评选资格的单位：县住房和城乡建设局" in text


def test_the_workbook_has_every_figure_per_kind_and_the_weights(client, staff, scenario, approved):
    client.force_login(staff["evaluator"])
    response = client.get(reverse("evaluation:bulletin_xlsx", args=[QUARTER.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["单位", "网区", "网格", "信息采集员", "受理员", "值班长", "派遣员", "权重"]
    units = workbook["单位"]
    header = [cell.value for cell in units[1]]
    line = next(
        dict(zip(header, (c.value for c in row), strict=True))
        for row in units.iter_rows(min_row=2)
        if row[1].value == "县城市管理局"
    )
    bureau = bureau_row(approved, scenario)
    figures = (line["名次"], line["按期处置数"], line["按期处置率"], line["得分"], line["等级"])
    assert figures == (1, 3, 0.6, float(bureau.score), bureau.grade)
    weights = [[cell.value for cell in row] for row in workbook["权重"].iter_rows(min_row=2)]
    assert ["单位", "按期处置率", "比率 × 100", 30, None] in weights


def test_a_holder_of_a_post_gets_his_own_line_in_the_workbook(client, staff, scenario, approved):
    evaluations.publish(approved, actor=staff["evaluator"])
    collector = staff["collector01"]
    client.force_login(collector)
    response = client.get(reverse("evaluation:bulletin_xlsx", args=[QUARTER.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["单位", "网区", "网格", "信息采集员", "权重"]
    own = approved.rows.get(object_kind="collector", object_id=collector.pk)
    assert [row[1].value for row in workbook["信息采集员"].iter_rows(min_row=2)] == [own.name]


def test_the_public_page_lists_published_bulletins_only_without_login(client, staff, scenario, approved):
    response = client.get(PUBLIC)
    assert response.status_code == 200 and "尚未发布考评通报" in response.content.decode()
    pdf = reverse("evaluation:public_pdf", args=[scenario.jurisdiction.code, QUARTER.slug])
    assert client.get(pdf).status_code == 404  # approved, not yet published

    evaluations.publish(approved, actor=staff["evaluator"])
    html = client.get(PUBLIC).content.decode()
    assert "莒南县 · 2026年第3季度" in html and pdf in html
    assert "县城市管理局" in html and "第一网区" in html
    assert str(staff["collector01"]) not in html and str(staff["dispatcher"]) not in html
    assert TITLE in text_of(client.get(pdf).content)
    xlsx = client.get(reverse("evaluation:public_xlsx", args=[scenario.jurisdiction.code, QUARTER.slug]))
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["单位", "网区", "网格", "权重"]
