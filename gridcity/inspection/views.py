"""The monthly inspection's pages: thin adapters over gridcity.inspection.monthly.

Everyone here is logged in with a role; who may read, record and manage is decided by
monthly.may_read / may_record / may_manage (docs/inspection.md, "Who does what")."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gridcity.cases.workflow import WorkflowError
from gridcity.console.access import jurisdiction_of, staff_required
from gridcity.console.frontage_forms import InspectForm
from gridcity.console.responses import SeeOther, private_file_response, xlsx_response
from gridcity.frontage.models import Party
from gridcity.frontage.standards import checklist

from . import documents, exports, monthly, selectors
from .forms import FindingForm, NoteForm, OpenForm
from .models import Finding, FindingFile, GridSheet, SheetEntry

FIRST_YEAR = 2000


# ---------------------------------------------------------------------------------------------
# Helpers


def _readable(request):
    jurisdiction = jurisdiction_of(request.user)
    if not monthly.may_read(request.user, jurisdiction.pk):
        raise PermissionDenied(
            _(
                "The monthly inspections are for the evaluation office, inspectors, county leaders and member units."
            )
        )
    return jurisdiction


def _month(jurisdiction, key):
    year, month = (int(part) for part in key.split("-"))
    inspection = selectors.month_of(jurisdiction, year, month) if 1 <= month <= 12 else None
    if inspection is None:
        raise Http404(_("No inspection of %(month)s.") % {"month": key})
    return inspection


def _sheet(inspection, grid_code):
    sheet = (
        GridSheet.objects.filter(inspection=inspection, grid__code=grid_code)
        .select_related("grid__zone")
        .first()
    )
    if sheet is None:
        raise Http404(
            _("Grid %(grid)s was not drawn in %(month)s.") % {"grid": grid_code, "month": inspection.key}
        )
    sheet.inspection = inspection
    return sheet


def _finding(jurisdiction, pk):
    finding = (
        Finding.objects.filter(pk=pk, inspection__jurisdiction=jurisdiction)
        .select_related(
            "inspection__jurisdiction", "sheet__grid", "minor_class__major", "unit", "party", "case"
        )
        .first()
    )
    if finding is None:
        raise Http404(_("No such finding."))
    return finding


def _month_url(inspection):
    return reverse("inspection:month", args=[inspection.key])


def _sheet_url(sheet):
    return reverse("inspection:sheet", args=[sheet.inspection.key, sheet.grid.code])


def _year(request):
    """(year, error): the year asked for, this year when not given."""
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


def _file_response(data, filename, content_type):
    return HttpResponse(
        data,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


# ---------------------------------------------------------------------------------------------
# The months


@staff_required
def month_list(request):
    jurisdiction = _readable(request)
    return render(
        request,
        "inspection/list.html",
        {
            "jurisdiction": jurisdiction,
            "months": list(selectors.months(jurisdiction)),
            "may_manage": monthly.may_manage(request.user, jurisdiction.pk),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def open_month(request):
    jurisdiction = jurisdiction_of(request.user)
    if not monthly.may_manage(request.user, jurisdiction.pk):
        raise PermissionDenied(
            _("Only the evaluation office or the system administrator opens a month's inspection.")
        )
    form = OpenForm(request.POST or None, jurisdiction=jurisdiction)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = monthly.open_inspection(
                jurisdiction,
                month=data["month"],
                actor=request.user,
                team_units=data["team_units"],
                inspectors=data["inspectors"],
                count=data["grid_count"],
                strategy=data["strategy"],
                seed=data["seed"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The inspection of %(month)s is open: %(count)s grids drawn with seed %(seed)s.")
                % {"month": inspection.key, "count": inspection.grid_count, "seed": inspection.seed},
            )
            return SeeOther(_month_url(inspection))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "inspection/open.html", {"form": form, "jurisdiction": jurisdiction}, status=status
    )


def _month_context(request, inspection):
    user = request.user
    return {
        "summary": selectors.summary(inspection),
        "inspection": inspection,
        "may_manage": monthly.may_manage(user, inspection.jurisdiction_id),
        "may_record": monthly.may_record(user, inspection.jurisdiction_id),
    }


@staff_required
def month_page(request, month):
    jurisdiction = _readable(request)
    inspection = _month(jurisdiction, month)
    return render(request, "inspection/month.html", _month_context(request, inspection))


@staff_required
@require_POST
def close_month(request, month):
    jurisdiction = jurisdiction_of(request.user)
    inspection = _month(jurisdiction, month)
    try:
        made = monthly.close_inspection(inspection, actor=request.user)
    except ValidationError as error:
        context = _month_context(request, inspection)
        context["notice"] = " ".join(error.messages)
        return render(request, "inspection/month.html", context, status=400)
    message = _("The inspection of %(month)s is closed and the units' results are computed.") % {
        "month": inspection.key
    }
    if made:
        message += " " + _("Not eligible for this year's awards from now on: %(units)s.") % {
            "units": "、".join(item.unit.name for item in made)
        }
    messages.success(request, message)
    return SeeOther(_month_url(inspection))


# ---------------------------------------------------------------------------------------------
# Score sheets


def _sheet_context(request, sheet, complete_form=None, notice=None):
    inspection = sheet.inspection
    entries = {
        entry.party_id: entry
        for entry in SheetEntry.objects.filter(sheet=sheet).select_related(
            "frontage_inspection", "recorded_by"
        )
    }
    parties = list(monthly.parties_of(sheet))
    rows = [{"party": party, "entry": entries.get(party.pk)} for party in parties]
    # A party scored on the sheet and since deactivated keeps its row.
    known = {party.pk for party in parties}
    for party_id, entry in entries.items():
        if party_id not in known:
            rows.append({"party": entry.party, "entry": entry})
    return {
        "inspection": inspection,
        "sheet": sheet,
        "rows": rows,
        "missing": sum(1 for row in rows if row["entry"] is None),
        "findings": list(selectors.findings_of(inspection).filter(sheet=sheet)),
        "may_record": monthly.may_record(request.user, inspection.jurisdiction_id) and inspection.is_open,
        "complete_form": complete_form or NoteForm(),
        "notice": notice,
    }


@staff_required
def sheet_page(request, month, grid):
    jurisdiction = _readable(request)
    sheet = _sheet(_month(jurisdiction, month), grid)
    return render(request, "inspection/sheet.html", _sheet_context(request, sheet))


@staff_required
@require_POST
def complete_sheet(request, month, grid):
    jurisdiction = jurisdiction_of(request.user)
    sheet = _sheet(_month(jurisdiction, month), grid)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            monthly.complete_sheet(sheet, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            context = _sheet_context(request, sheet, form, " ".join(error.messages))
            return render(request, "inspection/sheet.html", context, status=400)
        messages.success(request, _("The sheet of grid %(grid)s is completed.") % {"grid": sheet.grid.code})
        return SeeOther(_sheet_url(sheet))
    return render(request, "inspection/sheet.html", _sheet_context(request, sheet, form), status=400)


@staff_required
@require_http_methods(["GET", "POST"])
def entry(request, month, grid, party):
    jurisdiction = jurisdiction_of(request.user)
    sheet = _sheet(_month(jurisdiction, month), grid)
    inspection = sheet.inspection
    monthly.check_may_record(request.user, jurisdiction.pk, monthly.SCORING)
    party = Party.objects.filter(pk=party, grid=sheet.grid).first()
    if party is None:
        raise Http404(_("No such party in grid %(grid)s.") % {"grid": sheet.grid.code})
    standards = checklist(party.jurisdiction, party.kind)
    today = timezone.localdate()
    initial = {"inspected_on": today if today.replace(day=1) == inspection.month else inspection.month}
    form = InspectForm(request.POST or None, standards=standards, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            monthly.record_entry(
                sheet,
                party,
                actor=request.user,
                inspected_on=form.cleaned_data["inspected_on"],
                results=form.results(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(party)s is scored.") % {"party": party.name})
            return SeeOther(_sheet_url(sheet))
    status = 400 if request.method == "POST" else 200
    context = {"inspection": inspection, "sheet": sheet, "party": party, "form": form}
    return render(request, "inspection/entry.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# Findings


@staff_required
@require_http_methods(["GET", "POST"])
def finding_new(request, month, grid):
    jurisdiction = jurisdiction_of(request.user)
    sheet = _sheet(_month(jurisdiction, month), grid)
    monthly.check_may_record(request.user, jurisdiction.pk, monthly.FINDINGS)
    parties = monthly.parties_of(sheet)
    form = FindingForm(request.POST or None, request.FILES or None, sheet=sheet, parties=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = monthly.record_finding(
                sheet,
                actor=request.user,
                description=data["description"],
                minor_class=data["minor_class"],
                deduction=data["deduction"],
                files=form.uploads(),
                unit=data["unit"],
                party=data["party"],
                lon=data["lon"],
                lat=data["lat"],
                address=data["address"],
                found_on=data["found_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The finding is recorded."))
            return SeeOther(reverse("inspection:finding", args=[finding.pk]))
    status = 400 if request.method == "POST" else 200
    context = {"inspection": sheet.inspection, "sheet": sheet, "form": form}
    return render(request, "inspection/finding_form.html", context, status=status)


def _finding_context(request, finding, notice=None):
    return {
        "finding": finding,
        "inspection": finding.inspection,
        "files": list(finding.files.all()),
        "may_make_case": monthly.may_record(request.user, finding.inspection.jurisdiction_id)
        and finding.case_id is None,
        "notice": notice,
    }


@staff_required
def finding_page(request, pk):
    finding = _finding(_readable(request), pk)
    return render(request, "inspection/finding.html", _finding_context(request, finding))


@staff_required
@require_POST
def make_case(request, pk):
    finding = _finding(jurisdiction_of(request.user), pk)
    try:
        case = monthly.make_case(finding, actor=request.user)
    except (ValidationError, WorkflowError) as error:
        notice = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        finding.refresh_from_db()
        return render(
            request, "inspection/finding.html", _finding_context(request, finding, notice), status=400
        )
    messages.success(request, _("The finding is now case %(number)s.") % {"number": case.number})
    return SeeOther(reverse("inspection:finding", args=[finding.pk]))


@staff_required
def finding_file(request, pk):
    jurisdiction = _readable(request)
    stored = FindingFile.objects.filter(pk=pk, finding__inspection__jurisdiction=jurisdiction).first()
    if stored is None:
        raise Http404(_("No such file, or not one you may see."))
    response = private_file_response(stored.file, stored.media_type)
    if response is None:
        raise Http404(_("No such file, or not one you may see."))
    return response


# ---------------------------------------------------------------------------------------------
# The summary and the ineligible units


@staff_required
def summary_page(request, month):
    inspection = _month(_readable(request), month)
    return render(
        request,
        "inspection/summary.html",
        {"summary": selectors.summary(inspection), "inspection": inspection},
    )


@staff_required
def summary_pdf(request, month):
    inspection = _month(_readable(request), month)
    filename = f"{_('Monthly inspection')}-{inspection.key}.pdf"
    return _file_response(documents.summary_pdf(inspection), filename, "application/pdf")


@staff_required
def summary_xlsx(request, month):
    inspection = _month(_readable(request), month)
    filename = f"{_('Monthly inspection')}-{inspection.key}.xlsx"
    return xlsx_response(lambda target: exports.write_summary(inspection, target), filename)


@staff_required
def ineligible_page(request):
    jurisdiction = _readable(request)
    year, error = _year(request)
    status = 400 if error else 200
    year = year or timezone.localdate().year
    items = list(selectors.ineligible_units(jurisdiction, year))
    context = {
        "jurisdiction": jurisdiction,
        "year": year,
        "year_error": error,
        "units": [item for item in items if item.unit.kind != item.unit.Kind.COMMUNITY],
        "communities": [item for item in items if item.unit.kind == item.unit.Kind.COMMUNITY],
        "parties_url": reverse("console:ineligible_export") + f"?year={year}",
        "first_year": FIRST_YEAR,
        "this_year": timezone.localdate().year,
    }
    return render(request, "inspection/ineligible.html", context, status=status)


@staff_required
def ineligible_xlsx(request):
    jurisdiction = _readable(request)
    year, error = _year(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    filename = f"{_('Units not eligible for awards')}-{year}.xlsx"
    return xlsx_response(lambda target: exports.write_ineligible_units(jurisdiction, year, target), filename)
