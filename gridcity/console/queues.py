"""The reads behind each role's landing queue (STYLE habit 7: reads have names).

A queue is the list of cases a role works through, most urgent deadline first, cut into
sections (the counts at the top of the page). Every read starts from
``access.visible_cases(user)``, so a queue never shows a case its reader may not open.

The per-page helpers (``lights``, ``suggestions_for``, and cases.duplicates'
``possible_duplicates_of_each``) take the cases of one page and use a fixed number of queries,
whatever the number of rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from gridcity.cases.deadlines import traffic_light
from gridcity.cases.models import OPEN_STATES, Case, State
from gridcity.org.duties import suggest_unit
from gridcity.org.roles import Role

from .access import visible_cases

# The columns every queue row shows, read with the cases in one query.
ROW_RELATIONS = (
    "jurisdiction",
    "minor_class__major",
    "zone",
    "grid",
    "current_unit",
    "component__maintenance_unit",  # the duty matrix asks the component first
)


def open_cases(cases):
    return cases.filter(state__in=OPEN_STATES)


def overdue(now):
    """Open stages past their deadline: marked by tick, or passed since its last run."""
    return Q(stage_breached=True) | Q(stage_due_at__lt=now)


def by_deadline(cases):
    """Most urgent first: the nearest stage deadline; cases without a running clock last."""
    return cases.order_by(F("stage_due_at").asc(nulls_last=True), "reported_at", "pk")


# ---------------------------------------------------------------------------------------------
# Each queue's cases


def collector_tasks(user, now=None):
    """Verification (核实) and check (核查) tasks in the zone the collector patrols."""
    if not user.zone_id:
        return Case.objects.none()
    return visible_cases(user).filter(zone_id=user.zone_id, state__in=[State.VERIFYING, State.CHECKING])


def collector_reports(user, now=None):
    """What the collector reported, newest first."""
    return visible_cases(user).filter(reporter_id=user.pk).order_by("-reported_at", "-pk")


def acceptance_cases(user, now=None):
    """Everything waiting for the command center, from every source: reports to accept, and
    checked cases for the shift leader to close."""
    return visible_cases(user).filter(state__in=[State.REPORTED, State.VERIFYING, State.CHECKED])


def dispatch_cases(user, now):
    """Filed cases to dispatch, requests to decide, and overdue cases to urge."""
    return open_cases(visible_cases(user)).filter(
        Q(state=State.FILED, pending_request="") | ~Q(pending_request="") | overdue(now)
    )


def unit_cases(user, now=None):
    """The cases the person's unit holds now: to sign, in disposal, suspended."""
    if not user.unit_id:
        return Case.objects.none()
    return visible_cases(user).filter(
        current_unit_id=user.unit_id, state__in=[State.DISPATCHED, State.IN_DISPOSAL, State.SUSPENDED]
    )


def overview_cases(user, now=None):
    """Every open case of the jurisdiction (leaders, evaluation office, inspectors, administrators)."""
    return open_cases(visible_cases(user))


# ---------------------------------------------------------------------------------------------
# The queues, their sections and the roles that land on them


@dataclass(frozen=True)
class Section:
    slug: str
    label: str
    # A part of the queue's cases ...
    where: Callable | None = None  # now -> Q
    # ... or a list of its own (the collector's reports), newest first.
    cases: Callable | None = None  # (user, now) -> QuerySet
    alert: bool = False  # a non-zero count is shown as a warning


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    roles: frozenset
    cases: Callable  # (user, now) -> QuerySet
    sections: tuple = field(default_factory=tuple)
    # Who sees the warning about missing holidays here: the command center, whose deadlines
    # run wrong first, and the administrators, who enter the holidays.
    calendar_warning_for: frozenset = frozenset()

    def section(self, slug):
        """The section asked for; the first one (the whole queue) when unknown."""
        return next((s for s in self.sections if s.slug == slug), self.sections[0])


ALL = "all"

QUEUES = {
    queue.slug: queue
    # The order people holding several roles land in: the desks whose cases wait on them first.
    for queue in (
        Queue(
            "acceptance",
            _("Acceptance desk"),
            frozenset({Role.ACCEPTOR, Role.SHIFT_LEADER}),
            acceptance_cases,
            (
                Section(ALL, _("All waiting")),
                Section("reported", _("To accept"), lambda now: Q(state=State.REPORTED)),
                Section("verifying", _("Awaiting verification"), lambda now: Q(state=State.VERIFYING)),
                Section("close", _("To close"), lambda now: Q(state=State.CHECKED)),
                Section("overdue", _("Overdue"), overdue, alert=True),
            ),
            calendar_warning_for=frozenset({Role.ACCEPTOR, Role.SHIFT_LEADER}),
        ),
        Queue(
            "dispatch",
            _("Dispatch desk"),
            frozenset({Role.DISPATCHER}),
            dispatch_cases,
            (
                Section(ALL, _("All to handle")),
                Section("filed", _("To dispatch"), lambda now: Q(state=State.FILED, pending_request="")),
                Section("requests", _("Requests to decide"), lambda now: ~Q(pending_request=""), alert=True),
                Section("overdue", _("Overdue, to urge"), overdue, alert=True),
            ),
            calendar_warning_for=frozenset({Role.DISPATCHER}),
        ),
        Queue(
            "unit",
            _("Unit inbox"),
            frozenset({Role.UNIT_HANDLER, Role.UNIT_LEADER}),
            unit_cases,
            (
                Section(ALL, _("All with my unit")),
                Section("sign", _("To sign"), lambda now: Q(state=State.DISPATCHED)),
                Section("disposal", _("In disposal"), lambda now: Q(state=State.IN_DISPOSAL)),
                Section("suspended", _("Suspended"), lambda now: Q(state=State.SUSPENDED)),
                Section("overdue", _("Overdue"), overdue, alert=True),
            ),
        ),
        Queue(
            "collector",
            _("My tasks"),
            frozenset({Role.COLLECTOR}),
            collector_tasks,
            (
                Section(ALL, _("All tasks")),
                Section("verify", _("To verify"), lambda now: Q(state=State.VERIFYING)),
                Section("check", _("To check"), lambda now: Q(state=State.CHECKING)),
                Section("reports", _("My reports"), cases=collector_reports),
            ),
        ),
        Queue(
            "overview",
            _("Overview"),
            frozenset({Role.COUNTY_LEADER, Role.EVALUATION_OFFICE, Role.INSPECTOR, Role.SYSTEM_ADMIN}),
            overview_cases,
            (
                Section("overdue", _("Overdue"), overdue, alert=True),
                Section(ALL, _("Open")),
                Section("supervised", _("Supervised"), lambda now: Q(supervised=True)),
                Section("urgent", _("Urgent"), lambda now: Q(urgent=True)),
            ),
            calendar_warning_for=frozenset({Role.SYSTEM_ADMIN}),
        ),
    )
}


def queues_for(user):
    """The queues this person works in, in landing order. A superuser without a role gets the overview."""
    roles = user.roles
    queues = [queue for queue in QUEUES.values() if roles & queue.roles]
    if not queues and user.is_superuser:
        queues = [QUEUES["overview"]]
    return queues


def sees_calendar_warning(queue, user):
    return bool(user.jurisdiction_id) and bool(user.roles & queue.calendar_warning_for or user.is_superuser)


def section_cases(queue, section, user, now):
    """The cases of one section, ordered for the page, with what the rows show."""
    if section.cases is not None:
        cases = section.cases(user, now)
    else:
        cases = queue.cases(user, now)
        if section.where is not None:
            cases = by_deadline(cases.filter(section.where(now)))
        else:
            cases = by_deadline(cases)
    return cases.select_related(*ROW_RELATIONS)


def section_counts(queue, user, now):
    """[(section, number of cases)] for the counts at the top: one query for the queue's own
    sections, one more per section with a list of its own."""
    parts = {s.slug: s for s in queue.sections if s.cases is None}
    totals = (
        queue.cases(user, now)
        .order_by()
        .aggregate(
            **{
                slug: Count("pk", filter=section.where(now)) if section.where else Count("pk")
                for slug, section in parts.items()
            }
        )
    )
    return [
        (section, totals[section.slug] if section.cases is None else section.cases(user, now).count())
        for section in queue.sections
    ]


# ---------------------------------------------------------------------------------------------
# The overview: open, overdue and supervised cases per unit and per zone


def _tally(cases, now, *group):
    return list(
        cases.order_by()
        .values(*group)
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue(now)),
            supervised=Count("pk", filter=Q(supervised=True)),
        )
        .order_by("-overdue", "-open", *group)
    )


def open_by_unit(user, now):
    """Per unit holding open cases (None: still with the command center): open, overdue, supervised."""
    return _tally(overview_cases(user), now, "current_unit_id", "current_unit__name")


def open_by_zone(user, now):
    return _tally(overview_cases(user), now, "zone_id", "zone__code", "zone__name")


# ---------------------------------------------------------------------------------------------
# What a page's rows show beside each case


def lights(cases, now):
    """{case pk: (light, share of the limit used)}; the calendar is cached per process."""
    return {case.pk: traffic_light(case, now) for case in cases}


def suggestions_for(cases):
    """{case pk: org.duties.Suggestion or None} for the cases of one page.

    The duty matrix answers per (class, place, component): each distinct combination on the page
    is asked once, so a page of cases of a few classes costs a few queries, not one per row.
    """
    cache, found = {}, {}
    for case in cases:
        key = (case.jurisdiction_id, case.minor_class_id, case.place, case.component_id)
        if key not in cache:
            cache[key] = suggest_unit(case.jurisdiction, case.minor_class, case.place, case.component)
        found[case.pk] = cache[key]
    return found
