"""The printable agreement: a PDF in Chinese with both parties' signature blocks.

The check reads the PDF's text layer for the Chinese title and names, checks that the glyphs
come from an embedded CJK font (not boxes of a fallback font), and renders the first page to
PNG to see ink where the title is and none in the margin.
"""

import ctypes
from datetime import date

import pypdfium2
import pypdfium2.raw
import pytest
from django.utils import translation

from gridcity.frontage import agreements
from gridcity.frontage.documents import agreement_pdf


@pytest.fixture(scope="module")
def reader_reads_english():
    with translation.override("en"):  # the document is Chinese whatever the reader's language
        yield


@pytest.fixture
def signed(make_party, people):
    party = make_party("明珠烧烤店", contact_person="王伟")
    agreement = agreements.draft_agreement(
        party, actor=people["evaluator"], starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    return agreements.sign(
        agreement, actor=people["evaluator"], party_signatory="王伟", unit_signatory="李明"
    )


def text_of(document):
    return "".join(page.get_textpage().get_text_range() for page in document)


def font_of(page, character):
    """The name of the font the page draws ``character`` with (its first occurrence)."""
    textpage = page.get_textpage()
    index = textpage.get_text_range().index(character)
    size = pypdfium2.raw.FPDFText_GetFontInfo(textpage.raw, index, None, 0, None)
    name = ctypes.create_string_buffer(size)
    pypdfium2.raw.FPDFText_GetFontInfo(textpage.raw, index, name, size, None)
    return name.value.decode()


def test_the_agreement_prints_in_chinese_with_both_signature_blocks(signed, reader_reads_english):
    pdf = agreement_pdf(signed)
    assert pdf.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(pdf)
    text = text_of(document).replace("\r", "").replace("\n", "")
    assert "门前三包" in text and "责任书" in text
    assert "明珠烧烤店" in text and "十字路街道办事处" in text  # party B and party A
    assert "甲方" in text and "乙方" in text and "签章" in text  # both signature blocks
    assert "王伟" in text and "李明" in text
    assert "不占道经营" in text  # the standards of a street-facing shop
    assert signed.number in text
    # The Chinese glyphs come from the embedded CJK font, not from a fallback without them.
    assert "CJK" in font_of(document[0], "责")


def test_the_rendered_page_has_ink_where_the_title_is(signed, reader_reads_english):
    document = pypdfium2.PdfDocument(agreement_pdf(signed))
    page = document[0].render(scale=1).to_pil().convert("L")
    width, height = page.size  # A4 at 72 dpi: 595 x 842
    title = page.crop((int(width * 0.15), int(height * 0.04), int(width * 0.85), int(height * 0.14)))
    dark = sum(1 for value in title.getdata() if value < 100)
    assert dark > 0.03 * title.width * title.height  # strokes of large CJK characters, not a blank band
    margin = page.crop((0, 0, width, int(height * 0.02)))
    assert all(value > 240 for value in margin.getdata())
