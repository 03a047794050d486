"""Pages of the public order day: the list of days, one day with all its grids, one grid's record
(participation, check, findings), the Excel export and the photos. Every write goes through
gridcity.orderday.actions; a refusal is a 403 with the reason, bad input a 400 with the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gridcity.catalog.models import MinorClass
from gridcity.console.access import jurisdiction_of, staff_required
from gridcity.console.responses import SeeOther, private_file_response, xlsx_response
from gridcity.frontage.models import Party
from gridcity.grids.models import Grid
from gridcity.org.models import Unit

from . import actions, exports, selectors
from .forms import CaseForm, CheckForm, FindingForm, OrderDayForm, ParticipationForm
from .models import Finding, OrderDay


def _order_day(request, pk):
    return get_object_or_404(
        OrderDay.objects.select_related("jurisdiction"), pk=pk, jurisdiction=jurisdiction_of(request.user)
    )


def _refused(request, message, status, order_day=None, case=None):
    context = {"message": message, "order_day": order_day, "case": case}
    return render(request, "orderday/refused.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def day_list(request):
    jurisdiction = jurisdiction_of(request.user)
    may_create = actions.may_create_days(request.user, jurisdiction)
    form = OrderDayForm(initial={"date": selectors.suggested_date(jurisdiction)})
    status = 200
    if request.method == "POST":
        actions.refuse_unless_creator(request.user, jurisdiction)
        form = OrderDayForm(request.POST)
        if form.is_valid():
            try:
                order_day = actions.create_order_day(
                    jurisdiction,
                    actor=request.user,
                    date=form.cleaned_data["date"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Order day of %(date)s set.") % {"date": order_day.date.isoformat()}
                )
                return SeeOther(reverse("orderday:day", args=[order_day.pk]))
        status = 400
    context = {
        "jurisdiction": jurisdiction,
        "order_days": selectors.order_days(jurisdiction),
        "grid_count": Grid.objects.active().filter(jurisdiction=jurisdiction).count(),
        "may_create": may_create,
        "form": form,
    }
    return render(request, "orderday/day_list.html", context, status=status)


@staff_required
@require_GET
def day_page(request, pk):
    order_day = _order_day(request, pk)
    rows = selectors.day_rows(order_day)
    context = {"order_day": order_day, "rows": rows, "summary": selectors.summary(rows)}
    return render(request, "orderday/day.html", context)


@staff_required
@require_GET
def day_export(request, pk):
    order_day = _order_day(request, pk)
    filename = f"{_('Public order day')}-{order_day.date:%Y%m%d}.xlsx"
    return xlsx_response(lambda target: exports.write_day(order_day, target), filename)


# ---------------------------------------------------------------------------------------------
# One grid


def _grid(order_day, code):
    """The grid with this code in the order day's jurisdiction; any other is a 404, as on every
    page of the county."""
    grid = (
        Grid.objects.select_related("zone")
        .filter(code=code, jurisdiction_id=order_day.jurisdiction_id)
        .first()
    )
    if grid is None:
        raise Http404(_("No grid %(code)s.") % {"code": code})
    return grid


def _participation_initial(row):
    record = row.record
    if record is None or not record.participation_recorded:
        return {}
    return {
        "leader_took_part": record.leader_id is not None,
        "units": [unit.pk for unit in record.units.all()],
        "parties": [party.pk for party in record.parties.all()],
        "head_count": record.head_count,
        "work_done": record.work_done,
    }


def _grid_page(request, order_day, grid, status=200, **forms):
    row = selectors.grid_row(order_day, grid)
    user = request.user
    may_record = actions.may_record_participation(user, order_day, row.expected)
    may_record = may_record and actions.may_change_participation(user, order_day, row.record)
    participation = forms.get("participation") or ParticipationForm(initial=_participation_initial(row))
    chosen_units = {str(value) for value in (participation["units"].value() or [])}
    chosen_parties = {str(value) for value in (participation["parties"].value() or [])}
    expected_ids = {unit.pk for unit in row.expected.units}
    units = sorted(
        Unit.objects.filter(jurisdiction_id=order_day.jurisdiction_id, is_active=True),
        key=lambda unit: (unit.pk not in expected_ids, unit.kind, unit.code),
    )
    context = {
        "order_day": order_day,
        "grid": grid,
        "row": row,
        "may_record": may_record,
        "may_check": actions.may_check(user, order_day),
        "participation_form": participation,
        "unit_choices": [(unit, unit.pk in expected_ids, str(unit.pk) in chosen_units) for unit in units],
        "party_choices": [
            (party, str(party.pk) in chosen_parties)
            for party in Party.objects.filter(grid=grid, is_active=True).order_by("name")
        ],
        "check_form": forms.get("check") or CheckForm(initial={"checked_on": order_day.date}),
        "finding_form": forms.get("finding") or FindingForm(),
        "case_form": forms.get("case") or CaseForm(),
        "case_form_finding": forms.get("case_finding"),
        "classes": MinorClass.objects.active()
        .select_related("major")
        .order_by("major__kind", "major__code", "code"),
    }
    return render(request, "orderday/grid.html", context, status=status)


def _refusal(request, order_day, grid, form_name, form, error, **extra):
    """A refused write: the form again with the reasons."""
    form.add_error(None, error)
    return _grid_page(request, order_day, grid, status=400, **{form_name: form}, **extra)


def _grid_url(order_day, grid):
    return reverse("orderday:grid", args=[order_day.pk, grid.code])


@staff_required
@require_GET
def grid_page(request, pk, code):
    order_day = _order_day(request, pk)
    grid = _grid(order_day, code)
    return _grid_page(request, order_day, grid)


@staff_required
@require_POST
def record_participation(request, pk, code):
    order_day = _order_day(request, pk)
    grid = _grid(order_day, code)
    actions.refuse_unless_recorder(request.user, order_day, grid)
    form = ParticipationForm(request.POST)
    if not form.is_valid():
        return _grid_page(request, order_day, grid, status=400, participation=form)
    data = form.cleaned_data
    try:
        actions.record_participation(
            order_day,
            grid,
            actor=request.user,
            leader_took_part=data["leader_took_part"],
            units=data["units"],
            parties=data["parties"],
            head_count=data["head_count"],
            work_done=data["work_done"],
            before_photos=request.FILES.getlist("before_photos"),
            after_photos=request.FILES.getlist("after_photos"),
        )
    except ValidationError as error:
        return _refusal(request, order_day, grid, "participation", form, error)
    messages.success(request, _("Participation in grid %(grid)s recorded.") % {"grid": grid.code})
    return SeeOther(_grid_url(order_day, grid))


@staff_required
@require_POST
def record_check(request, pk, code):
    order_day = _order_day(request, pk)
    grid = _grid(order_day, code)
    actions.refuse_unless_checker(request.user, order_day)
    form = CheckForm(request.POST)
    if not form.is_valid():
        return _grid_page(request, order_day, grid, status=400, check=form)
    data = form.cleaned_data
    try:
        actions.record_check(
            order_day,
            grid,
            actor=request.user,
            checked_on=data["checked_on"],
            passed=form.passed,
            score=data["score"],
            note=data["note"],
        )
    except ValidationError as error:
        return _refusal(request, order_day, grid, "check", form, error)
    messages.success(request, _("Check of grid %(grid)s recorded.") % {"grid": grid.code})
    return SeeOther(_grid_url(order_day, grid))


@staff_required
@require_POST
def add_finding(request, pk, code):
    order_day = _order_day(request, pk)
    grid = _grid(order_day, code)
    actions.refuse_unless_checker(request.user, order_day)
    form = FindingForm(request.POST)
    if not form.is_valid():
        return _grid_page(request, order_day, grid, status=400, finding=form)
    data = form.cleaned_data
    try:
        actions.add_finding(
            order_day,
            grid,
            actor=request.user,
            description=data["description"],
            lon=data["lon"],
            lat=data["lat"],
            photos=request.FILES.getlist("photos"),
        )
    except ValidationError as error:
        return _refusal(request, order_day, grid, "finding", form, error)
    messages.success(request, _("Finding in grid %(grid)s recorded.") % {"grid": grid.code})
    return SeeOther(_grid_url(order_day, grid))


@staff_required
@require_POST
def make_case(request, pk):
    finding = get_object_or_404(
        Finding.objects.select_related("record__order_day__jurisdiction", "record__grid", "case"),
        pk=pk,
        record__order_day__jurisdiction=jurisdiction_of(request.user),
    )
    order_day, grid = finding.record.order_day, finding.record.grid
    actions.refuse_unless_checker(request.user, order_day)
    form = CaseForm(request.POST)
    if not form.is_valid():
        return _grid_page(request, order_day, grid, status=400, case=form, case_finding=finding.pk)
    try:
        case = actions.make_case(finding, actor=request.user, minor_class=form.cleaned_data["minor_class"])
    except ValidationError as error:
        finding.refresh_from_db()
        if finding.case_id:  # made already, perhaps by a click that came first
            return _refused(request, " ".join(error.messages), 409, order_day=order_day, case=finding.case)
        form.add_error(None, error)
        return _grid_page(request, order_day, grid, status=400, case=form, case_finding=finding.pk)
    messages.success(request, _("Case %(number)s made from the finding.") % {"number": case.number})
    return redirect("console:case", case.number)


@staff_required
@require_GET
def photo_file(request, name):
    """A photo or video of an order day, to the staff of its jurisdiction only."""
    photo = selectors.photo_for(request.user, name)
    if photo is None:
        raise Http404(_("No such file, or not one you may see."))
    response = private_file_response(photo.file, photo.media_type)
    if response is None:
        raise Http404(_("No such file, or not one you may see."))
    return response
