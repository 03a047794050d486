"""The bulletin (通报) of an evaluation: a Django template rendered to PDF by WeasyPrint.

The bulletin is in Chinese whatever language the person asking for it reads: it is the county's
published text. It shows the units' ranking and the zones' (the regions'), never a post's: those
are one person's figures. A draft's bulletin says so on every page, for proofreading before
approval. The CJK glyphs come from the Noto CJK fonts that bin/setup installs.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .charts import bar_chart
from .models import EvaluationState, ObjectKind
from .scoring import tier_names
from .text import figure_text, label, ordered_rows, quarterly_text

DOCUMENT_LANGUAGE = "zh-hans"
# The regions' figures the bulletin prints beside each zone's score.
ZONE_FIGURES = (
    ("reported", "count"),
    ("filed", "count"),
    ("closure_rate", "rate"),
    ("on_time_closure_rate", "rate"),
)


def bulletin_title(evaluation):
    """E.g. 莒南县城市网格化管理2026年第3季度考评通报."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _("%(jurisdiction)s urban grid management evaluation bulletin of %(period)s") % {
            "jurisdiction": evaluation.jurisdiction.name,
            "period": evaluation.period.label,
        }


def _names(rows):
    return "、".join(f"{row.name}（{row.score}，{row.grade}）" for row in rows)


def _best_and_lowest(units):
    """The first and the last of each ranking (one per load tier): ([rows], [rows])."""
    groups = {}
    for row in units:
        if row.rank is not None:
            groups.setdefault(row.tier, []).append(row)
    best, lowest = [], []
    for members in groups.values():
        best += [row for row in members if row.rank == 1]
        last = max(row.rank for row in members)
        if last > 1:
            lowest += [row for row in members if row.rank == last]
    return best, lowest


def _ineligible_units(evaluation):
    """The units that lost the year's award eligibility by the end of the period (R11)."""
    from gridcity.inspection.models import UnitIneligibility

    period = evaluation.period
    return list(
        UnitIneligibility.objects.filter(
            unit__jurisdiction=evaluation.jurisdiction, year=period.start.year, since__lt=period.end
        )
        .select_related("unit")
        .order_by("unit__name")
    )


def bulletin_context(evaluation):
    jurisdiction = evaluation.jurisdiction
    names = tier_names(jurisdiction)
    rows = list(evaluation.rows.filter(object_kind__in=(ObjectKind.UNIT, ObjectKind.ZONE)))
    all_units = ordered_rows([row for row in rows if row.object_kind == ObjectKind.UNIT], names)
    # A unit with neither cases, daily scores nor inspections in the period has no line of figures:
    # the bulletin names it once instead of printing a row of dashes.
    units = [row for row in all_units if row.score is not None]
    idle = [row for row in all_units if row.score is None]
    zones = ordered_rows([row for row in rows if row.object_kind == ObjectKind.ZONE])
    for zone in zones:
        values = {**zone.figures.get("counts", {}), **zone.figures.get("rates", {})}
        zone.cells = [figure_text(sort, values.get(code)) for code, sort in ZONE_FIGURES]
    # The chart shows the ranking: a unit below the minimum of cases may score on its inspections
    # alone, and at the top of a chart it would read as the best.
    scored = sorted((row for row in units if row.rank is not None), key=lambda row: (-row.score, row.name))
    best, lowest = _best_and_lowest(units)
    ineligible = _ineligible_units(evaluation)
    return {
        "evaluation": evaluation,
        "jurisdiction": jurisdiction,
        "title": bulletin_title(evaluation),
        "period": evaluation.period,
        "units": units,
        "idle": "、".join(row.name for row in idle),
        "has_tiers": any(row.tier for row in units),
        "zones": zones,
        "zone_columns": [label(code) for code, _sort in ZONE_FIGURES],
        "chart": bar_chart(
            [(row.name, row.score, row.grade) for row in scored], title=_("Scores of the ranked units")
        )
        if scored
        else "",
        "best": _names(best),
        "lowest": _names(lowest),
        "ineligible": "、".join(item.unit.name for item in ineligible),
        "quarterly": quarterly_text(evaluation.weights["quarterly"])
        if evaluation.weights.get("quarterly")
        else "",
        "is_draft": evaluation.state == EvaluationState.DRAFT,
    }


def bulletin_html(evaluation):
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string("evaluation/bulletin.html", bulletin_context(evaluation))


def bulletin_pdf(evaluation):
    """The bulletin as PDF bytes (A4)."""
    import weasyprint  # imported here: loading pango costs a second, only documents need it

    return weasyprint.HTML(string=bulletin_html(evaluation)).write_pdf()
