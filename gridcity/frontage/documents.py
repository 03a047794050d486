"""The printable agreement: a Django template rendered to PDF by WeasyPrint.

The document is in Chinese whatever language the person asking for it reads: it is the text
both parties sign. The CJK glyphs come from the Noto CJK fonts that bin/setup installs
(Debian's fonts-noto-cjk); WeasyPrint embeds the subset it uses, so the PDF prints anywhere.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .geometry import area_m2
from .models import Guarantee

DOCUMENT_LANGUAGE = "zh-hans"


def agreement_context(agreement):
    import shapely

    party = agreement.party
    shape = shapely.geometry.shape(party.frontage) if party.frontage else None
    guarantees = {value: str(label) for value, label in Guarantee.choices}
    return {
        "agreement": agreement,
        "party": party,
        "unit": agreement.signing_unit,
        "jurisdiction": agreement.jurisdiction,
        "standards": [
            {**standard, "guarantee_label": guarantees.get(standard["guarantee"], standard["guarantee"])}
            for standard in agreement.standards
        ],
        "frontage_length_m": party.frontage_length_m,
        "frontage_area_m2": round(area_m2(shape))
        if shape is not None and shape.geom_type.endswith("Polygon")
        else None,
        "printed_on": timezone.localdate(),
    }


def agreement_html(agreement):
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string("frontage/agreement.html", agreement_context(agreement))


def agreement_pdf(agreement):
    """The agreement as PDF bytes (A4), with both parties' signature blocks."""
    import weasyprint  # imported here: loading pango costs a second, only documents need it

    return weasyprint.HTML(string=agreement_html(agreement)).write_pdf()
