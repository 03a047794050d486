"""The periodic evaluations (季度考评, R10): list, compute, approve, publish, check, and the
bulletin (通报) as PDF and Excel for the people who may see the evaluation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gridcity.console.access import jurisdiction_of, staff_required
from gridcity.console.responses import XLSX, SeeOther

from .. import documents, evaluations, exports
from ..forms import ApproveForm, ComputeForm
from ..models import Evaluation, EvaluationState, ObjectKind
from ..periods import Period, PeriodKind
from ..scoring import tier_names
from ..text import columns, figure_text, figures_values, formula_text, label, ordered_rows, quarterly_text
from .appeals import error_messages
from .common import evaluation_for, figure_url, period_from

ACTIONS = ("compute", "approve", "publish")


def _detail_url(evaluation_or_period):
    period = getattr(evaluation_or_period, "period", evaluation_or_period)
    return reverse("evaluation:evaluation", args=[period.slug])


def _last_quarter(today):
    return Period.containing(PeriodKind.QUARTER, today).previous()


@staff_required
@require_http_methods(["GET", "POST"])
def evaluation_list(request):
    user = request.user
    jurisdiction = jurisdiction_of(user)
    may_evaluate = evaluations.may_evaluate(user)
    status = 200
    form = ComputeForm(initial={"period": _last_quarter(timezone.localdate()).slug}) if may_evaluate else None
    if request.method == "POST":
        if not may_evaluate:
            raise PermissionDenied(_("Only the evaluation office computes evaluations."))
        form = ComputeForm(request.POST)
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                evaluations.compute_evaluation(jurisdiction, period, actor=user)
            except ValidationError as error:
                for message in error_messages(error):
                    form.add_error("period", message)
            else:
                messages.success(
                    request, _("The evaluation of %(period)s is computed.") % {"period": period.label}
                )
                return SeeOther(_detail_url(period))
        status = 400
    found = Evaluation.objects.filter(jurisdiction=jurisdiction).select_related(
        "computed_by", "approved_by", "published_by"
    )
    if not evaluations.oversees(user):
        found = found.filter(state=EvaluationState.PUBLISHED)
    return render(
        request,
        "evaluation/evaluations.html",
        {"jurisdiction": jurisdiction, "evaluations": found, "form": form},
        status=status,
    )


def _sections(evaluation, user):
    """Per kind of object the person sees: the rows in ranking order, each figure a link."""
    period = evaluation.period
    names = tier_names(evaluation.jurisdiction)
    rows = {}
    for row in evaluations.visible_rows(user, evaluation.rows.all()):
        rows.setdefault(row.object_kind, []).append(row)
    methods = evaluation.weights.get("methods", {})
    sections = []
    for kind in evaluations.visible_kinds(user):
        codes = columns(kind)
        lines = []
        for row in ordered_rows(rows.get(kind, []), names):
            values = figures_values(row.figures)
            lines.append(
                {
                    "row": row,
                    "cells": [
                        (figure_text(sort, values.get(code)), figure_url(period, kind, row.object_id, code))
                        for code, _label, sort in codes
                    ],
                }
            )
        sections.append(
            {
                "kind": kind,
                "label": ObjectKind(kind).label,
                "is_unit": kind == ObjectKind.UNIT,
                "columns": codes,
                "lines": lines,
                "formula": formula_text(methods[kind]) if kind in methods else "",
            }
        )
    return sections


def _difference_lines(found):
    """differences() as lines people read: for figures, each figure that changed."""
    lines = []
    for kind, _object_id, name, what, stored, now in found:
        who = f"{ObjectKind(kind).label} · {name}"
        if what == "figures" and isinstance(stored, dict) and isinstance(now, dict):
            before, after = figures_values(stored), figures_values(now)
            for code in sorted(set(before) | set(after)):
                if before.get(code) != after.get(code):
                    lines.append((who, label(code), before.get(code), after.get(code)))
            for code in sorted(set(stored.get("scores", {})) | set(now.get("scores", {}))):
                old, new = stored.get("scores", {}).get(code), now.get("scores", {}).get(code)
                if old != new:
                    lines.append((who, _("score of %(indicator)s") % {"indicator": label(code)}, old, new))
        else:
            what_label = {"score": _("Score"), "rank": _("Rank"), "row": _("Line")}.get(what, what)
            lines.append((who, what_label, stored, now))
    return lines


@staff_required
def evaluation_page(request, period):
    user = request.user
    evaluation = evaluation_for(user, period_from(period))
    check = None
    if request.GET.get("check"):
        check = _difference_lines(evaluations.differences(evaluation))
    may_evaluate = evaluations.may_evaluate(user)
    return render(
        request,
        "evaluation/evaluation.html",
        {
            "evaluation": evaluation,
            "period": evaluation.period,
            "sections": _sections(evaluation, user),
            "quarterly": quarterly_text(evaluation.weights["quarterly"])
            if evaluation.weights.get("quarterly")
            else "",
            "check": check,
            "may_evaluate": may_evaluate,
            "is_draft": evaluation.state == EvaluationState.DRAFT,
            "is_approved": evaluation.state == EvaluationState.APPROVED,
            "approve_form": ApproveForm(),
            "pdf_url": reverse("evaluation:bulletin_pdf", args=[evaluation.period.slug]),
            "xlsx_url": reverse("evaluation:bulletin_xlsx", args=[evaluation.period.slug]),
        },
    )


@staff_required
@require_POST
def evaluation_act(request, period, action):
    user = request.user
    if action not in ACTIONS:
        raise Http404(_("No such step."))
    if not evaluations.may_evaluate(user):
        raise PermissionDenied(_("Only the evaluation office computes, approves and publishes evaluations."))
    period = period_from(period)
    evaluation = evaluation_for(user, period)
    try:
        if action == "compute":
            evaluations.compute_evaluation(evaluation.jurisdiction, period, actor=user)
            done = _("The evaluation of %(period)s is computed again.")
        elif action == "approve":
            form = ApproveForm(request.POST)
            if not form.is_valid():
                # Nothing is approved on a note that cannot be kept whole.
                for field, errors in form.errors.items():
                    for message in errors:
                        messages.error(request, f"{form.fields[field].label}: {message}")
                return SeeOther(_detail_url(period))
            evaluations.approve(evaluation, actor=user, note=form.cleaned_data["note"])
            done = _("The evaluation of %(period)s is approved; its figures are fixed.")
        else:
            evaluations.publish(evaluation, actor=user)
            done = _("The evaluation of %(period)s is published with its bulletin.")
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, done % {"period": period.label})
    return SeeOther(_detail_url(period))


def _filename(evaluation, suffix):
    return f"{documents.bulletin_title(evaluation)}.{suffix}"


def pdf_response(evaluation):
    return HttpResponse(
        documents.bulletin_pdf(evaluation),
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, _filename(evaluation, "pdf"))},
    )


def xlsx_response(evaluation, kinds, viewer=None):
    return HttpResponse(
        exports.evaluation_workbook(evaluation, kinds, viewer=viewer),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, _filename(evaluation, "xlsx"))},
    )


@staff_required
def bulletin_pdf(request, period):
    """The bulletin; a draft's (for the oversight only) is marked as a draft on every page."""
    return pdf_response(evaluation_for(request.user, period_from(period)))


@staff_required
def bulletin_xlsx(request, period):
    """Every figure of the evaluation the person sees on its page: a post's sheet holds every
    line for the oversight, his own line for the holder of the post."""
    user = request.user
    evaluation = evaluation_for(user, period_from(period))
    return xlsx_response(evaluation, evaluations.visible_kinds(user), viewer=user)
