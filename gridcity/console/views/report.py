"""The report form (上报), phone first, and the class search it uses."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gridcity.cases import workflow
from gridcity.catalog.selectors import search_classes
from gridcity.org.roles import Role

from ..access import staff_required, visible_cases
from ..context import REPORTERS
from ..report_forms import ReportForm

RECENT_REPORTS = 10
CLASS_RESULTS = 10


def _htmx(request):
    return request.headers.get("HX-Request") == "true"


def _refused(request, message):
    return render(request, "console/report_refused.html", {"message": message}, status=403)


def _labels():
    """The words report.js shows, in the person's language."""
    return {
        "locating": _("Finding your position…"),
        "located": _("Position from your phone (accurate to about METRES m)."),
        "denied": _(
            "Location access was refused. Allow it for this site in the browser's settings, "
            "or tap the map, or type the longitude and latitude."
        ),
        "unavailable": _("Your position could not be found. Tap the map or type the longitude and latitude."),
        "timeout": _("Finding your position took too long. Try again, tap the map or type the coordinates."),
        "insecure": _(
            "The browser gives the position only over a secure (https) connection. "
            "Tap the map or type the longitude and latitude."
        ),
        "unsupported": _("This browser cannot give your position. Tap the map or type the coordinates."),
        "fromPhoto": _("Position from the photo's GPS data."),
        "usePhoto": _("Use the position where the photo was taken"),
        "moved": _("Position set on the map."),
        "inGrid": _("Grid: GRID, zone ZONE."),
        "outside": _(
            "This point lies in no grid of the managed area, so the report would be refused. "
            "Move the marker to where the problem is."
        ),
        "typed": _("Position typed in."),
        "gridsFailed": _("The grid layer could not be loaded; the position can still be set."),
        "remove": _("Remove"),
        "tooBig": _("too big: the limit is LIMIT MB"),
        "sending": _("Sending…"),
        "sendFailed": _("Sending failed; please try again."),
        "serverFailed": _("The server could not take the report (error STATUS). What you typed is kept."),
        "retry": _("Retry"),
        "opening": _("Sent. Opening the case…"),
        "chosen": _("Chosen:"),
        "photoRequired": _("This class needs at least one photo."),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def report(request):
    user = request.user
    if not (user.roles & REPORTERS):
        return _refused(
            request,
            _(
                "Only information collectors and the command center's acceptors and shift leaders report problems."
            ),
        )
    if not user.jurisdiction_id:
        return _refused(request, _("Your account belongs to no jurisdiction, so it cannot report problems."))

    form = ReportForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST":
        if form.is_valid():
            try:
                case = workflow.report(
                    jurisdiction=user.jurisdiction,
                    actor=user,
                    photos=request.FILES.getlist("photos"),
                    **form.report_arguments(),
                )
            except workflow.NotAllowed as error:
                if _htmx(request):
                    return render(request, "console/report_errors.html", {"refusal": str(error)}, status=403)
                return _refused(request, str(error))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Case %(number)s reported. Thank you.") % {"number": case.number})
                url = reverse("console:case", args=[case.number])
                if _htmx(request):
                    # htmx follows HX-Redirect with a full page load; the files were already sent.
                    return HttpResponse(headers={"HX-Redirect": url})
                return redirect(url)
        if _htmx(request):
            # Only the messages travel back: the form, with its chosen files, stays as it is.
            return render(request, "console/report_errors.html", {"form": form}, status=400)

    chosen_class = getattr(form, "cleaned_data", {}).get("minor_class")
    recent = (
        visible_cases(user)
        .filter(reporter=user)
        .select_related("minor_class")
        .order_by("-reported_at")[:RECENT_REPORTS]
    )
    context = {
        "form": form,
        "chosen_class": chosen_class,
        "files_lost": bool(request.FILES),
        "collector": Role.COLLECTOR in user.roles,
        "recent": recent,
        "tianditu_key": settings.TIANDITU_KEY,
        "labels": _labels(),
        # The limits gridcity.cases.uploads applies (same settings, same defaults).
        "photo_limit_mb": getattr(settings, "CASE_PHOTO_MAX_BYTES", 15 * 2**20) // 2**20,
        "video_limit_mb": getattr(settings, "CASE_VIDEO_MAX_BYTES", 200 * 2**20) // 2**20,
    }
    return render(request, "console/report.html", context, status=400 if form.errors else 200)


@staff_required
@require_GET
def class_search(request):
    query = request.GET.get("q", request.GET.get("class_query", "")).strip()
    classes = search_classes(query, limit=CLASS_RESULTS)
    context = {"query": query, "classes": classes, "collector": Role.COLLECTOR in request.user.roles}
    return render(request, "console/class_results.html", context)
