"""The frontage register's pages (门前三包): the party list, the party page, agreements."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gridcity.frontage import agreements, documents, inspections, selectors, standards
from gridcity.frontage.models import Agreement, AgreementState, Ineligibility, Party
from gridcity.frontage.parties import may_keep_register, may_see_contact, redraw_frontage
from gridcity.frontage.signing import suggest_signing_unit
from gridcity.org.models import Unit

from ..access import staff_required
from ..filters import COUNT_CAP, PAGE_SIZE, Page
from ..frontage_forms import (
    DraftForm,
    FrontageForm,
    InspectForm,
    LiftForm,
    PartyFilterForm,
    RenewForm,
    SignForm,
    TerminateForm,
    with_current,
)

# The party page shows this many of the latest cases and inspections, with the totals.
HISTORY_CAP = 50
ACTIONS = ("draft", "renew", "sign", "terminate", "inspect", "lift", "frontage")
AGREEMENT_FORMS = {"renew": RenewForm, "sign": SignForm, "terminate": TerminateForm}
DANGER_ACTIONS = {"terminate"}


def _event_labels():
    return {
        agreements.EVENT_DRAFTED: _("drafted"),
        "agreement.signed": _("signed"),
        "agreement.expired": _("expired at the end of its term"),
        "agreement.terminated": _("terminated"),
        agreements.EVENT_REMINDED: _("reminded to renew"),
    }


def _labels():
    return {
        "draft": _("Draft a new agreement"),
        "renew": _("Renew"),
        "sign": str(agreements.TRANSITIONS["sign"].label),
        "terminate": str(agreements.TRANSITIONS["terminate"].label),
        "inspect": _("Record an inspection"),
        "lift": _("Lift the ineligibility"),
        "frontage": _("Draw the frontage"),
    }


def _parties(user):
    """The parties this person may see: those of their jurisdiction (every staff role)."""
    parties = Party.objects.all()
    if user.is_superuser and not user.jurisdiction_id:
        return parties
    return parties.filter(jurisdiction_id=user.jurisdiction_id)


# -- the list ----------------------------------------------------------------------------------


@dataclass
class Row:
    party: object
    person: str
    phone: str
    agreement: object  # the current agreement, or None
    state: str


def _query(request, **changes):
    params = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in changes:
            params.setlist(key, [value for value in values if value])
    for key, value in changes.items():
        if value is not None:
            params[key] = value
    return params.urlencode()


def _list_page(parties, number):
    """One page of ``parties`` by name, and their number up to COUNT_CAP: two queries."""
    start = (number - 1) * PAGE_SIZE
    total = parties.order_by().values("pk")[: COUNT_CAP + 1].count()
    rows = list(parties.select_related("grid", "zone").order_by("name", "pk")[start : start + PAGE_SIZE + 1])
    return Page(rows[:PAGE_SIZE], number, len(rows) > PAGE_SIZE, min(total, COUNT_CAP), total > COUNT_CAP)


@staff_required
def party_list(request):
    form = PartyFilterForm(request.GET, jurisdiction_id=request.user.jurisdiction_id)
    page = None
    if form.is_valid():
        year = timezone.localdate().year
        parties = form.apply(with_current(_parties(request.user), year))
        page = _list_page(parties, form.page_number)
        current = Agreement.objects.filter(
            pk__in=[party.current_id for party in page.rows if party.current_id]
        ).select_related("signing_unit")
        current = {agreement.pk: agreement for agreement in current}
        states = {value: str(label) for value, label in AgreementState.choices}
        rows = []
        for party in page.rows:
            person, phone = selectors.masked_contact(party)
            agreement = current.get(party.current_id)
            state = states[agreement.state] if agreement else _("Not signed")
            rows.append(Row(party, person, phone, agreement, state))
        page.rows = rows
    base = reverse("console:party_list")
    context = {
        "form": form,
        "page": page,
        "chosen": form.chosen(),
        "count_cap_text": f"{COUNT_CAP:,}",
        "previous_url": page and page.has_previous and f"{base}?{_query(request, page=str(page.number - 1))}",
        "next_url": page and page.has_next and f"{base}?{_query(request, page=str(page.number + 1))}",
    }
    return render(request, "console/party_list.html", context, status=200 if form.is_valid() else 400)


# -- the party page ----------------------------------------------------------------------------


@dataclass
class Action:
    name: str
    label: str
    form: object
    url: str
    open: bool = False

    @property
    def danger(self):
        return self.name in DANGER_ACTIONS


def _party(user, pk):
    party = _parties(user).select_related("jurisdiction", "grid", "zone").filter(pk=pk).first()
    if party is None:
        raise Http404(_("No party %(pk)s that you may see.") % {"pk": pk})
    return party


def _current(agreement_list):
    """The agreement that describes the party best (selectors.STATE_PRIORITY), or None."""
    for state in selectors.STATE_PRIORITY:
        for agreement in agreement_list:  # newest term first
            if agreement.state == state:
                return agreement
    return None


def _auto_id(name, number=""):
    return f"id_{name}_{number}_%s" if number else f"id_{name}_%s"


def _page(request, party, refused=None, notice=None, status=200):
    """The party page; ``refused`` is (action name, agreement number, form) of an action just refused."""
    user = request.user
    today = timezone.localdate()
    labels = _labels()
    agreement_list = list(selectors.agreements_of(party))
    prefetch_related_objects(agreement_list, "events__actor")
    current = _current(agreement_list)
    suggestion = suggest_signing_unit(party)
    unit_id = current.signing_unit_id if current else (suggestion.unit.pk if suggestion else None)
    renewed = {agreement.renews_id for agreement in agreement_list if agreement.renews_id}

    def action(name, form, number=""):
        if refused is not None and refused[0] == name and refused[1] == number:
            name, number, form = refused
            return Action(name, labels[name], form, reverse("console:party_act", args=[party.pk, name]), True)
        return Action(name, labels[name], form, reverse("console:party_act", args=[party.pk, name]))

    event_labels = _event_labels()
    rows = []
    for agreement in agreement_list:
        events = list(agreement.events.all())
        for event in events:
            event.label = event_labels.get(event.type, event.type)
        actions = []
        for name in agreements.allowed_actions(agreement, user):
            if name in AGREEMENT_FORMS:
                form = AGREEMENT_FORMS[name](
                    initial={"agreement": agreement.number}, auto_id=_auto_id(name, agreement.number)
                )
                actions.append(action(name, form, agreement.number))
        renewable = agreement.pk not in renewed and agreements.in_renewal_window(agreement, today)
        if renewable and agreements.may_draft(party, agreement.signing_unit_id, user):
            form = RenewForm(
                initial={"agreement": agreement.number}, auto_id=_auto_id("renew", agreement.number)
            )
            actions.append(action("renew", form, agreement.number))
        rows.append({"agreement": agreement, "events": events, "actions": actions})

    draft = None
    has_open = any(a.state in (AgreementState.DRAFT, AgreementState.SIGNED) for a in agreement_list)
    offer_draft = party.is_active and (not has_open or (refused and refused[0] == "draft"))
    if offer_draft and agreements.may_draft(party, suggestion.unit.pk if suggestion else None, user):
        units = list(Unit.objects.filter(jurisdiction_id=party.jurisdiction_id).order_by("name"))
        form = DraftForm(party=party, suggestion=suggestion, units=units, auto_id=_auto_id("draft"))
        draft = action("draft", form)

    checklist = []
    inspect = None
    if inspections._may_inspect(user, party):
        checklist = standards.checklist(party.jurisdiction, party.kind)
        inspect = action("inspect", InspectForm(standards=checklist, auto_id=_auto_id("inspect")))

    ineligibility = (
        Ineligibility.objects.filter(party=party, year=today.year)
        .select_related("override__by")
        .prefetch_related("inspections")
        .first()
    )
    lift = None
    if ineligibility and not hasattr(ineligibility, "override") and inspections.may_override(user):
        lift = action("lift", LiftForm(initial={"year": today.year}, auto_id=_auto_id("lift")))

    draw = None
    if may_keep_register(user, party.jurisdiction_id):
        initial = {"frontage": FrontageForm.text_of(party.frontage), "depth_m": party.depth_m}
        draw = action("frontage", FrontageForm(initial=initial, auto_id=_auto_id("frontage")))

    person, phone = selectors.masked_contact(party)
    full_phone = may_see_contact(user, party, unit_id)
    cases = selectors.party_cases(party)
    context = {
        "party": party,
        "notice": notice,
        "contact_person": party.contact_person if full_phone else person,
        "contact_phone": party.contact_phone if full_phone else phone,
        "full_phone": full_phone,
        "frontage": party.frontage,
        "current": current,
        "suggestion": suggestion,
        "rows": rows,
        "draft": draft,
        "inspect": inspect,
        "lift": lift,
        "draw": draw,
        "ineligibility": ineligibility,
        "year": today.year,
        "cases": list(cases[:HISTORY_CAP]),
        "case_total": cases.count(),
        "inspections": list(party.inspections.select_related("inspector")[:HISTORY_CAP]),
        "inspection_total": party.inspections.count(),
        "history_cap": HISTORY_CAP,
        "tianditu_key": settings.TIANDITU_KEY,
    }
    return render(request, "console/party.html", context, status=status)


@staff_required
def party_page(request, pk):
    return _page(request, _party(request.user, pk))


@staff_required
def agreement_pdf(request, number):
    agreement = (
        Agreement.objects.select_related("party", "signing_unit", "jurisdiction")
        .filter(number=number, party__in=_parties(request.user))
        .first()
    )
    if agreement is None:
        raise Http404(_("No agreement %(number)s that you may see.") % {"number": number})
    with translation.override(documents.DOCUMENT_LANGUAGE):  # the document's language, as its text
        filename = _("Frontage agreement %(number)s %(party)s.pdf") % {
            "number": agreement.number,
            "party": agreement.party.name,
        }
    return HttpResponse(
        documents.agreement_pdf(agreement),
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )


# -- the actions -------------------------------------------------------------------------------


def _agreement(party, form):
    """The party's agreement named in the form; 404 when it has none of that number."""
    agreement = (
        party.agreements.select_related("signing_unit").filter(number=form.data.get("agreement", "")).first()
    )
    if agreement is None:
        raise Http404(
            _("Party %(party)s has no agreement %(number)s.")
            % {"party": party.name, "number": form.data.get("agreement", "")}
        )
    return agreement


def _form(name, party, data):
    if name in AGREEMENT_FORMS:
        return AGREEMENT_FORMS[name](data, auto_id=_auto_id(name, data.get("agreement", "")))
    if name == "draft":
        return DraftForm(data, party=party, suggestion=None, auto_id=_auto_id("draft"))
    if name == "inspect":
        return InspectForm(
            data, standards=standards.checklist(party.jurisdiction, party.kind), auto_id=_auto_id("inspect")
        )
    if name == "frontage":
        return FrontageForm(data, auto_id=_auto_id("frontage"))
    return LiftForm(data, auto_id=_auto_id("lift"))


def _do(name, party, form, user):
    """Call the one domain function of ``name``; returns the success message."""
    data = form.cleaned_data
    if name == "draft":
        agreement = agreements.draft_agreement(
            party,
            actor=user,
            signing_unit=data["signing_unit"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
        return _("Agreement %(number)s drafted.") % {"number": agreement.number}
    if name == "inspect":
        inspection = inspections.record_inspection(
            party,
            inspector=user,
            inspected_on=data["inspected_on"],
            results=form.results(),
            note=data["note"],
        )
        verdict = _("passed") if inspection.passed else _("failed")
        return _("Inspection recorded: score %(score)s, %(verdict)s.") % {
            "score": inspection.score,
            "verdict": verdict,
        }
    if name == "frontage":
        redraw_frontage(party, data["frontage"], actor=user, depth_m=data["depth_m"])
        return _("The frontage of %(party)s is saved.") % {"party": party.name}
    if name == "lift":
        ineligibility = Ineligibility.objects.filter(party=party, year=data["year"]).first()
        if ineligibility is None:
            raise Http404(
                _("%(party)s is not ineligible in %(year)s.") % {"party": party.name, "year": data["year"]}
            )
        inspections.override_ineligibility(ineligibility, actor=user, reason=data["reason"])
        return _("The ineligibility for %(year)s is lifted.") % {"year": data["year"]}
    agreement = _agreement(party, form)
    if name == "renew":
        renewal = agreements.renew(
            agreement, actor=user, starts_on=data["starts_on"], ends_on=data["ends_on"]
        )
        return _("Agreement %(number)s drafted to renew %(old)s.") % {
            "number": renewal.number,
            "old": agreement.number,
        }
    if name == "sign":
        agreements.sign(
            agreement,
            actor=user,
            signed_on=data["signed_on"],
            party_signatory=data["party_signatory"],
            unit_signatory=data["unit_signatory"],
        )
    else:
        agreements.terminate(agreement, actor=user, reason=data["reason"])
    return _("“%(action)s” done for agreement %(number)s.") % {
        "action": agreements.TRANSITIONS[name].label,
        "number": agreement.number,
    }


@staff_required
@require_POST
def act(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    party = _party(request.user, pk)
    form = _form(action, party, request.POST)
    number = request.POST.get("agreement", "") if action in AGREEMENT_FORMS else ""
    if action in AGREEMENT_FORMS:
        _agreement(party, form)  # an unknown agreement is a 404 whatever else was typed
    if form.is_valid():
        try:
            message = _do(action, party, form, request.user)
        except (agreements.NotAllowed, PermissionDenied) as refusal:
            notice = {"level": "error", "message": str(refusal)}
            return _page(request, party, (action, number, form), notice, 403)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, message)
            response = redirect("console:party", pk=party.pk)
            response.status_code = 303  # See Other: the page, read afresh
            return response
    notice = {"level": "error", "message": _("Please correct what is marked below.")}
    return _page(request, party, (action, number, form), notice, 400)
