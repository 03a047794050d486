"""The month's summary as PDF: a Django template rendered by WeasyPrint, in Chinese whatever the
reader's language (it is the document the office files and publishes), with the CJK glyphs of
the Noto CJK fonts embedded."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .selectors import summary

DOCUMENT_LANGUAGE = "zh-hans"


def summary_html(inspection):
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(
            "inspection/summary_pdf.html",
            {"summary": summary(inspection), "printed_on": timezone.localdate(), "pdf": True},
        )


def summary_pdf(inspection):
    """The month's summary as PDF bytes (A4)."""
    import weasyprint  # imported here: loading pango costs a second, only documents need it

    return weasyprint.HTML(string=summary_html(inspection)).write_pdf()
