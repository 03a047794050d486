"""What the case page shows, shaped from the case's rows: the timeline and the photo panels.

The timeline is read from the event log alone (STYLE habit 3): one row per Event, newest last,
with the attachments written with it. Everything here works on rows already loaded, plus at
most one query for the units and one for the filing conditions the events name, so the page
costs the same number of queries whatever the length of the case's history.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.cases.models import AttachmentKind, State
from gridcity.catalog.models import Condition
from gridcity.org.models import Unit
from gridcity.org.roles import Role
from gridcity.worktime.units import LimitUnit

# Past-tense titles of the event types (the buttons say the imperative, workflow.TRANSITIONS).
EVENT_TITLES = {
    "case.reported": _("Problem reported"),
    "case.verification_requested": _("Sent for verification"),
    "case.verified": _("Verified on site"),
    "case.filed": _("Case filed"),
    "case.declined": _("Not filed"),
    "case.voided": _("Case voided"),
    "case.merged": _("Merged as a duplicate"),
    "case.dispatched": _("Dispatched to a unit"),
    "case.signed": _("Signed for by the unit"),
    "case.return_requested": _("Return requested"),
    "case.returned": _("Return approved"),
    "case.return_refused": _("Return refused"),
    "case.extension_requested": _("Extension requested"),
    "case.extended": _("Extension approved"),
    "case.extension_refused": _("Extension refused"),
    "case.suspension_requested": _("Suspension requested"),
    "case.suspended": _("Suspension approved"),
    "case.suspension_refused": _("Suspension refused"),
    "case.resumed": _("Disposal resumed"),
    "case.disposed": _("Result reported"),
    "case.check_passed": _("Check passed"),
    "case.check_failed": _("Check failed, back to the unit"),
    "case.self_disposed": _("Solved by the collector"),
    "case.closed": _("Case closed"),
    "case.reopened": _("Case reopened"),
    "case.urged": _("Urged"),
    "case.deadline_breached": _("Deadline passed"),
}

# Events that say something went wrong for the case: shown with a warning colour.
WARNING_EVENTS = {"case.deadline_breached", "case.check_failed", "case.urged", "case.returned"}

# Where each kind of photo goes on the page: the problem as found beside the problem solved.
BEFORE_KINDS = (AttachmentKind.REPORT, AttachmentKind.BEFORE)
AFTER_KINDS = (AttachmentKind.AFTER,)


@dataclass
class Detail:
    label: str
    value: str
    case_number: str = ""  # set when the value is a case to link to


@dataclass
class TimelineRow:
    event: object
    title: str
    actor: str
    role: str
    unit: str
    from_state: str
    to_state: str
    note: str
    details: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    warning: bool = False

    @property
    def at(self):
        return self.event.at

    @property
    def changes_state(self):
        return bool(self.from_state and self.to_state and self.from_state != self.to_state)


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _when(value):
    """An ISO time from an event's data, as local time for people to read."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def _amount(value, unit):
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number:f}"  # "2", "0.5": normalize() drops trailing zeros, :f avoids "1E+1"
    return f"{text} {_label(LimitUnit, unit)}".strip()


def _details(event, units, conditions, limit_unit):
    """The facts an event carries in its data, as (label, value) rows."""
    data = event.data or {}
    rows = []
    unit_id = data.get("unit")
    if event.type == "case.extension_requested":
        rows.append(Detail(_("Extra time asked for"), _amount(data.get("amount"), data.get("unit"))))
        unit_id = None  # here "unit" is the unit of time
    elif event.type == "case.extended":
        rows.append(Detail(_("Extra time granted"), _amount(data.get("amount"), limit_unit)))
    if unit_id:
        unit = units.get(unit_id)
        name = data.get("unit_name") or (unit.name if unit else "")
        label = _("Dispatched to") if event.type == "case.dispatched" else _("Unit")
        rows.append(Detail(label, name))
    if data.get("condition"):
        condition = conditions.get(data["condition"])
        if condition is not None:
            rows.append(Detail(_("Filing condition"), condition.filing_condition))
    if data.get("class") and event.type == "case.filed":
        rows.append(Detail(_("Class code"), data["class"]))
    if data.get("duplicate_of"):
        rows.append(Detail(_("Duplicate of"), data["duplicate_of"], case_number=data["duplicate_of"]))
    if "confirmed" in data:
        rows.append(Detail(_("Problem found on site"), _("yes") if data["confirmed"] else _("no")))
    if "on_time" in data:
        rows.append(Detail(_("Within the time limit"), _("yes") if data["on_time"] else _("no")))
    if data.get("reason") and data.get("reason") != event.note:
        rows.append(Detail(_("Reason"), data["reason"]))
    if data.get("stage"):
        rows.append(Detail(_("Stage"), _label(State, data["stage"])))
    if data.get("due_at"):
        rows.append(Detail(_("Deadline"), _when(data["due_at"])))
    if data.get("disposal_due_at"):
        rows.append(Detail(_("Disposal deadline"), _when(data["disposal_due_at"])))
    if data.get("remaining") is not None:
        rows.append(Detail(_("Disposal time left"), f"{float(data['remaining']):.2f}"))
    if data.get("resume_at"):
        rows.append(Detail(_("Resume on"), _when(data["resume_at"])))
    if data.get("closed_at"):
        rows.append(Detail(_("Closed at"), _when(data["closed_at"])))
    return rows


def timeline_rows(events, attachments, limit_unit=""):
    """Display rows for ``events`` (loaded with actor and actor_unit), oldest first.

    ``attachments`` are the case's attachments; each row gets those written with its event.
    ``limit_unit`` is the unit of the disposal limit, in which extensions are counted.
    """
    events = sorted(events, key=lambda event: (event.at, event.pk))
    unit_ids, condition_ids = set(), set()
    for event in events:
        data = event.data or {}
        if isinstance(data.get("unit"), int):
            unit_ids.add(data["unit"])
        if isinstance(data.get("condition"), int):
            condition_ids.add(data["condition"])
    units = Unit.objects.in_bulk(unit_ids) if unit_ids else {}
    conditions = Condition.objects.in_bulk(condition_ids) if condition_ids else {}
    by_event = {}
    for attachment in attachments:
        if attachment.event_id:
            by_event.setdefault(attachment.event_id, []).append(attachment)

    rows = []
    for event in events:
        actor = event.actor.display_name if event.actor_id else str(_("System"))
        rows.append(
            TimelineRow(
                event=event,
                title=str(EVENT_TITLES.get(event.type, event.type)),
                actor=actor,
                role=_label(Role, event.actor_role) if event.actor_role else "",
                unit=event.actor_unit.name if event.actor_unit_id else "",
                from_state=_label(State, event.from_state),
                to_state=_label(State, event.to_state),
                note=event.note,
                details=_details(event, units, conditions, limit_unit),
                attachments=by_event.get(event.pk, []),
                warning=event.type in WARNING_EVENTS,
            )
        )
    return rows


@dataclass
class PhotoPanels:
    before: list  # report and before-disposal photos
    after: list  # after-disposal photos
    checks: list  # verification and check photos

    def __bool__(self):
        return bool(self.before or self.after or self.checks)


def photo_panels(attachments):
    """The case's photos and videos by kind: before and after side by side, checks below."""
    before, after, checks = [], [], []
    for attachment in attachments:
        if attachment.kind in BEFORE_KINDS:
            before.append(attachment)
        elif attachment.kind in AFTER_KINDS:
            after.append(attachment)
        else:
            checks.append(attachment)
    return PhotoPanels(before, after, checks)
