"""Overtime appeals (超期申诉): a unit's staff appeal from a figure's case list; the evaluation
office approves or refuses on the list of appeals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gridcity.cases.models import Case
from gridcity.console.access import jurisdiction_of, staff_required
from gridcity.console.responses import SeeOther
from gridcity.org.models import Unit

from .. import appeals
from ..evaluations import oversees
from ..forms import AppealForm, DecisionForm
from ..models import AppealState, OvertimeAppeal

PER_PAGE = 50


def _back(request, default):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def error_messages(error):
    """The messages of a ValidationError, each once."""
    return list(dict.fromkeys(str(message) for message in error.messages))


@staff_required
@require_POST
def appeal_new(request):
    jurisdiction = jurisdiction_of(request.user)
    back = _back(request, reverse("evaluation:appeals"))
    form = AppealForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return SeeOther(back)
    case = Case.objects.filter(jurisdiction=jurisdiction, pk=form.cleaned_data["case"]).first()
    unit = Unit.objects.filter(jurisdiction=jurisdiction, pk=form.cleaned_data["unit"]).first()
    if case is None or unit is None:
        raise Http404(_("No such case or unit."))
    try:
        appeals.request_appeal(case, unit=unit, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
        return SeeOther(back)
    messages.success(
        request,
        _("Your appeal for case %(number)s has been sent to the evaluation office.")
        % {"number": case.number},
    )
    return SeeOther(back)


@staff_required
def appeal_list(request):
    user = request.user
    jurisdiction = jurisdiction_of(user)
    found = OvertimeAppeal.objects.filter(case__jurisdiction=jurisdiction)
    may_decide = appeals.may_decide(user)
    own_unit = None
    if not (may_decide or oversees(user)):
        if not (user.unit_id and appeals.speaks_for(user, user.unit)):
            raise PermissionDenied(_("Appeals are for the units' staff and the evaluation office."))
        own_unit = user.unit
        found = found.filter(unit_id=user.unit_id)
    found = (
        found.select_related("case", "unit", "requested_by", "decided_by")
        .annotate(
            pending_first=models.Case(
                models.When(state=AppealState.PENDING, then=0), default=1, output_field=models.IntegerField()
            )
        )
        .order_by("pending_first", "-requested_at", "-pk")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/appeals.html",
        {
            "page": page,
            "may_decide": may_decide,
            "own_unit": own_unit,
            "pending": AppealState.PENDING,
        },
    )


@staff_required
@require_POST
def appeal_decide(request, pk):
    jurisdiction = jurisdiction_of(request.user)
    appeal = (
        OvertimeAppeal.objects.filter(case__jurisdiction=jurisdiction, pk=pk).select_related("case").first()
    )
    if appeal is None:
        raise Http404(_("No such appeal."))
    if not appeals.may_decide(request.user):
        raise PermissionDenied(_("Only the evaluation office decides appeals."))
    back = reverse("evaluation:appeals")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or refuse the appeal."))
        return SeeOther(back)
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == DecisionForm.APPROVE:
            appeals.approve_appeal(appeal, actor=request.user, note=note)
            done = _(
                "The appeal for case %(number)s is approved: the case leaves the unit's overtime counts."
            )
        else:
            appeals.refuse_appeal(appeal, actor=request.user, note=note)
            done = _("The appeal for case %(number)s is refused.")
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
        return SeeOther(back)
    messages.success(request, done % {"number": appeal.case.number})
    return SeeOther(back)
