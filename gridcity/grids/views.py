from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gridcity.org.models import Jurisdiction

from .layer import export_layer, export_zones


def _map_labels():
    return {
        "summary": _("ZONES zones, GRIDS grids, AREA km²"),
        "grid": _("Grid"),
        "zone": _("Zone"),
        "area": _("Area"),
        "collector": _("Information collector"),
        "supervisingUnit": _("Supervising unit"),
        "sponsor": _("Sponsoring county leader"),
        "none": _("not assigned"),
        "failed": _("The grid layer could not be loaded. Reload the page to try again."),
    }


def _jurisdiction_for(request):
    """The person's own jurisdiction; a superuser may pick one with ?jurisdiction=CODE."""
    code = request.GET.get("jurisdiction")
    user = request.user
    if user.jurisdiction_id and (not code or code == user.jurisdiction.code):
        return user.jurisdiction
    if not user.is_superuser:
        raise Http404
    queryset = Jurisdiction.objects.all()
    jurisdiction = queryset.filter(code=code).first() if code else queryset.first()
    if jurisdiction is None:
        raise Http404
    return jurisdiction


def _geojson_response(document, filename, download):
    response = JsonResponse(
        document, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False}
    )
    if download:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def layer(request):
    jurisdiction = _jurisdiction_for(request)
    return _geojson_response(
        export_layer(jurisdiction), f"grids-{jurisdiction.code}.geojson", "download" in request.GET
    )


@login_required
def zones(request):
    jurisdiction = _jurisdiction_for(request)
    return _geojson_response(
        export_zones(jurisdiction), f"zones-{jurisdiction.code}.geojson", "download" in request.GET
    )


@login_required
def grid_map(request):
    jurisdiction = _jurisdiction_for(request)
    return render(
        request,
        "grids/map.html",
        {"jurisdiction": jurisdiction, "tianditu_key": settings.TIANDITU_KEY, "map_labels": _map_labels()},
    )
