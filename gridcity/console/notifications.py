"""In-console notifications: a case entered your queue, its deadline is near, its deadline passed.

New-task notifications are written in the workflow's transaction, with the event that tells of
them (a receiver of ``cases.workflow.case_event_recorded``); deadline notifications by ``notify_deadlines``, which
``manage.py notify_deadlines`` runs every minute from deploy/crontab. Both write with an INSERT
that skips what the model's unique constraints hold already, so writing the same notification
twice, or from two workers at once, leaves one row.
"""

import functools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.utils import timezone

from gridcity.cases import store
from gridcity.cases.deadlines import Light, traffic_light
from gridcity.cases.models import OPEN_STATES, Case, State
from gridcity.cases.workflow import TRANSITIONS, case_event_recorded
from gridcity.org.models import User
from gridcity.org.roles import Role

from .models import Notification

# Only what happened lately is told: a replay, an import of old cases or a worker that was down
# for a week must not flood people with news of long ago. Their queues show old cases anyway.
RECENT = timedelta(days=1)

# The requests a unit sends to the dispatcher: the case stays in its state and with the unit,
# and enters the dispatch desk's queue as well.
REQUEST_EVENTS = frozenset(
    TRANSITIONS[name].event_type(name)
    for name in ("request_return", "request_extension", "request_suspension")
)


def _holding(state, zone_id, unit_id, pending_request):
    """Who holds a case in this state in their queue (console/queues.py lists the same cases),
    as (role, zone id or None, unit id or None): a person with the role, and in that zone or
    unit when one is named."""
    rules = []
    if state == State.REPORTED:
        rules += [(Role.ACCEPTOR, None, None), (Role.SHIFT_LEADER, None, None)]
    elif state in (State.VERIFYING, State.CHECKING) and zone_id:
        rules.append((Role.COLLECTOR, zone_id, None))
    elif state == State.FILED:
        rules.append((Role.DISPATCHER, None, None))
    elif state in (State.DISPATCHED, State.IN_DISPOSAL) and unit_id:
        rules += [(Role.UNIT_HANDLER, None, unit_id), (Role.UNIT_LEADER, None, unit_id)]
    elif state == State.CHECKED:
        rules.append((Role.SHIFT_LEADER, None, None))  # only the shift leader closes
    if pending_request:
        rules.append((Role.DISPATCHER, None, None))
    return rules


def _people(jurisdiction_id, *rule_sets):
    """For each set of rules, the ids of the active people of the jurisdiction it names; one query
    (this runs after every transition)."""
    rules = sorted({rule for rules in rule_sets for rule in rules}, key=str)
    if not rules:
        return [set() for _rules in rule_sets]
    shape = tuple((zone is not None, unit is not None) for _role, zone, unit in rules)
    params = [jurisdiction_id]
    for role, zone, unit in rules:
        params += [str(role)] + [value for value in (zone, unit) if value is not None]
    with store.prepared_cursor() as cursor:
        cursor.execute(_membership_statement(connection.vendor, shape), params)
        memberships = cursor.fetchall()
    return [
        {
            person
            for person, role, zone, unit in memberships
            for rule_role, rule_zone, rule_unit in rules
            if role == rule_role and rule_zone in (None, zone) and rule_unit in (None, unit)
        }
        for rules in rule_sets
    ]


@functools.cache
def _membership_statement(vendor, shape):
    """SQL of (person, role, zone, unit) of the active people of a jurisdiction who have a role of
    the rules, in the zone or unit a rule names; ``shape`` says, per rule, whether it names a zone
    and a unit. Written once per shape: building it with the ORM at every transition cost more
    than running it."""
    quote = connection.ops.quote_name
    membership = User.groups.through._meta
    person, group = (quote(membership.get_field(name).column) for name in ("user", "group"))
    zone, unit = (quote(User._meta.get_field(name).column) for name in ("zone", "unit"))
    clauses = []
    for names_zone, names_unit in shape:
        clause = "g.name = %s"
        clause += f" AND u.{zone} = %s" if names_zone else ""
        clause += f" AND u.{unit} = %s" if names_unit else ""
        clauses.append(f"({clause})")
    return (
        f"SELECT m.{person}, g.name, u.{zone}, u.{unit} FROM {quote(membership.db_table)} m"
        f" JOIN {quote(Group._meta.db_table)} g ON g.id = m.{group}"
        f" JOIN {quote(User._meta.db_table)} u ON u.id = m.{person}"
        f" WHERE u.jurisdiction_id = %s AND u.is_active AND ({' OR '.join(clauses)})"
    )


def holders(case):
    """The ids of the people whose queue ``case`` is in now."""
    rules = _holding(case.state, case.zone_id, case.current_unit_id, case.pending_request)
    return _people(case.jurisdiction_id, rules)[0]


def task_recipients(case, event):
    """The ids of the people whose queue ``case`` entered with ``event``, but not the person who
    acted: a unit signing a case gets no news, a failed check sends the unit back to work, a unit's
    request puts the case on the dispatch desk."""
    after = _holding(case.state, case.zone_id, case.current_unit_id, case.pending_request)
    if not after:
        return set()
    before = []
    if event.from_state:
        # Only a request changes who holds the case without changing its state or unit.
        pending = "" if event.type in REQUEST_EVENTS else case.pending_request
        before = _holding(event.from_state, case.zone_id, case.current_unit_id, pending)
    if after == before:  # the same people hold it (a unit signing): no news, no query
        return set()
    after_people, before_people = _people(case.jurisdiction_id, after, before)
    return after_people - before_people - {event.actor_id}


def notify_new_task(case, event, now=None):
    """Tell the people whose queue the case entered with ``event``; returns how many were told."""
    now = now or timezone.now()
    if event.at < now - RECENT:
        return 0
    recipients = sorted(task_recipients(case, event))
    store.insert_ignoring_conflicts(
        [
            Notification(
                recipient_id=pk,
                case_id=case.pk,
                kind=Notification.Kind.NEW_TASK,
                state=case.state,
                event_id=event.pk,
                created_at=event.at,
            )
            for pk in recipients
        ]
    )
    return len(recipients)


@receiver(case_event_recorded, dispatch_uid="console-notify-new-task")
def _on_case_event(sender, case, event, **kwargs):
    # Inside the transition's transaction: the case never enters a queue untold, and the
    # notifications cost no transaction of their own.
    notify_new_task(case, event)


def _not_told(kind):
    return ~Exists(
        Notification.objects.filter(case_id=OuterRef("pk"), kind=kind, due_at=OuterRef("stage_due_at"))
    )


def deadline_cases(now):
    """(cases whose stage deadline is near, cases whose deadline passed lately), not yet told.

    Near is the yellow light: 80 % of the stage's working-time limit used (cases.deadlines);
    the light needs the calendar, so the candidates are all open stages still running, and
    the light decides. Passed is the red light: the deadline is behind us.
    """
    running = Case.objects.filter(state__in=OPEN_STATES, stage_due_at__isnull=False).select_related(
        "jurisdiction"
    )
    near = [
        case
        for case in running.filter(stage_due_at__gte=now, stage_started_at__lte=now).filter(
            _not_told(Notification.Kind.DEADLINE_NEAR)
        )
        if traffic_light(case, now)[0] == Light.YELLOW
    ]
    passed = list(
        running.filter(stage_due_at__lt=now, stage_due_at__gte=now - RECENT).filter(
            _not_told(Notification.Kind.DEADLINE_PASSED)
        )
    )
    return near, passed


def notify_deadlines(now=None, dry_run=False):
    """Tell the holders of cases whose deadline is near or passed, once per stage deadline.

    Idempotent: run it every minute, twice, or from two workers; each person is told once.
    Returns (number of near notifications, number of passed notifications) written (or that
    would be written, with ``dry_run``).
    """
    now = now or timezone.now()
    near, passed = deadline_cases(now)
    written = []
    for kind, cases in ((Notification.Kind.DEADLINE_NEAR, near), (Notification.Kind.DEADLINE_PASSED, passed)):
        rows = [
            Notification(
                recipient_id=pk,
                case_id=case.pk,
                kind=kind,
                state=case.state,
                due_at=case.stage_due_at,
                created_at=now,
            )
            for case in cases
            for pk in sorted(holders(case))
        ]
        if not dry_run:
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
        written.append(len(rows))
    return tuple(written)


# ---------------------------------------------------------------------------------------------
# Reading them


def open_notification(user, pk, now=None):
    """The person's notification ``pk``, marked read; None if it is not theirs."""
    notification = Notification.objects.for_person(user).select_related("case").filter(pk=pk).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user, now=None):
    """Mark every unread notification of the person read; returns how many."""
    return Notification.objects.for_person(user).unread().update(read_at=now or timezone.now())


def mark_case_read(user, case, now=None):
    """The person opened the case: its notifications to them are read (for the case page)."""
    return (
        Notification.objects.for_person(user).unread().filter(case=case).update(read_at=now or timezone.now())
    )
