"""The published bulletins, for everyone without logging in (R16: results public).

Only published evaluations, and of them only the units and the regions: a post's figures are
one person's and stay inside the platform.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..evaluations import PUBLIC_KINDS
from ..models import Evaluation, EvaluationRow, EvaluationState, ObjectKind
from ..periods import Period
from ..scoring import tier_names
from ..text import ordered_rows
from .evaluations import pdf_response, xlsx_response


def _published(jurisdiction_code, period_slug):
    try:
        period = Period.parse(period_slug)
    except ValueError as error:
        raise Http404(str(error)) from None
    evaluation = (
        Evaluation.objects.filter(
            jurisdiction__code=jurisdiction_code,
            period_kind=period.kind,
            starts_on=period.start,
            state=EvaluationState.PUBLISHED,
        )
        .select_related("jurisdiction")
        .first()
    )
    if evaluation is None:
        raise Http404(_("No published bulletin of %(period)s.") % {"period": period.label})
    return evaluation


# What the public page shows of each bulletin: as the PDF, the units' and the zones' rankings.
SHOWN = (ObjectKind.UNIT, ObjectKind.ZONE)


def _ranking(evaluation, kind, names):
    """The lines of ``kind`` with a score, in ranking order (as the PDF prints them)."""
    rows = [row for row in evaluation.shown_rows if row.object_kind == kind and row.score is not None]
    return ordered_rows(rows, names), kind.label


def bulletin_list(request):
    shown_rows = EvaluationRow.objects.filter(object_kind__in=SHOWN)
    published = (
        Evaluation.objects.filter(state=EvaluationState.PUBLISHED)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("rows", queryset=shown_rows, to_attr="shown_rows"))
        .order_by("jurisdiction__name", "-starts_on")
    )
    bulletins, names_of = [], {}
    for evaluation in published:
        if evaluation.jurisdiction_id not in names_of:
            names_of[evaluation.jurisdiction_id] = tier_names(evaluation.jurisdiction)
        names = names_of[evaluation.jurisdiction_id]
        tables = [_ranking(evaluation, kind, names) for kind in SHOWN]
        bulletins.append({"evaluation": evaluation, "tables": tables})
    return render(request, "evaluation/bulletins.html", {"bulletins": bulletins})


def public_pdf(request, jurisdiction, period):
    return pdf_response(_published(jurisdiction, period))


def public_xlsx(request, jurisdiction, period):
    return xlsx_response(_published(jurisdiction, period), PUBLIC_KINDS)
