"""The month's summary: a PDF in Chinese whatever the reader's language, and Excel workbooks
that open (the summary, and the units not eligible for awards)."""

import io
from datetime import date
from decimal import Decimal

import pypdfium2
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gridcity.inspection import monthly
from gridcity.inspection.models import UnitIneligibility

from .conftest import complete_all, sheet_of


@pytest.fixture
def closed(october, make_party, score, find, people, units):
    """October closed: a shop failed, the street office named in a finding of 25 points."""
    sheet = sheet_of(october)
    score(sheet, make_party("惠民超市"), failed=3)
    finding = find(sheet, deduction=Decimal("25"), unit=units["shizilu-street"], description="店外经营占道")
    monthly.make_case(finding, actor=people["evaluator"])
    complete_all(october, people["inspector"])
    monthly.close_inspection(october, actor=people["evaluator"])
    return october


def test_the_summary_pdf_is_in_chinese(closed, people, client):
    client.force_login(people["leader01"])  # a county leader reads
    client.cookies["django_language"] = "en"  # the document is Chinese whatever the reader reads
    response = client.get(reverse("inspection:summary_pdf", args=[closed.key]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.content)
    text = (
        "".join(page.get_textpage().get_text_range() for page in document).replace("\r", "").replace("\n", "")
    )
    assert "月度检查" in text and "莒南县" in text
    assert "惠民超市" in text and "十字路街道办事处" in text and "店外经营占道" in text
    assert str(closed.seed) in text
    assert closed.findings.get().case.number in text


def test_the_summary_and_the_ineligible_units_open_in_excel(closed, people, units, client):
    client.force_login(people["evaluator"])
    response = client.get(reverse("inspection:summary_xlsx", args=[closed.key]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(workbook.sheetnames) == 4
    findings = workbook.worksheets[2]
    assert findings.cell(2, 4).value == "店外经营占道" and findings.cell(2, 9).value == 25
    unit_rows = list(workbook.worksheets[3].iter_rows(min_row=2, values_only=True))
    street = next(row for row in unit_rows if row[0] == "十字路街道办事处")
    assert street[5] == 75
    export_url = reverse("inspection:ineligible_export") + "?year=2026"
    response = client.get(export_url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.worksheets[0].max_row == 1  # one failure is not three in a row: headers only
    # The street office made ineligible on its failed October (the rule itself: test_results).
    failed = closed.unit_results.get(unit=units["shizilu-street"])
    ineligibility = UnitIneligibility.objects.create(
        unit=units["shizilu-street"], year=2026, since=date(2026, 10, 1)
    )
    ineligibility.results.set([failed])
    workbook = load_workbook(io.BytesIO(b"".join(client.get(export_url).streaming_content)))
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [row[:4] for row in rows] == [("十字路街道办事处", "镇街", "2026-10", "2026-10 75.0")]
    assert client.get(reverse("inspection:ineligible_export") + "?year=20x6").status_code == 400


def test_the_summary_page_lists_the_draw_the_results_and_the_case(closed, people, client):
    client.force_login(people["handler"])  # staff of a member unit reads
    page = client.get(reverse("inspection:summary", args=[closed.key])).content.decode()
    assert str(closed.seed) in page and "draw_grids --jurisdiction 371327" in page
    assert reverse("console:case", args=[closed.findings.get().case.number]) in page
    assert "十字路街道办事处" in page and "75.0" in page
    assert date(2026, 10, 1).strftime("%Y-%m") in page
