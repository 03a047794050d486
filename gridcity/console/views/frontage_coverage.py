"""Frontage coverage (门前三包): who has signed, on a table and a map; work lists; the Excel import."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gridcity.frontage import exports, imports, parties, selectors
from gridcity.frontage.models import AgreementState

from ..access import UNIT_ROLES, WHOLE_JURISDICTION, jurisdiction_of, staff_required
from ..responses import XLSX, SeeOther, xlsx_response

# The console takes smaller files than the command line (imports.MAX_UPLOAD_BYTES): 5 MB holds
# tens of thousands of rows, and a browser upload of more is more likely a wrong file.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
FIRST_YEAR = 2000


def _party_list_url(**params):
    return reverse("console:party_list") + "?" + urlencode({"state": "unsigned", **params})


def _year(request):
    """(year, error): the year of the ineligibility list, this year when not given."""
    this_year = timezone.localdate().year
    text = request.GET.get("year", "").strip()
    if not text:
        return this_year, None
    if text.isdigit() and FIRST_YEAR <= int(text) <= this_year:
        return int(text), None
    return None, _("“%(year)s” is not a year between %(first)s and %(last)s.") % {
        "year": text,
        "first": FIRST_YEAR,
        "last": this_year,
    }


def _coverage_context(jurisdiction, year_text, year_error=None):
    total = selectors.coverage_total(jurisdiction)
    towns = selectors.coverage_by_town(jurisdiction)
    zones = selectors.coverage_by_zone(jurisdiction)
    grids = selectors.coverage_by_grid(jurisdiction)
    for row in zones:
        row.unsigned_url = _party_list_url(zone=row.key.pk)
    for row in grids:
        row.unsigned_url = _party_list_url(grid=row.key.code)
    total.unsigned_url = _party_list_url()
    return {
        "jurisdiction": jurisdiction,
        "total": total,
        "tables": [
            ("towns", _("Per town or street"), _("Town or street (code)"), towns),
            ("zones", _("Per zone"), _("Zone"), zones),
            ("grids", _("Per grid"), _("Grid"), grids),
        ],
        "year": year_text,
        "year_error": year_error,
        "first_year": FIRST_YEAR,
        "this_year": timezone.localdate().year,
    }


@staff_required
def coverage(request):
    jurisdiction = jurisdiction_of(request.user)
    context = _coverage_context(jurisdiction, timezone.localdate().year)
    return render(request, "console/coverage.html", context)


@staff_required
def coverage_export(request):
    jurisdiction = jurisdiction_of(request.user)
    filename = f"{_('Frontage coverage')}-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(lambda target: exports.write_coverage(jurisdiction, target), filename)


@staff_required
def ineligible_export(request):
    jurisdiction = jurisdiction_of(request.user)
    year, error = _year(request)
    if error:
        context = _coverage_context(jurisdiction, request.GET.get("year", ""), error)
        return render(request, "console/coverage.html", context, status=400)
    filename = f"{_('Not eligible for awards')}-{year}.xlsx"
    return xlsx_response(lambda target: exports.write_ineligible(jurisdiction, year, target), filename)


def _legend():
    labels = {value: str(label) for value, label in AgreementState.choices}
    labels["unsigned"] = _("Not signed")
    return [
        {"state": state, "label": labels[state], "colour": colour}
        for state, colour in selectors.STATE_COLOURS.items()
    ]


@staff_required
def frontage_map(request):
    jurisdiction = jurisdiction_of(request.user)
    layer_url = reverse("grids:layer")
    if not request.user.jurisdiction_id:
        layer_url += f"?jurisdiction={jurisdiction.code}"
    return render(
        request,
        "console/frontage_map.html",
        {
            "jurisdiction": jurisdiction,
            "layer_url": layer_url,
            "tianditu_key": settings.TIANDITU_KEY,
            "legend": _legend(),
            "map_labels": {
                "openParty": _("Open the party"),
                "summary": _("%(count)s frontages on the map."),
                "none": _("No party has a frontage drawn yet."),
                "failed": _("The frontages could not be loaded (%(status)s). Reload the page to try again."),
                "offline": _("No connection to the server. Reload the page when you are online."),
                "layerFailed": _("The grid layer could not be loaded. Reload the page to try again."),
            },
        },
    )


@staff_required
def frontage_features(request):
    """The frontages of the person's jurisdiction as GeoJSON, each with the link to its party."""
    collection = selectors.frontages_geojson(jurisdiction_of(request.user))
    # One reverse() for every feature: only the party's number changes.
    party_url = reverse("console:party", args=[999999999])
    for feature in collection["features"]:
        feature["properties"]["url"] = party_url.replace("999999999", str(feature["properties"]["id"]))
    return JsonResponse(
        collection, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False}
    )


def _own_unit_only(user):
    """A unit's people see their own unit's work; the offices that steer see every unit."""
    roles = user.roles
    return bool(roles & UNIT_ROLES and user.unit_id and not roles & WHOLE_JURISDICTION)


@staff_required
def unsigned(request):
    user = request.user
    jurisdiction = jurisdiction_of(user)
    own_unit = _own_unit_only(user)
    groups = selectors.unsigned_by_signing_unit(jurisdiction)
    if own_unit:
        groups = [group for group in groups if group.unit is not None and group.unit.pk == user.unit_id]
    reminders = selectors.renewal_reminders(jurisdiction, unit=user.unit if own_unit else None)
    for group in groups:
        for party in group.parties:
            party.masked_person, party.masked_phone = selectors.masked_contact(party)
    return render(
        request,
        "console/unsigned.html",
        {
            "jurisdiction": jurisdiction,
            "own_unit": user.unit if own_unit else None,
            "groups": groups,
            "unsigned_count": sum(len(group.parties) for group in groups),
            "reminders": list(reminders),
            "today": timezone.localdate(),
        },
    )


def _upload_problem(upload):
    """What is wrong with the uploaded file before its rows are read, or None."""
    if upload is None:
        return _("Choose an Excel file (.xlsx) to import.")
    if not upload.size:
        return _("The file “%(name)s” is empty.") % {"name": upload.name}
    if upload.size > MAX_IMPORT_BYTES:
        return _("The file “%(name)s” is %(size)s MB; the most the console takes is %(limit)s MB.") % {
            "name": upload.name,
            "size": f"{upload.size / 1024 / 1024:.1f}",
            "limit": MAX_IMPORT_BYTES // 1024 // 1024,
        }
    if not upload.name.lower().endswith(".xlsx"):
        return _("The file “%(name)s” is not an Excel workbook (.xlsx). Save it as .xlsx and try again.") % {
            "name": upload.name
        }
    return None


@staff_required
@require_http_methods(["GET", "POST"])
def party_import(request):
    if not parties.may_keep_register(request.user):
        raise PermissionDenied(
            _("Only the evaluation office and the system administrator may register parties from Excel.")
        )
    context = {"max_mb": MAX_IMPORT_BYTES // 1024 // 1024}
    if request.method == "GET":
        return render(request, "console/party_import.html", context)
    upload = request.FILES.get("file")
    problem = _upload_problem(upload)
    if problem:
        return render(request, "console/party_import.html", {**context, "file_problem": problem}, status=400)
    data = upload.read()
    if not data.startswith(b"PK"):
        # An .xlsx is a zip archive; anything else was only named like one.
        problem = _("The file “%(name)s” is not an Excel workbook (.xlsx). Save it as .xlsx and try again.")
        context["file_problem"] = problem % {"name": upload.name}
        return render(request, "console/party_import.html", context, status=400)
    try:
        summary = imports.import_parties(data, jurisdiction_of(request.user))
    except (imports.PartyImportError, ValidationError) as error:
        context.update({"file_name": upload.name, "problems": imports.problems_of(error)})
        return render(request, "console/party_import.html", context, status=400)
    messages.success(request, str(summary))
    return SeeOther(reverse("console:party_import"))


@staff_required
def import_template(request):
    return HttpResponse(
        imports.template_workbook(),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, _("Parties template") + ".xlsx")},
    )
