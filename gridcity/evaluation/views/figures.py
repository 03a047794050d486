"""The figures of a period (one table per kind of object) and the cases behind each figure.

Every number on the figures page links to the list of the cases it counts, with each case's
events of the period, so anyone can check a figure line by line (R16)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gridcity.cases.models import Case, Event
from gridcity.console.access import jurisdiction_of, staff_required
from gridcity.console.timeline import EVENT_TITLES
from gridcity.org.models import Unit

from .. import appeals, indicators
from ..evaluations import own_line_only, visible_kinds
from ..indicators import INDICATORS, KINDS
from ..models import AppealState, ObjectKind, OvertimeAppeal
from ..periods import Period, PeriodKind
from ..scoring import composite, grade, method_for, rank, tier_of, tiers
from ..text import columns, figure_text, formula_text
from .common import OVERTIME_CODES, check_may_see, figure_url, kind_from, period_from

CASES_PER_PAGE = 100


@dataclass
class Line:
    """One object's line of the figures table."""

    object_id: int
    name: str
    cells: list  # [(text, url)]
    score: object
    grade: str
    rank: int | None
    tier: str
    ranked: bool
    trend_url: str = ""


def figure_lines(jurisdiction, kind, period, user):
    """The lines of ``kind`` the person sees in ``period``, ranked as scoring.rank ranks them
    (units within their load tier), and the method used."""
    method = method_for(jurisdiction, kind)
    tier_list = tiers(jurisdiction) if kind == ObjectKind.UNIT else []
    entries = []
    for figures in indicators.compute(jurisdiction, kind, period):
        score = composite(method, figures)
        tier = tier_of(figures.measures["cases_per_month"], tier_list) if tier_list else ""
        entries.append(
            {
                "figures": figures,
                "score": score,
                "ranked": figures.case_count >= method.min_cases,
                "group": tier,
            }
        )
    rank(entries)
    if own_line_only(user, kind):
        entries = [entry for entry in entries if entry["figures"].object_id == user.pk]
    tier_order = {name: index for index, (name, _threshold) in enumerate(tier_list)}
    entries.sort(
        key=lambda e: (tier_order.get(e["group"], 0), e["rank"] is None, e["rank"] or 0, e["figures"].name)
    )
    codes = columns(kind)
    lines = []
    for entry in entries:
        figures = entry["figures"]
        lines.append(
            Line(
                object_id=figures.object_id,
                name=figures.name,
                cells=[
                    (
                        figure_text(sort, figures.value(code)),
                        figure_url(period, kind, figures.object_id, code),
                    )
                    for code, _label, sort in codes
                ],
                score=entry["score"],
                grade=grade(entry["score"]),
                rank=entry["rank"],
                tier=entry["group"],
                ranked=entry["ranked"],
                trend_url=reverse("evaluation:unit_daily", args=[figures.object_id])
                if kind == ObjectKind.UNIT
                else "",
            )
        )
    return lines, method


def _figures_url(period, kind):
    return reverse("evaluation:figures") + "?" + urlencode({"period": period.slug, "kind": kind})


def _period_links(period, kind, today):
    """The previous and next period, and the same moment as a day, month, quarter or year."""
    anchor = today if period.start <= today < period.end else period.start
    following = Period.containing(period.kind, period.end)
    return {
        "previous": _figures_url(period.previous(), kind),
        "next": _figures_url(following, kind) if following.start <= today else "",
        "kinds": [
            (label, _figures_url(Period.containing(value, anchor), kind), value == period.kind)
            for value, label in PeriodKind.choices
        ],
    }


@staff_required
def figures_page(request):
    user = request.user
    jurisdiction = jurisdiction_of(user)
    today = timezone.localdate()
    kinds = visible_kinds(user)
    errors = []
    period = Period.containing(PeriodKind.MONTH, today)
    if request.GET.get("period", "").strip():
        try:
            period = Period.parse(request.GET["period"])
        except ValueError as error:
            errors.append(str(error))
    kind = request.GET.get("kind") or ObjectKind.UNIT
    if kind not in kinds:
        errors.append(_("“%(kind)s” is not a kind of evaluated object you may see.") % {"kind": kind})
        kind = ObjectKind.UNIT
    lines, method = figure_lines(jurisdiction, kind, period, user)
    return render(
        request,
        "evaluation/figures.html",
        {
            "jurisdiction": jurisdiction,
            "period": period,
            "kind": kind,
            "kind_label": ObjectKind(kind).label,
            "tabs": [(ObjectKind(k).label, _figures_url(period, k), k == kind) for k in kinds],
            "links": _period_links(period, kind, today),
            "columns": columns(kind),
            "lines": lines,
            "formula": formula_text(method.as_json()),
            "tiers": tiers(jurisdiction) if kind == ObjectKind.UNIT else [],
            "own_line_only": own_line_only(user, kind),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _event_lines(case_ids, period):
    """{case id: [event, …]} of the cases' events within the period, each with its title and
    whether it met its deadline."""
    start, end = period.bounds()
    found = {}
    events = (
        Event.objects.filter(case_id__in=case_ids, at__gte=start, at__lt=end)
        .select_related("actor", "unit")
        .order_by("at", "pk")
    )
    for event in events:
        event.title = EVENT_TITLES.get(event.type, event.type)
        event.late = event.due_at is not None and event.at > event.due_at
        found.setdefault(event.case_id, []).append(event)
    return found


def _appeal_states(case_ids, unit_id):
    """{case id: the unit's latest appeal of the case}."""
    latest = {}
    for appeal in OvertimeAppeal.objects.filter(case_id__in=case_ids, unit_id=unit_id).order_by(
        "requested_at"
    ):
        latest[appeal.case_id] = appeal
    return latest


@staff_required
def figure_page(request, period, kind, object_id, code):
    user = request.user
    jurisdiction = jurisdiction_of(user)
    period = period_from(period)
    kind = kind_from(kind)
    check_may_see(user, kind, object_id)
    if code not in INDICATORS[kind]:
        raise Http404(_("“%(code)s” is not a figure of this kind of object.") % {"code": code})
    figures = next(
        (f for f in indicators.compute(jurisdiction, kind, period) if f.object_id == object_id), None
    )
    if figures is None:
        raise Http404(_("No such object to evaluate."))
    spec = KINDS[kind]
    sort = "rate" if code in spec.rates else "measure" if code in spec.measures else "count"
    counted = code
    if sort == "rate":
        counted = spec.rates[code].numerator
    elif sort == "measure":
        counted = spec.measures[code].count
    case_ids = indicators.cases_behind(jurisdiction, kind, object_id, period, counted)
    page = Paginator(case_ids, CASES_PER_PAGE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    cases = list(
        Case.objects.filter(pk__in=ids).select_related("minor_class__major", "current_unit").order_by("pk")
    )
    events = _event_lines(ids, period)
    overtime = kind == ObjectKind.UNIT and code in OVERTIME_CODES
    unit = Unit.objects.filter(pk=object_id).first() if overtime else None
    speaks_for_unit = unit is not None and appeals.speaks_for(user, unit)
    states = _appeal_states(ids, object_id) if overtime else {}
    for case in cases:
        case.period_events = events.get(case.pk, [])
        case.appeal = states.get(case.pk)
        live = case.appeal is not None and case.appeal.state != AppealState.REFUSED
        # One query per case, for those who speak for the unit only: few cases are ever late.
        case.may_appeal = speaks_for_unit and not live and appeals.may_appeal(user, case, unit)
    denominator = None
    if sort == "rate":
        rate = spec.rates[code]
        denominator = {
            "label": INDICATORS[kind][rate.denominator],
            "value": figures.counts[rate.denominator],
            "url": figure_url(period, kind, object_id, rate.denominator),
        }
    return render(
        request,
        "evaluation/figure.html",
        {
            "jurisdiction": jurisdiction,
            "period": period,
            "kind": kind,
            "kind_label": ObjectKind(kind).label,
            "figures": figures,
            "code": code,
            "label": INDICATORS[kind][code],
            "value": figure_text(sort, figures.value(code)),
            "sort": sort,
            "counted_label": INDICATORS[kind][counted],
            "counted": len(case_ids),
            "denominator": denominator,
            "page": page,
            "cases": cases,
            "overtime": overtime,
            "may_appeal": speaks_for_unit,
            "back_url": _figures_url(period, kind),
        },
    )
