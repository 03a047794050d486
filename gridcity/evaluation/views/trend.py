"""A unit's daily scores (R8) over the last 30 or 90 days: a line and the table of days."""

from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gridcity.console.access import jurisdiction_of, staff_required
from gridcity.org.models import Unit

from ..charts import line_chart
from ..indicators import LABELS
from ..models import DailyScore, ObjectKind
from ..periods import Period
from .common import figure_url

SPANS = (30, 90)
# The counts shown beside each day's score, each a link to its cases.
KEY_COUNTS = ("kept", "due", "disposed_on_time", "disposed_late", "overdue_open")


def _span_and_end(request):
    """(days, last day, errors) from ?days=30|90&end=YYYY-MM-DD; the last day defaults to yesterday."""
    errors = []
    days = SPANS[0]
    text = request.GET.get("days", "").strip()
    if text:
        if text.isdigit() and int(text) in SPANS:
            days = int(text)
        else:
            errors.append(_("Show 30 or 90 days, not “%(days)s”.") % {"days": text})
    end = timezone.localdate() - timedelta(days=1)
    text = request.GET.get("end", "").strip()
    if text:
        try:
            end = date.fromisoformat(text)
        except ValueError:
            errors.append(_("“%(day)s” is not a day: write it as 2026-07-15.") % {"day": text})
    return days, end, errors


@staff_required
def unit_daily(request, unit_id):
    jurisdiction = jurisdiction_of(request.user)
    unit = Unit.objects.filter(jurisdiction=jurisdiction, pk=unit_id).first()
    if unit is None:
        raise Http404(_("No such unit."))
    days, end, errors = _span_and_end(request)
    start = end - timedelta(days=days - 1)
    scores = {row.day: row for row in DailyScore.objects.filter(unit=unit, day__gte=start, day__lte=end)}
    figures_base = reverse("evaluation:figures")
    points, lines = [], []
    for offset in range(days):
        day = start + timedelta(days=offset)
        row = scores.get(day)
        slug = Period.day(day).slug
        day_url = figures_base + "?" + urlencode({"period": slug, "kind": ObjectKind.UNIT})
        score = row.score if row is not None else None
        tooltip = f"{day.isoformat()}: {score if score is not None else '—'}"
        points.append((f"{day:%m-%d}", score, day_url, tooltip))
        if row is not None:
            counts = row.figures.get("counts", {})
            lines.append(
                {
                    "day": day,
                    "url": day_url,
                    "score": score,
                    "grade": row.grade,
                    "counts": [
                        (counts.get(code, 0), figure_url(slug, ObjectKind.UNIT, unit.pk, code))
                        for code in KEY_COUNTS
                    ],
                }
            )
    lines.reverse()  # the newest day first
    title = _("Daily scores of %(unit)s, %(start)s to %(end)s") % {
        "unit": unit.name,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    spans = [
        (span, reverse("evaluation:unit_daily", args=[unit.pk]) + "?" + urlencode({"days": span, "end": end}))
        for span in SPANS
    ]
    return render(
        request,
        "evaluation/unit_daily.html",
        {
            "unit": unit,
            "days": days,
            "end": end,
            "title": title,
            "chart": line_chart(points, title=title),
            "lines": lines,
            "count_labels": [LABELS[code] for code in KEY_COUNTS],
            "spans": spans,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
