"""Each role's landing queue: the cases waiting on them, most urgent first."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.cases import workflow
from gridcity.cases.deadlines import Light
from gridcity.cases.duplicates import possible_duplicates_of_each
from gridcity.cases.models import State
from gridcity.worktime.selectors import missing_holidays_warning

from .. import queues
from ..access import staff_required

PER_PAGE = 25


@staff_required
def home(request):
    mine = queues.queues_for(request.user)
    if not mine:
        raise PermissionDenied(_("None of your roles has a queue in the console."))
    return redirect("console:queue", queue=mine[0].slug)


@dataclass
class Row:
    case: object
    light: str | None
    countdown: str
    overdue: bool
    duplicates: list | None = None
    suggestion: object = None
    may_sign: bool = False

    @property
    def light_label(self):
        return Light.LABELS.get(self.light, "")


@staff_required
def queue(request, queue):
    spec = queues.QUEUES.get(queue)
    if spec is None:
        raise Http404(_("There is no such queue."))
    user = request.user
    mine = queues.queues_for(user)
    if spec not in mine:
        raise PermissionDenied(
            _("The %(queue)s is not for your role; your queues are: %(mine)s.")
            % {"queue": spec.label, "mine": "、".join(str(q.label) for q in mine)}
        )
    now = timezone.now()
    section = spec.section(request.GET.get("show"))
    page = Paginator(queues.section_cases(spec, section, user, now), PER_PAGE).get_page(
        request.GET.get("page")
    )
    cases = list(page.object_list)
    duplicates = possible_duplicates_of_each(cases) if spec.slug == "acceptance" else {}
    suggestions = (
        queues.suggestions_for([c for c in cases if c.state == State.FILED])
        if spec.slug == "dispatch"
        else {}
    )
    lights = queues.lights(cases, now)
    labels = countdown_labels()
    rows = [
        Row(
            case=case,
            light=lights[case.pk][0],
            countdown=countdown(case.stage_due_at, now, labels) if case.is_open else "",
            overdue=lights[case.pk][0] == Light.RED,
            duplicates=duplicates.get(case.pk),
            suggestion=suggestions.get(case.pk),
            may_sign=spec.slug == "unit" and "sign" in workflow.allowed_actions(case, user),
        )
        for case in cases
    ]
    context = {
        "queue": spec,
        "queues": mine,
        "section": section,
        "counts": queues.section_counts(spec, user, now),
        "page": page,
        "rows": rows,
        "now": now,
        "warning": _calendar_warning(spec, user),
        "countdown_labels": labels,
    }
    if spec.slug == "overview":
        context["by_unit"] = queues.open_by_unit(user, now)
        context["by_zone"] = queues.open_by_zone(user, now)
    return render(request, f"console/queue_{spec.slug}.html", context)


def _calendar_warning(spec, user):
    if not queues.sees_calendar_warning(spec, user):
        return None
    return missing_holidays_warning(user.jurisdiction_id, timezone.localdate())


def countdown_labels():
    """The words of the countdown beside each deadline; queues.js counts on with the same ones."""
    return {
        "days": _("%(days)d d %(hours)d h"),
        "hours": _("%(hours)d h %(minutes)d min"),
        "minutes": _("%(minutes)d min"),
        "left": _("%(time)s left"),
        "over": _("%(time)s overdue"),
    }


def duration(seconds, labels):
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return labels["days"] % {"days": days, "hours": hours}
    if hours:
        return labels["hours"] % {"hours": hours, "minutes": minutes}
    return labels["minutes"] % {"minutes": minutes}


def countdown(due_at, now, labels):
    """ "2 h 5 min left" or "35 min overdue"; empty when no clock runs."""
    if due_at is None:
        return ""
    seconds = (due_at - now).total_seconds()
    if seconds >= 0:
        return labels["left"] % {"time": duration(seconds, labels)}
    return labels["over"] % {"time": duration(-seconds, labels)}
