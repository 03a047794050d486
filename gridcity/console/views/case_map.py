"""The case map: grids coloured by their open and overdue cases, the open cases as clustered
markers, under the same filters as the case list."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.cases.models import State
from gridcity.org.models import Jurisdiction

from .. import filters
from ..access import staff_required, visible_cases
from ..filters import CaseFilterForm, grid_counts, open_points


def _form(request):
    return CaseFilterForm(request.GET, jurisdiction_id=request.user.jurisdiction_id)


def _map_labels():
    return {
        "open": _("Open cases"),
        "overdue": _("Overdue"),
        "urgent": _("Urgent"),
        "supervised": _("Supervised"),
        "openCase": _("Open the case"),
        "legendTitle": _("Open cases per grid"),
        "legendOverdue": _("Red outline: the grid has overdue cases"),
        "legendMarkers": _("Markers: red overdue, blue on time"),
        "none": _("none"),
        "failed": _("The cases could not be loaded (%(status)s). Your filters are kept; try again."),
        "offline": _("No connection to the server. Your filters are kept; try again when you are online."),
        "layerFailed": _("The grid layer could not be loaded. Reload the page to try again."),
    }


@staff_required
def case_map(request):
    form = _form(request)
    form.is_valid()  # the errors show beside the fields
    user = request.user
    jurisdiction = user.jurisdiction if user.jurisdiction_id else Jurisdiction.objects.first()
    layer_url = reverse("grids:layer")
    if jurisdiction is not None and not user.jurisdiction_id:
        layer_url += f"?jurisdiction={jurisdiction.code}"
    query = request.GET.urlencode()
    return render(
        request,
        "console/case_map.html",
        {
            "form": form,
            "jurisdiction": jurisdiction,
            "layer_url": layer_url,
            "tianditu_key": settings.TIANDITU_KEY,
            "list_url": reverse("console:case_list") + (f"?{query}" if query else ""),
            "point_cap": f"{filters.MAP_POINT_CAP:,}",
            "map_labels": _map_labels(),
        },
    )


@staff_required
def case_features(request):
    """GeoJSON of the filtered open cases (the MAP_POINT_CAP most recent) and, under "grids",
    the open and overdue counts of every grid that has any: three queries besides the login's."""
    form = _form(request)
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label if name in form.fields else ''}: {message}".lstrip(": ")
            for name, messages in form.errors.items()
            for message in messages
        ]
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    now = timezone.now()
    cases = form.apply(visible_cases(request.user), now)
    counts = grid_counts(cases, now)
    points = open_points(cases)
    total = sum(open_count for open_count, _overdue in counts.values())
    states = dict(State.choices)
    # One reverse() for all markers: the case number is the only part that changes.
    case_url = reverse("console:case", args=["NUMBER"])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "number": number,
                "class": class_name,
                "state": str(states[state]),
                "url": case_url.replace("NUMBER", number),
                "urgent": urgent,
                "supervised": supervised,
                "overdue": breached or (due is not None and due < now),
            },
        }
        for number, lon, lat, state, class_name, urgent, supervised, breached, due in points
    ]
    shown = len(features)
    summary = _("%(shown)s of %(total)s open cases on the map.") % {
        "shown": f"{shown:,}",
        "total": f"{total:,}",
    }
    if total > shown:
        summary += " " + _(
            "The map shows the %(cap)s most recently reported; the grid colours count them all."
        ) % {"cap": f"{filters.MAP_POINT_CAP:,}"}
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            "grids": {
                form.grid_codes.get(grid_id, str(grid_id)): {"open": open_count, "overdue": overdue}
                for grid_id, (open_count, overdue) in counts.items()
            },
            "open": total,
            "shown": shown,
            "capped": total > shown,
            "summary": summary,
        },
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )
