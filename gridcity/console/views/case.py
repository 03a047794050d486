"""One case: its page, its print view, and the actions taken on it (one POST URL per transition)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gridcity.cases import workflow
from gridcity.cases.deadlines import Light, traffic_light
from gridcity.frontage.selectors import party_of_case

from .. import notifications
from ..access import case_for, may_see_reporter_phone, staff_required, visible_cases
from ..forms import form_for
from ..timeline import photo_panels, timeline_rows

# The rows the page reads beside the case, fetched with it in one query.
CASE_RELATED = (
    "jurisdiction",
    "minor_class__major",
    "condition",
    "grid",
    "zone",
    "component",
    "current_unit",
    "duplicate_of",
    "reporter",
)
# Buttons drawn in red: they end or undo something.
DANGER_ACTIONS = {
    "decline",
    "void",
    "merge",
    "refuse_return",
    "refuse_extension",
    "refuse_suspension",
    "fail_check",
}


# The step a person usually takes here: shown first, its form unfolded.
PRIMARY_ACTIONS = ("file", "dispatch", "feedback", "verify", "pass_check")


@dataclass
class Action:
    name: str
    label: str
    form: object
    url: str
    open: bool = False  # the form was just refused: show it unfolded

    @property
    def plain(self):
        """Nothing to type: the button alone."""
        return not self.form.visible_fields()

    @property
    def danger(self):
        return self.name in DANGER_ACTIONS


def _case(user, number):
    """The case if this person may see it, with the rows the page shows; 404 otherwise."""
    case = visible_cases(user).select_related(*CASE_RELATED).filter(number=number).first()
    return case if case is not None else case_for(user, number)  # case_for raises the 404


def _action(case, name, form, open=False):
    url = reverse("console:act", args=[case.number, name])
    return Action(name, str(workflow.TRANSITIONS[name].label), form, url, open)


def _facts(request, case):
    """What the page, the print view and the forms share: the case's rows, loaded once."""
    attachments = list(case.attachments.all())
    events = case.events.select_related("actor", "actor_unit")
    light, share = traffic_light(case, timezone.now())
    return {
        "case": case,
        "show_phone": may_see_reporter_phone(request.user),
        "merged": list(case.duplicates.only("number", "state")),
        "light": light,
        "light_label": Light.LABELS.get(light, ""),
        # Past the deadline the light says "overdue"; a share of 5000 % says nothing more.
        "share": round(share * 100) if share is not None and share < 1 else None,
        "photos": photo_panels(attachments),
        "timeline": timeline_rows(events, attachments, case.condition.limit_unit if case.condition else ""),
        "tianditu_key": settings.TIANDITU_KEY,
        "party": party_of_case(case),  # the responsible party of the frontage it lies on
    }


def _page(request, case, refused=None, notice=None, status=200):
    """The case page; ``refused`` is the form of an action just refused, kept as it was typed."""
    context = _facts(request, case)
    actions = []
    allowed = workflow.allowed_actions(case, request.user)
    allowed.sort(key=lambda name: name not in PRIMARY_ACTIONS)  # stable: the rest keep their order
    for name in allowed:
        if refused is not None and refused.name == name:
            actions.append(refused)
        else:
            form = form_for(name, case, request.user)
            actions.append(_action(case, name, form, open=name in PRIMARY_ACTIONS and refused is None))
    context.update(actions=actions, notice=notice, case_labels=_script_labels())
    return render(request, "console/case.html", context, status=status)


def _script_labels():
    """What case.js says while a form is on its way."""
    return {
        "sending": _("Sending…"),
        "uploading": _("Uploading: PERCENT %"),
        "refused": _("Not done yet: please correct what is marked."),
        "networkFailed": _(
            "The server could not be reached. Nothing was changed and what you typed is kept: "
            "send it again when the connection is back."
        ),
        "serverFailed": _(
            "The server could not do this. What you typed is kept: try again, or reload the page."
        ),
        "unexpected": _("Unexpected answer from the server: reload the page (you may have been logged out)."),
    }


@staff_required
def case_page(request, number):
    case = _case(request.user, number)
    notifications.mark_case_read(request.user, case)  # opened from a queue or from the bell
    return _page(request, case)


@staff_required
def case_print(request, number):
    context = _facts(request, _case(request.user, number))
    context["show_phone"] = False  # paper leaves the command center
    context["printed_at"] = timezone.now()
    return render(request, "console/case_print.html", context)


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


@staff_required
@require_POST
def act(request, number, action):
    if action not in workflow.TRANSITIONS or action == "report":
        raise Http404
    case = _case(request.user, number)
    form = form_for(action, case, request.user, request.POST, request.FILES)
    if form.is_valid():
        try:
            getattr(workflow, action)(
                case, actor=request.user, version=form.cleaned_data["version"], **form.arguments()
            )
        except workflow.NotAllowed as refusal:
            return _refused(request, case, action, form, str(refusal), 403)
        except workflow.CaseChanged as change:
            return _changed(request, number, action, str(change))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            label = workflow.TRANSITIONS[action].label
            messages.success(
                request, _("“%(action)s” done for case %(number)s.") % {"action": label, "number": number}
            )
            notifications.mark_case_read(request.user, case)
            url = reverse("console:case", args=[number])
            # A queue's one-click button sends the person back to the queue.
            back = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                url = back
            if _is_htmx(request):
                return HttpResponse(headers={"HX-Redirect": url})
            return redirect(url)
    return _refused(request, case, action, form, _("Please correct what is marked below."), 400)


def _refused(request, case, action, form, message, status):
    """Answer a refused action; the form keeps what was typed."""
    if _is_htmx(request):
        template = "console/case_action.html" if status == 400 else "console/case_notice.html"
        context = {"action": _action(case, action, form, open=True), "message": message, "case": case}
        return render(request, template, context, status=status)
    notice = {"level": "error", "message": message}
    return _page(request, case, _action(case, action, form, open=True), notice, status)


def _changed(request, number, action, message):
    """Somebody acted first: show the case as it is now; nothing was written."""
    if _is_htmx(request):
        context = {"message": message, "reload": True, "case_url": reverse("console:case", args=[number])}
        return render(request, "console/case_notice.html", context, status=409)
    case = _case(request.user, number)
    # What was typed stays in the form, now for the case as it stands: sending it again is a
    # decision taken after seeing what changed.
    data = request.POST.copy()
    data["version"] = case.version
    form = form_for(action, case, request.user, data, request.FILES)
    notice = {"level": "error", "message": message, "reload": True}
    return _page(request, case, _action(case, action, form, open=True), notice, 409)
