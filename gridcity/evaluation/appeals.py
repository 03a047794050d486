"""Appeals against overtime findings (超期申诉): a unit asks, the evaluation office decides.

An approved appeal takes the case out of the unit's overtime counts from the time of the
decision on (gridcity.evaluation.indicators); the breach itself stays in the case's events and the
appeal stays on record, approved or refused.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.cases.models import Event
from gridcity.org.roles import Role

from .models import AppealState, OvertimeAppeal

UNIT_ROLES = (Role.UNIT_HANDLER, Role.UNIT_LEADER)


def may_decide(person):
    return person.is_superuser or person.has_role(Role.EVALUATION_OFFICE)


def overtime_events(case, unit):
    """The case's events that found the unit late: deadlines passed while the unit held it, and
    late reports of disposal."""
    late_disposal = Q(type="case.disposed", due_at__isnull=False, at__gt=F("due_at"))
    return Event.objects.filter(case=case, unit=unit).filter(Q(type="case.deadline_breached") | late_disposal)


def speaks_for(person, unit):
    """The unit's own staff (its handlers and leaders) speak for it; a superuser for any unit."""
    return person.is_superuser or (person.unit_id == unit.pk and any(person.has_role(r) for r in UNIT_ROLES))


def may_appeal(person, case, unit):
    """Whether the person may appeal against the case's overtime finding for the unit: he speaks
    for the unit and the case has such a finding. (One query: the page asks it for each case.)"""
    return speaks_for(person, unit) and overtime_events(case, unit).exists()


def request_appeal(case, *, unit, actor, reason, at=None):
    """The unit's staff appeal against the case's overtime finding, giving the reason."""
    if not speaks_for(actor, unit):
        raise PermissionDenied(_("Only the unit's own staff appeal against its overtime findings."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason for the appeal."))
    if not may_appeal(actor, case, unit):
        raise ValidationError(
            _("Case %(number)s has no overtime finding against %(unit)s.")
            % {"number": case.number, "unit": unit}
        )
    with transaction.atomic():
        live = (
            OvertimeAppeal.objects.select_for_update()
            .filter(case=case, unit=unit)
            .exclude(state=AppealState.REFUSED)
        )
        if live.exists():
            raise ValidationError(_("There is already an appeal for this case and unit."))
        return OvertimeAppeal.objects.create(
            case=case, unit=unit, reason=reason, requested_by=actor, requested_at=at or timezone.now()
        )


def _decide(appeal, state, *, actor, note, at):
    if not may_decide(actor):
        raise PermissionDenied(_("Only the evaluation office decides appeals."))
    with transaction.atomic():
        appeal = OvertimeAppeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.state != AppealState.PENDING:
            raise ValidationError(_("This appeal has been decided already."))
        appeal.state = state
        appeal.decided_by = actor
        appeal.decided_at = at or timezone.now()
        appeal.decision_note = note
        appeal.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    return appeal


def approve_appeal(appeal, *, actor, note="", at=None):
    """Accept the appeal: the case leaves the unit's overtime counts."""
    return _decide(appeal, AppealState.APPROVED, actor=actor, note=(note or "").strip(), at=at)


def refuse_appeal(appeal, *, actor, note, at=None):
    """Refuse the appeal, giving the reason."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Please give the reason for refusing the appeal."))
    return _decide(appeal, AppealState.REFUSED, actor=actor, note=note, at=at)
