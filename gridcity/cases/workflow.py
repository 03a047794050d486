"""The case cycle: one function per transition, and nothing else changes a case's state.

Every function here

* locks the case row (``select_for_update``; on SQLite the IMMEDIATE transaction serialises
  writers instead) and, when the caller passes the ``version`` it showed the user, refuses
  with CaseChanged if somebody acted on the case meanwhile;
* checks that the transition is allowed from the current state, for the actor's role and
  scope (their unit, their zone), as TRANSITIONS says;
* sets the next stage's deadline from the working-time calendar;
* writes exactly one Event row, with the attachments, in the same transaction;
* lets other apps write what follows from the event in the same transaction
  (``case_event_recorded``: the console's notifications) and announces the committed event
  afterwards (``case_event_committed``: messages to other systems).

Views, the API, management commands and tests all call these functions; ``at`` lets tests
and the demo data run the cycle at a chosen time.
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gridcity.grids import OutsideManagedArea, locate
from gridcity.org.models import Place
from gridcity.org.roles import Role
from gridcity.worktime.selectors import calendar_for

from . import search, store
from .deadlines import stage_limit
from .models import (
    OPEN_STATES,
    Attachment,
    AttachmentKind,
    Case,
    Event,
    PendingRequest,
    Source,
    State,
)
from .uploads import check_uploads

# Sent inside the transaction, right after the event row: receivers write rows derived from the
# event (in-console notifications), so they commit or roll back with it. A receiver that fails
# fails the transition.
case_event_recorded = Signal()  # sender=Case, case=, event=
# Sent after the transaction that wrote the event commits: messages to other systems hook here.
case_event_committed = Signal()  # sender=Case, case=, event=


class WorkflowError(Exception):
    """A transition that cannot happen; the message says why, in the user's language."""


class NotAllowed(WorkflowError):
    """Not in this state, not for this role, or not within this person's unit or zone."""


class CaseChanged(WorkflowError):
    """Somebody acted on the case after the page was loaded."""


# Scopes: whose cases an actor may act on, beyond holding the role.
JURISDICTION = "jurisdiction"  # any case of the person's jurisdiction
UNIT = "unit"  # cases currently with the person's unit
ZONE = "zone"  # cases in the collector's zone
REPORTER = "reporter"  # cases the person reported

COMMAND_CENTER = (Role.ACCEPTOR, Role.SHIFT_LEADER)
UNIT_STAFF = (Role.UNIT_HANDLER, Role.UNIT_LEADER)
SYSTEM = "system"  # no person: an API client, the hotline exchange, the clock


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple  # states it leaves from
    target: str | None  # state it leads to; None: the state does not change
    roles: tuple
    scope: str = JURISDICTION
    # None: no request may be pending; a PendingRequest value: that request must be pending.
    pending: str | None = None
    event: str = ""  # the Event.type written, as case.<event>

    def event_type(self, name):
        return f"case.{self.event or name}"


_OPEN = tuple(sorted(OPEN_STATES))
_BEFORE_DISPATCH = (State.REPORTED, State.VERIFYING, State.FILED)
_WITH_UNIT = (State.DISPATCHED, State.IN_DISPOSAL)

# The graph. docs/workflow.md is drawn from it (manage.py workflow_graph) and the console
# shows the buttons that allowed_actions() returns from it.
TRANSITIONS = {
    "report": Transition(
        pgettext_lazy("case action", "Report"),
        (),
        State.REPORTED,
        (Role.COLLECTOR, *COMMAND_CENTER, SYSTEM),
        event="reported",
    ),
    "request_verification": Transition(
        pgettext_lazy("case action", "Ask the collector to verify"),
        (State.REPORTED,),
        State.VERIFYING,
        COMMAND_CENTER,
        event="verification_requested",
    ),
    "verify": Transition(
        pgettext_lazy("case action", "Verify"),
        (State.VERIFYING,),
        State.REPORTED,
        (Role.COLLECTOR,),
        ZONE,
        event="verified",
    ),
    "file": Transition(
        pgettext_lazy("case action", "File"), (State.REPORTED,), State.FILED, COMMAND_CENTER, event="filed"
    ),
    "decline": Transition(
        pgettext_lazy("case action", "Do not file"),
        (State.REPORTED, State.VERIFYING),
        State.DECLINED,
        COMMAND_CENTER,
        event="declined",
    ),
    "void": Transition(
        pgettext_lazy("case action", "Void"),
        _BEFORE_DISPATCH,
        State.VOIDED,
        (Role.SHIFT_LEADER,),
        event="voided",
    ),
    "merge": Transition(
        pgettext_lazy("case action", "Merge as a duplicate"),
        _BEFORE_DISPATCH,
        State.VOIDED,
        COMMAND_CENTER,
        event="merged",
    ),
    "dispatch": Transition(
        pgettext_lazy("case action", "Dispatch"),
        (State.FILED,),
        State.DISPATCHED,
        (Role.DISPATCHER,),
        event="dispatched",
    ),
    "sign": Transition(
        pgettext_lazy("case action", "Sign for it"),
        (State.DISPATCHED,),
        State.IN_DISPOSAL,
        UNIT_STAFF,
        UNIT,
        event="signed",
    ),
    "request_return": Transition(
        pgettext_lazy("case action", "Return (wrong unit)"),
        _WITH_UNIT,
        None,
        UNIT_STAFF,
        UNIT,
        event="return_requested",
    ),
    "approve_return": Transition(
        pgettext_lazy("case action", "Approve the return"),
        _WITH_UNIT,
        State.FILED,
        (Role.DISPATCHER,),
        pending=PendingRequest.RETURN,
        event="returned",
    ),
    "refuse_return": Transition(
        pgettext_lazy("case action", "Refuse the return"),
        _WITH_UNIT,
        None,
        (Role.DISPATCHER,),
        pending=PendingRequest.RETURN,
        event="return_refused",
    ),
    "request_extension": Transition(
        pgettext_lazy("case action", "Ask for more time"),
        (State.IN_DISPOSAL,),
        None,
        UNIT_STAFF,
        UNIT,
        event="extension_requested",
    ),
    "approve_extension": Transition(
        pgettext_lazy("case action", "Approve the extension"),
        (State.IN_DISPOSAL,),
        None,
        (Role.DISPATCHER,),
        pending=PendingRequest.EXTENSION,
        event="extended",
    ),
    "refuse_extension": Transition(
        pgettext_lazy("case action", "Refuse the extension"),
        (State.IN_DISPOSAL,),
        None,
        (Role.DISPATCHER,),
        pending=PendingRequest.EXTENSION,
        event="extension_refused",
    ),
    "request_suspension": Transition(
        pgettext_lazy("case action", "Ask to suspend"),
        (State.IN_DISPOSAL,),
        None,
        UNIT_STAFF,
        UNIT,
        event="suspension_requested",
    ),
    "approve_suspension": Transition(
        pgettext_lazy("case action", "Approve the suspension"),
        (State.IN_DISPOSAL,),
        State.SUSPENDED,
        (Role.DISPATCHER,),
        pending=PendingRequest.SUSPENSION,
        event="suspended",
    ),
    "refuse_suspension": Transition(
        pgettext_lazy("case action", "Refuse the suspension"),
        (State.IN_DISPOSAL,),
        None,
        (Role.DISPATCHER,),
        pending=PendingRequest.SUSPENSION,
        event="suspension_refused",
    ),
    "resume": Transition(
        pgettext_lazy("case action", "Resume"),
        (State.SUSPENDED,),
        State.IN_DISPOSAL,
        (Role.DISPATCHER, SYSTEM),
        event="resumed",
    ),
    "feedback": Transition(
        pgettext_lazy("case action", "Report the result"),
        (State.IN_DISPOSAL,),
        State.CHECKING,
        UNIT_STAFF,
        UNIT,
        event="disposed",
    ),
    "pass_check": Transition(
        pgettext_lazy("case action", "Check: solved"),
        (State.CHECKING,),
        State.CHECKED,
        (Role.COLLECTOR,),
        ZONE,
        event="check_passed",
    ),
    "fail_check": Transition(
        pgettext_lazy("case action", "Check: not solved"),
        (State.CHECKING,),
        State.IN_DISPOSAL,
        (Role.COLLECTOR,),
        ZONE,
        event="check_failed",
    ),
    "self_dispose": Transition(
        pgettext_lazy("case action", "Solved it myself"),
        (State.REPORTED,),
        State.CHECKED,
        (Role.COLLECTOR,),
        REPORTER,
        event="self_disposed",
    ),
    "close": Transition(
        pgettext_lazy("case action", "Close"),
        (State.CHECKED,),
        State.CLOSED,
        (Role.SHIFT_LEADER,),
        event="closed",
    ),
    "reopen": Transition(
        pgettext_lazy("case action", "Reopen"), (State.CLOSED,), State.FILED, COMMAND_CENTER, event="reopened"
    ),
    "urge": Transition(
        pgettext_lazy("case action", "Urge"),
        _OPEN,
        None,
        (Role.COUNTY_LEADER, Role.SHIFT_LEADER, Role.DISPATCHER, Role.EVALUATION_OFFICE),
        pending="any",
        event="urged",
    ),
    # The citizen hotline (12345) calls the citizen back after the result and reports what they
    # said (回访) and how satisfied they were; evaluation reads it from this event.
    "record_callback": Transition(
        pgettext_lazy("case action", "Record the hotline's callback"),
        tuple(State.values),
        None,
        (SYSTEM,),
        pending="any",
        event="callback_recorded",
    ),
}

# The columns the workflow owns; every transition saves them with one UPDATE.
WORKFLOW_FIELDS = [
    "state",
    "condition",
    "minor_class",
    "urgent",
    "current_unit",
    "closed_at",
    "stage_started_at",
    "stage_limit",
    "stage_limit_unit",
    "stage_due_at",
    "stage_breached",
    "disposal_started_at",
    "disposal_due_at",
    "disposal_extension",
    "disposal_remaining",
    "resume_at",
    "pending_request",
    "pending_request_data",
    "supervised",
    "self_disposed",
    "return_count",
    "rework_count",
    "extension_count",
    "urge_count",
    "duplicate_of",
    "version",
]
_WORKFLOW_ATTNAMES = tuple(Case._meta.get_field(name).attname for name in WORKFLOW_FIELDS)


# ---------------------------------------------------------------------------------------------
# Who may do what


def _role_for(spec, case, actor):
    """The role under which ``actor`` may take the transition on ``case``, or None."""
    if actor is None:
        return SYSTEM if SYSTEM in spec.roles else None
    if actor.jurisdiction_id != case.jurisdiction_id:
        return None
    for role in spec.roles:
        if role == SYSTEM or not actor.has_role(role):
            continue
        if spec.scope == UNIT and (not actor.unit_id or actor.unit_id != case.current_unit_id):
            continue
        if spec.scope == ZONE and (not actor.zone_id or actor.zone_id != case.zone_id):
            continue
        if spec.scope == REPORTER and actor.pk != case.reporter_id:
            continue
        return role
    return None


def _refusal(name, case, actor):
    """Why ``actor`` may not take transition ``name`` on ``case`` now; None if they may."""
    spec = TRANSITIONS[name]
    if case.state not in spec.sources:
        return _("“%(action)s” is not possible while the case is “%(state)s”.") % {
            "action": spec.label,
            "state": case.get_state_display(),
        }
    if spec.pending is None and case.pending_request:
        return _("A request to %(request)s is waiting for the dispatcher's decision.") % {
            "request": case.get_pending_request_display()
        }
    if spec.pending not in (None, "any") and case.pending_request != spec.pending:
        return _("There is no pending request to decide.")
    if _role_for(spec, case, actor) is None:
        return _("You may not “%(action)s” this case: it needs the role %(roles)s for this case.") % {
            "action": spec.label,
            "roles": " / ".join(str(Role(r).label) for r in spec.roles if r != SYSTEM) or _("system"),
        }
    return None


def allowed_actions(case, actor):
    """The transitions ``actor`` may take on ``case`` now, in the order of TRANSITIONS."""
    return [name for name in TRANSITIONS if name != "report" and _refusal(name, case, actor) is None]


# ---------------------------------------------------------------------------------------------
# The machinery every transition shares


@dataclass
class _Step:
    case: Case
    name: str
    spec: Transition
    actor: object
    role: str
    at: object
    from_state: str
    note: str = ""
    data: dict = field(default_factory=dict)
    uploads: list = field(default_factory=list)
    upload_kind: str = ""
    # The case's unit and stage deadline before the step (Event.unit, Event.due_at).
    unit_before: int | None = None
    due_before: datetime | None = None

    @property
    def calendar(self):
        return calendar_for(self.case.jurisdiction_id)

    def start_stage(self, state, started_at=None, limit=None):
        """Start the clock of the stage the case enters (limit defaults to the stage limit)."""
        case = self.case
        limit = limit or stage_limit(case.jurisdiction_id, state, case.urgent)
        case.stage_started_at = started_at or self.at
        case.stage_limit = limit.amount
        case.stage_limit_unit = limit.unit
        case.stage_due_at = self.calendar.add(case.stage_started_at, limit.amount, limit.unit)
        # Even a stage that starts past its deadline is marked by tick, which writes the
        # case.deadline_breached event that evaluation counts.
        case.stage_breached = False

    def stop_clock(self):
        case = self.case
        case.stage_started_at = case.stage_limit = case.stage_due_at = None
        case.stage_limit_unit = ""
        case.stage_breached = False


@contextmanager
def _transition(case, name, actor, *, version=None, at=None, note="", uploads=(), upload_kind=""):
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    with transaction.atomic():
        # Re-read what the workflow owns under the row lock; the other columns (number, place,
        # reporter, ...) never change after the report, so the caller's instance has them right.
        current = store.lock(case.pk, _WORKFLOW_ATTNAMES)
        if current is None:
            raise Case.DoesNotExist(f"case {case.pk} does not exist")
        locked = copy.copy(case)  # the caller's instance changes only once the transaction commits
        for attname, value in current.items():
            setattr(locked, attname, value)  # a changed foreign key also drops its cached row
        if version is not None and locked.version != version:
            raise CaseChanged(
                _("Case %(number)s has changed since you opened it; reload it to see what happened.")
                % {"number": locked.number}
            )
        refusal = _refusal(name, locked, actor)
        if refusal:
            raise NotAllowed(refusal)
        step = _Step(
            locked,
            name,
            spec,
            actor,
            _role_for(spec, locked, actor),
            at,
            locked.state,
            note=note,
            uploads=list(uploads),
            upload_kind=upload_kind,
            unit_before=current["current_unit_id"],
            due_before=current["stage_due_at"],
        )
        yield step
        if spec.target is not None:
            locked.state = spec.target
        locked.version += 1
        store.update(
            locked,
            [
                name
                for name, attname in zip(WORKFLOW_FIELDS, _WORKFLOW_ATTNAMES, strict=True)
                if getattr(locked, attname) != current[attname]
            ],
        )
        event = _record(step)
        case_event_recorded.send(sender=Case, case=locked, event=event)
    _refresh(case, locked)
    transaction.on_commit(lambda: case_event_committed.send(sender=Case, case=locked, event=event))


def _record(step):
    case, actor = step.case, step.actor
    event = store.insert(
        Event(
            case=case,
            type=step.spec.event_type(step.name),
            at=step.at,
            actor=actor,
            actor_role="" if step.role == SYSTEM else step.role,
            actor_unit_id=actor.unit_id if actor is not None else None,
            from_state=step.from_state,
            to_state=case.state,
            note=step.note,
            data=step.data,
            unit_id=case.current_unit_id or step.unit_before,
            due_at=step.due_before,
        )
    )
    for upload in step.uploads:
        store.insert(
            Attachment(
                case=case,
                event=event,
                kind=step.upload_kind,
                file=upload.file,
                media_type=upload.media_type,
                size=upload.size,
                taken_at=upload.taken_at,
                lon=upload.lon,
                lat=upload.lat,
                uploaded_by=actor,
                uploaded_at=step.at,
            )
        )
    return event


def _refresh(case, locked):
    """Give the caller's instance the saved values (and the related rows already loaded)."""
    for name in WORKFLOW_FIELDS:
        field = Case._meta.get_field(name)
        setattr(case, field.attname, getattr(locked, field.attname))
        if field.is_relation and field.is_cached(locked):
            field.set_cached_value(case, field.get_cached_value(locked))
        elif field.is_relation and field.is_cached(case):
            field.delete_cached_value(case)


def _required(text, what):
    if not (text or "").strip():
        raise ValidationError(_("Please give %(what)s.") % {"what": what})
    return text.strip()


def _photos(files, minor_class, required):
    uploads = check_uploads(files)
    if required and minor_class.photo_required and not any(upload.is_image for upload in uploads):
        raise ValidationError(_("A photo is required for “%(class)s”.") % {"class": minor_class.name})
    return uploads


def _disposal_limit(case):
    from .deadlines import Limit

    condition = case.condition
    return Limit(Decimal(condition.time_limit), condition.limit_unit)


# ---------------------------------------------------------------------------------------------
# Report


def _next_number(jurisdiction, at):
    """Administrative code + local date + 5-digit serial of the day, e.g. 3713272026112800017."""
    day = timezone.localdate(at)
    return f"{jurisdiction.code}{day:%Y%m%d}{store.next_serial(jurisdiction.pk, day):05d}"


def check_report(
    *, jurisdiction, source, minor_class, description, lon, lat, place=Place.ANY, component=None
):
    """Raise ValidationError unless a report with these fields could be filed; returns its location.

    report() runs it first; an API that accepts a report now and files it a moment later (Open311
    in batch mode) runs it when accepting, so that its caller hears of a wrong field at once.
    """
    if source not in Source.values:
        raise ValidationError(_("Unknown source “%(source)s”.") % {"source": source})
    if minor_class is None or not minor_class.is_active:
        raise ValidationError(_("Choose the class of the problem."))
    _required(description, _("a description of the problem"))
    try:
        location = locate(lon, lat)
    except OutsideManagedArea as error:
        raise ValidationError(str(error)) from None
    except (TypeError, ValueError):
        raise ValidationError(_("The location must be a longitude and a latitude.")) from None
    if location.jurisdiction_id != jurisdiction.pk:
        raise ValidationError(
            _("The point (%(lon)s, %(lat)s) lies outside %(jurisdiction)s.")
            % {"lon": lon, "lat": lat, "jurisdiction": jurisdiction.name}
        )
    if place not in Place.values:
        raise ValidationError(_("Unknown kind of place “%(place)s”.") % {"place": place})
    if component is not None and component.jurisdiction_id != jurisdiction.pk:
        raise ValidationError(_("The component belongs to another jurisdiction."))
    return location


def report(
    *,
    jurisdiction,
    source,
    minor_class,
    description,
    lon,
    lat,
    actor=None,
    address="",
    place=Place.ANY,
    component=None,
    urgent=False,
    reporter_name="",
    reporter_phone="",
    external_id="",
    photos=(),
    details=None,
    at=None,
):
    """Record a reported problem; returns the new Case (state REPORTED).

    A report from another system with an ``external_id`` it already sent returns the case
    made the first time, so the sender may safely retry. ``details`` (JSON-serialisable) go
    into the report event as they are: what another system sent beside the fields of a case,
    such as the API client, an Open311 request's attributes or a work order's handling mode.
    """
    at = at or timezone.now()
    if external_id:
        existing = Case.objects.filter(source=source, external_id=external_id).first()
        if existing is not None:
            return existing
    location = check_report(
        jurisdiction=jurisdiction,
        source=source,
        minor_class=minor_class,
        description=description,
        lon=lon,
        lat=lat,
        place=place,
        component=component,
    )
    description = description.strip()
    uploads = _photos(photos, minor_class, required=source == Source.COLLECTOR)

    spec = TRANSITIONS["report"]
    probe = Case(jurisdiction=jurisdiction, state=State.REPORTED, zone_id=location.zone_id)
    role = _role_for(spec, probe, actor)
    if role is None:
        raise NotAllowed(
            _("You may not report cases for %(jurisdiction)s.") % {"jurisdiction": jurisdiction.name}
        )
    # The number is taken in a short transaction of its own: holding the day's counter row until
    # the whole report (photos included) is written would make every reporter of the county
    # wait for each other. A report that fails after this leaves a gap in the day's numbers.
    number = _next_number(jurisdiction, at)
    with transaction.atomic():
        case = Case(
            jurisdiction=jurisdiction,
            number=number,
            source=source,
            external_id=external_id,
            minor_class=minor_class,
            description=description,
            lon=float(lon),
            lat=float(lat),
            address=address,
            grid_id=location.grid_id,
            zone_id=location.zone_id,
            place=place,
            component=component,
            reporter=actor,
            reporter_name=reporter_name,
            reporter_phone=reporter_phone,
            urgent=urgent,
            reported_at=at,
            state=State.REPORTED,
        )
        step = _Step(
            case,
            "report",
            spec,
            actor,
            role,
            at,
            "",
            data=dict(details or {}),
            uploads=uploads,
            upload_kind=AttachmentKind.REPORT,
        )
        step.start_stage(State.REPORTED)
        store.insert(case)
        store.insert(search.index_text(case))
        event = _record(step)
        case_event_recorded.send(sender=Case, case=case, event=event)
    transaction.on_commit(lambda: case_event_committed.send(sender=Case, case=case, event=event))
    return case


# ---------------------------------------------------------------------------------------------
# Acceptance: verification, filing, declining, voiding, merging


def request_verification(case, *, actor, note="", version=None, at=None):
    """Send the zone's collector to confirm a report (核实)."""
    with _transition(case, "request_verification", actor, version=version, at=at, note=note) as step:
        step.start_stage(State.VERIFYING)
    return case


def verify(case, *, actor, confirmed, note="", photos=(), version=None, at=None):
    """The collector's verification: is the reported problem there?"""
    uploads = check_uploads(photos)
    with _transition(
        case,
        "verify",
        actor,
        version=version,
        at=at,
        note=note,
        uploads=uploads,
        upload_kind=AttachmentKind.VERIFICATION,
    ) as step:
        step.data = {"confirmed": bool(confirmed)}
        step.start_stage(State.REPORTED)
    return case


def file(case, *, actor, condition=None, minor_class=None, urgent=None, note="", version=None, at=None):
    """File the case (立案) under a filing condition of its class, which sets its disposal limit."""
    with _transition(case, "file", actor, version=version, at=at, note=note) as step:
        locked = step.case
        if minor_class is not None:
            locked.minor_class = minor_class
        conditions = list(locked.minor_class.conditions.order_by("number"))
        if condition is None and len(conditions) == 1:
            condition = conditions[0]
        if condition is None:
            raise ValidationError(
                _("Choose which filing condition of “%(class)s” applies.")
                % {"class": locked.minor_class.name}
            )
        if condition.minor_id != locked.minor_class_id:
            raise ValidationError(_("That filing condition belongs to another class."))
        locked.condition = condition
        if urgent is not None:
            locked.urgent = bool(urgent)
        locked.urgent = locked.urgent or condition.is_urgent
        step.data = {"condition": condition.pk, "class": locked.minor_class.full_code}
        step.start_stage(State.FILED)
    return case


def decline(case, *, actor, reason, version=None, at=None):
    """Do not file (不予立案): the report does not meet any filing condition."""
    reason = _required(reason, _("the reason"))
    with _transition(case, "decline", actor, version=version, at=at, note=reason) as step:
        step.stop_clock()
    return case


def void(case, *, actor, reason, version=None, at=None):
    """Void (作废) an invalid report; the shift leader decides."""
    reason = _required(reason, _("the reason"))
    with _transition(case, "void", actor, version=version, at=at, note=reason) as step:
        step.stop_clock()
    return case


def merge(case, *, into, actor, note="", version=None, at=None):
    """Record ``case`` as a duplicate of ``into``: both are kept and linked, counted once."""
    with _transition(case, "merge", actor, version=version, at=at, note=note) as step:
        original = into
        while original.duplicate_of_id:  # link to the first report of the problem
            original = original.duplicate_of
        if original.pk == step.case.pk or original.jurisdiction_id != step.case.jurisdiction_id:
            raise ValidationError(_("A case can only be merged into another case of the same jurisdiction."))
        step.case.duplicate_of = original
        step.data = {"duplicate_of": original.number}
        step.stop_clock()
    return case


# ---------------------------------------------------------------------------------------------
# Dispatch and disposal


def dispatch(case, *, unit, actor, note="", version=None, at=None):
    """Send the case to the unit that must handle it; the disposal clock starts now."""
    with _transition(case, "dispatch", actor, version=version, at=at, note=note) as step:
        locked = step.case
        if unit is None or unit.jurisdiction_id != locked.jurisdiction_id or not unit.is_active:
            raise ValidationError(
                _("Choose an active unit of %(jurisdiction)s.") % {"jurisdiction": locked.jurisdiction.name}
            )
        locked.current_unit = unit
        _start_disposal_clock(step)
        step.data = {
            "unit": unit.pk,
            "unit_name": unit.name,
            "disposal_due_at": locked.disposal_due_at.isoformat(),
        }
        step.start_stage(State.DISPATCHED)
    return case


def _start_disposal_clock(step):
    """A new disposal period of the filing condition's full limit, from now (dispatch, rework)."""
    locked = step.case
    limit = _disposal_limit(locked)
    locked.disposal_started_at = step.at
    locked.disposal_due_at = step.calendar.add(step.at, limit.amount, limit.unit)
    locked.disposal_extension = 0


def _start_disposal_stage(step):
    locked = step.case
    limit = _disposal_limit(locked)
    locked.stage_started_at = locked.disposal_started_at
    locked.stage_limit = limit.amount + locked.disposal_extension
    locked.stage_limit_unit = limit.unit
    locked.stage_due_at = locked.disposal_due_at
    locked.stage_breached = False  # tick marks it, with its event (see _Step.start_stage)


def sign(case, *, actor, note="", version=None, at=None):
    """The unit signs for the case (签收); from now on it is in disposal."""
    with _transition(case, "sign", actor, version=version, at=at, note=note) as step:
        _start_disposal_stage(step)
    return case


def request_return(case, *, actor, reason, version=None, at=None):
    """The unit says the case is not its duty (回退); the dispatcher decides."""
    reason = _required(reason, _("the reason"))
    with _transition(case, "request_return", actor, version=version, at=at, note=reason) as step:
        step.case.pending_request = PendingRequest.RETURN
        step.case.pending_request_data = {"reason": reason, "by": actor.pk, "at": step.at.isoformat()}
    return case


def approve_return(case, *, actor, note="", version=None, at=None):
    """Take the case back from the unit, to dispatch it again."""
    with _transition(case, "approve_return", actor, version=version, at=at, note=note) as step:
        locked = step.case
        step.data = {"unit": locked.current_unit_id, "reason": locked.pending_request_data.get("reason", "")}
        locked.current_unit = None
        locked.return_count += 1
        locked.disposal_started_at = locked.disposal_due_at = None
        locked.disposal_extension = 0
        locked.pending_request, locked.pending_request_data = PendingRequest.NONE, {}
        step.start_stage(State.FILED)
    return case


def refuse_return(case, *, actor, reason, version=None, at=None):
    reason = _required(reason, _("the reason"))
    with _transition(case, "refuse_return", actor, version=version, at=at, note=reason) as step:
        step.case.pending_request, step.case.pending_request_data = PendingRequest.NONE, {}
    return case


def request_extension(case, *, actor, amount, reason, version=None, at=None):
    """Ask for ``amount`` more of the disposal limit's unit (延期)."""
    reason = _required(reason, _("the reason"))
    try:
        amount = Decimal(str(amount))
    except ArithmeticError:
        amount = Decimal(0)
    if not amount > 0:
        raise ValidationError(_("The extension must be a positive amount of time."))
    most = getattr(settings, "CASE_MAX_EXTENSIONS", 2)
    with _transition(case, "request_extension", actor, version=version, at=at, note=reason) as step:
        if step.case.extension_count >= most:
            raise NotAllowed(
                _("This case has already been extended %(count)s times, the most allowed.") % {"count": most}
            )
        step.case.pending_request = PendingRequest.EXTENSION
        step.case.pending_request_data = {"amount": str(amount), "reason": reason, "by": actor.pk}
        step.data = {"amount": str(amount), "unit": _disposal_limit(step.case).unit}
    return case


def approve_extension(case, *, actor, note="", version=None, at=None):
    """Move the disposal deadline by the amount asked for."""
    with _transition(case, "approve_extension", actor, version=version, at=at, note=note) as step:
        locked = step.case
        amount = Decimal(locked.pending_request_data["amount"])
        limit = _disposal_limit(locked)
        locked.disposal_due_at = step.calendar.add(locked.disposal_due_at, amount, limit.unit)
        locked.extension_count += 1
        locked.disposal_extension += amount
        locked.pending_request, locked.pending_request_data = PendingRequest.NONE, {}
        step.data = {"amount": str(amount), "disposal_due_at": locked.disposal_due_at.isoformat()}
        _start_disposal_stage(step)
    return case


def refuse_extension(case, *, actor, reason, version=None, at=None):
    reason = _required(reason, _("the reason"))
    with _transition(case, "refuse_extension", actor, version=version, at=at, note=reason) as step:
        step.case.pending_request, step.case.pending_request_data = PendingRequest.NONE, {}
    return case


def request_suspension(case, *, actor, reason, resume_at=None, version=None, at=None):
    """Ask to park a case that cannot be solved within any limit (挂账)."""
    reason = _required(reason, _("the reason"))
    with _transition(case, "request_suspension", actor, version=version, at=at, note=reason) as step:
        if resume_at is not None and resume_at <= step.at:
            raise ValidationError(_("The resumption date must lie in the future."))
        step.case.pending_request = PendingRequest.SUSPENSION
        step.case.pending_request_data = {
            "reason": reason,
            "resume_at": resume_at.isoformat() if resume_at else None,
            "by": actor.pk,
        }
    return case


def approve_suspension(case, *, actor, resume_at=None, note="", version=None, at=None):
    """Suspend the case: the disposal clock stops until it is resumed (by hand or on ``resume_at``)."""
    with _transition(case, "approve_suspension", actor, version=version, at=at, note=note) as step:
        locked = step.case
        if resume_at is None and locked.pending_request_data.get("resume_at"):
            resume_at = datetime.fromisoformat(locked.pending_request_data["resume_at"])
        limit = _disposal_limit(locked)
        remaining = step.calendar.elapsed(step.at, locked.disposal_due_at, limit.unit)
        locked.resume_at = resume_at
        locked.disposal_remaining = remaining
        locked.pending_request, locked.pending_request_data = PendingRequest.NONE, {}
        step.data = {"remaining": remaining, "resume_at": resume_at.isoformat() if resume_at else None}
        step.stop_clock()
    return case


def refuse_suspension(case, *, actor, reason, version=None, at=None):
    reason = _required(reason, _("the reason"))
    with _transition(case, "refuse_suspension", actor, version=version, at=at, note=reason) as step:
        step.case.pending_request, step.case.pending_request_data = PendingRequest.NONE, {}
    return case


def resume(case, *, actor=None, note="", version=None, at=None):
    """End a suspension: the disposal clock goes on with the time that was left."""
    with _transition(case, "resume", actor, version=version, at=at, note=note) as step:
        locked = step.case
        limit = _disposal_limit(locked)
        locked.disposal_due_at = step.calendar.add(
            step.at, Decimal(str(locked.disposal_remaining or 0)), limit.unit
        )
        locked.resume_at = None
        locked.disposal_remaining = None
        step.data = {"disposal_due_at": locked.disposal_due_at.isoformat()}
        _start_disposal_stage(step)
    return case


def feedback(case, *, actor, note, photos=(), version=None, at=None):
    """The unit reports the problem solved, with photos after disposal; a check follows."""
    note = _required(note, _("what was done"))
    uploads = _photos(photos, case.minor_class, required=True)
    with _transition(
        case,
        "feedback",
        actor,
        version=version,
        at=at,
        note=note,
        uploads=uploads,
        upload_kind=AttachmentKind.AFTER,
    ) as step:
        locked = step.case
        step.data = {
            "unit": locked.current_unit_id,
            "on_time": step.at <= locked.disposal_due_at,
            "disposal_due_at": locked.disposal_due_at.isoformat(),
        }
        step.start_stage(State.CHECKING)
    return case


def pass_check(case, *, actor, note="", photos=(), version=None, at=None):
    """The collector finds the problem solved (核查通过)."""
    uploads = check_uploads(photos)
    with _transition(
        case,
        "pass_check",
        actor,
        version=version,
        at=at,
        note=note,
        uploads=uploads,
        upload_kind=AttachmentKind.VERIFICATION,
    ) as step:
        step.start_stage(State.CHECKED)
    return case


def fail_check(case, *, actor, note, photos=(), version=None, at=None):
    """The collector finds the problem still there: back to the same unit (返工)."""
    note = _required(note, _("what is still wrong"))
    uploads = check_uploads(photos)
    with _transition(
        case,
        "fail_check",
        actor,
        version=version,
        at=at,
        note=note,
        uploads=uploads,
        upload_kind=AttachmentKind.VERIFICATION,
    ) as step:
        locked = step.case
        locked.rework_count += 1
        _start_disposal_clock(step)
        step.data = {"unit": locked.current_unit_id, "disposal_due_at": locked.disposal_due_at.isoformat()}
        _start_disposal_stage(step)
    return case


def self_dispose(case, *, actor, note, photos=(), version=None, at=None):
    """A collector solved a trivial problem on the spot (自行处置); the shift leader closes it."""
    note = _required(note, _("what was done"))
    uploads = _photos(photos, case.minor_class, required=True)
    with _transition(
        case,
        "self_dispose",
        actor,
        version=version,
        at=at,
        note=note,
        uploads=uploads,
        upload_kind=AttachmentKind.AFTER,
    ) as step:
        step.case.self_disposed = True
        step.start_stage(State.CHECKED)
    return case


def close(case, *, actor, note="", version=None, at=None):
    """Close the case (结案) after a passed check."""
    with _transition(case, "close", actor, version=version, at=at, note=note) as step:
        step.case.closed_at = step.at
        step.stop_clock()
    return case


def reopen(case, *, actor, reason, version=None, at=None):
    """Reopen a closed case when the reporter complains, within CASE_REOPEN_DAYS of closing."""
    reason = _required(reason, _("the reason"))
    days = getattr(settings, "CASE_REOPEN_DAYS", 7)
    with _transition(case, "reopen", actor, version=version, at=at, note=reason) as step:
        locked = step.case
        if locked.closed_at and step.at - locked.closed_at > timedelta(days=days):
            raise NotAllowed(_("A case can be reopened within %(days)s days of closing.") % {"days": days})
        step.data = {"closed_at": locked.closed_at.isoformat() if locked.closed_at else None}
        locked.closed_at = None
        locked.current_unit = None
        locked.disposal_started_at = locked.disposal_due_at = None
        locked.disposal_extension = 0
        step.start_stage(State.FILED)
    return case


def urge(case, *, actor, note="", version=None, at=None):
    """Put an open case under supervision (督办); it stays in its state."""
    with _transition(case, "urge", actor, version=version, at=at, note=note) as step:
        step.case.supervised = True
        step.case.urge_count += 1
    return case


SATISFACTION_LEVELS = (0, 1, 2, 3)  # 不满意, 理解 (accepts it), 满意, 非常满意 (standards.md §9)


def record_callback(case, *, result, satisfaction, note="", actor=None, data=None, at=None):
    """Record the hotline's callback to the citizen (回访): the result as the citizen sees it and
    their satisfaction (0 dissatisfied … 3 very satisfied). Any state; the state does not change."""
    if satisfaction not in SATISFACTION_LEVELS:
        raise ValidationError(_("Satisfaction must be 0, 1, 2 or 3."))
    with _transition(case, "record_callback", actor, at=at, note=note) as step:
        step.data = {"result": result, "satisfaction": satisfaction, **(data or {})}
    return case


# ---------------------------------------------------------------------------------------------
# Time-driven work (manage.py tick)


def mark_breach(case_id, now):
    """Record that the open stage of a case passed its deadline; once per stage.

    The conditional UPDATE claims the breach, so two workers running tick at once record it
    exactly once.
    """
    with transaction.atomic():
        claimed = Case.objects.filter(
            pk=case_id, stage_breached=False, stage_due_at__lt=now, state__in=OPEN_STATES
        ).update(stage_breached=True)
        if not claimed:
            return None
        case = Case.objects.get(pk=case_id)
        return Event.objects.create(
            case=case,
            type="case.deadline_breached",
            at=now,
            from_state=case.state,
            to_state=case.state,
            data={"stage": case.state, "due_at": case.stage_due_at.isoformat(), "unit": case.current_unit_id},
            unit_id=case.current_unit_id,
            due_at=case.stage_due_at,
        )
