"""Frontage agreements: drafting, the transitions between their states, renewals and expiry.

draft → signed → expired (the term ended) or terminated (ended early); a draft that will never
be signed is terminated too. TRANSITIONS is the graph; each transition is one function that
locks the agreement, checks the state and the actor, changes it and writes exactly one
AgreementEvent in the same transaction. Nothing else assigns ``Agreement.state``.

``run_renewals`` is the daily job (manage.py agreement_renewals, deploy/crontab): it expires the
signed agreements whose term has ended and reminds, once, of those ending soon that have no
renewal yet.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gridcity.org.models import Unit
from gridcity.org.roles import Role

from .models import Agreement, AgreementEvent, AgreementState
from .signing import suggest_signing_unit
from .standards import checklist

DRAFT, SIGNED, EXPIRED, TERMINATED = (
    AgreementState.DRAFT,
    AgreementState.SIGNED,
    AgreementState.EXPIRED,
    AgreementState.TERMINATED,
)

# Who may act, beyond belonging to the agreement's jurisdiction.
SIGNING_UNIT = "signing_unit"  # a person of the unit that signs the agreement
OFFICE = Role.EVALUATION_OFFICE  # 文明办 leads 门前三包 (细则 §四(一))
ADMIN = Role.SYSTEM_ADMIN
SYSTEM = "system"  # no person: the daily job

# How long before the end of its term an agreement is reminded of, by default.
REMINDER_DAYS = 30


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple
    target: str
    actors: tuple
    event: str


TRANSITIONS = {
    "sign": Transition(
        pgettext_lazy("agreement action", "Sign"), (DRAFT,), SIGNED, (SIGNING_UNIT, OFFICE, ADMIN), "signed"
    ),
    "expire": Transition(
        pgettext_lazy("agreement action", "Expire"), (SIGNED,), EXPIRED, (SYSTEM,), "expired"
    ),
    "terminate": Transition(
        pgettext_lazy("agreement action", "Terminate"),
        (DRAFT, SIGNED),
        TERMINATED,
        (SIGNING_UNIT, OFFICE, ADMIN),
        "terminated",
    ),
}
EVENT_DRAFTED = "agreement.drafted"
EVENT_REMINDED = "agreement.renewal_reminded"
ACTOR_LABELS = {
    SIGNING_UNIT: gettext_lazy("the signing unit"),
    SYSTEM: gettext_lazy("the daily job"),
}


class AgreementError(Exception):
    """A transition that cannot happen; the message says why, in the user's language."""


class NotAllowed(AgreementError):
    pass


def _may_act(actors, agreement, actor):
    if actor is None or actors == (SYSTEM,):
        return actor is None and SYSTEM in actors
    if actor.is_superuser:
        return True
    if actor.jurisdiction_id != agreement.jurisdiction_id:
        return False
    if SIGNING_UNIT in actors and actor.unit_id and actor.unit_id == agreement.signing_unit_id:
        return True
    return any(actor.has_role(role) for role in actors if role not in (SIGNING_UNIT, SYSTEM))


def refusal(name, agreement, actor):
    """Why ``actor`` may not take transition ``name`` now; None if they may."""
    spec = TRANSITIONS[name]
    if agreement.state not in spec.sources:
        return _("“%(action)s” is not possible while the agreement is “%(state)s”.") % {
            "action": spec.label,
            "state": agreement.get_state_display(),
        }
    if not _may_act(spec.actors, agreement, actor):
        return _("You may not “%(action)s” this agreement: it needs %(who)s.") % {
            "action": spec.label,
            "who": " / ".join(str(ACTOR_LABELS.get(a) or Role(a).label) for a in spec.actors),
        }
    return None


def may_draft(party, signing_unit_id, actor):
    """Whether ``actor`` may draft (or renew) an agreement of ``party`` with that signing unit: the
    people who may sign it. No actor means the platform itself (the demo, an import)."""
    if actor is None:
        return True
    probe = Agreement(jurisdiction_id=party.jurisdiction_id, signing_unit_id=signing_unit_id, party=party)
    return _may_act(TRANSITIONS["sign"].actors, probe, actor)


def in_renewal_window(agreement, today, days=REMINDER_DAYS):
    """Whether the agreement is due for renewal: it expired, or it is in force and its term ends
    within ``days`` (the daily job reminds it then)."""
    if agreement.state == EXPIRED:
        return True
    return agreement.state == SIGNED and (agreement.ends_on - today).days <= days


def _drafting_refusal(party, signing_unit):
    return _(
        "You may not draft an agreement signed by %(unit)s: it needs that unit, the evaluation office "
        "or the system administrator."
    ) % {"unit": signing_unit.name}


def allowed_actions(agreement, actor):
    """The transitions ``actor`` may take on ``agreement`` now, in the order of TRANSITIONS."""
    return [name for name in TRANSITIONS if refusal(name, agreement, actor) is None]


def _record(agreement, type, actor, at, from_state, note="", data=None):
    return AgreementEvent.objects.create(
        agreement=agreement,
        type=type,
        at=at,
        actor=actor,
        from_state=from_state,
        to_state=agreement.state,
        note=note,
        data=data or {},
    )


def _transition(agreement, name, actor, at, changes, note="", data=None):
    """Lock, check, change, write one event; ``changes`` sets the other fields on the locked row."""
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("party").get(pk=agreement.pk)
        reason = refusal(name, locked, actor)
        if reason:
            raise NotAllowed(reason)
        from_state = locked.state
        fields = changes(locked) or []
        locked.state = spec.target
        locked.save(update_fields=["state", *fields])
        _record(locked, f"agreement.{spec.event}", actor, at, from_state, note, data)
    for field in ["state", *fields]:
        setattr(agreement, field, getattr(locked, field))
    return agreement


def _check_term(starts_on, ends_on):
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        raise ValidationError(_("Give the first and the last day of the term."))
    if ends_on < starts_on:
        raise ValidationError(
            _("The term ends (%(end)s) before it starts (%(start)s).") % {"end": ends_on, "start": starts_on}
        )


def default_term(starts_on):
    """One year from ``starts_on``, to the day before."""
    try:
        next_year = starts_on.replace(year=starts_on.year + 1)
    except ValueError:  # 29 February
        next_year = starts_on.replace(year=starts_on.year + 1, day=28)
    return starts_on, next_year - timedelta(days=1)


def draft_agreement(party, *, actor, signing_unit=None, starts_on=None, ends_on=None, renews=None, at=None):
    """A new draft agreement with ``party``; returns it.

    The signing unit is the signing table's suggestion unless one is given; the text carries the
    standards of the party's kind as they stand today. The term defaults to one year from today.
    """
    at = at or timezone.now()
    if signing_unit is None:
        suggestion = suggest_signing_unit(party)
        if suggestion is None:
            raise ValidationError(
                _("No signing rule applies to %(party)s: choose the signing unit.") % {"party": party.name}
            )
        signing_unit = suggestion.unit
    if not isinstance(signing_unit, Unit) or signing_unit.jurisdiction_id != party.jurisdiction_id:
        raise ValidationError(_("The signing unit must be a unit of the party's jurisdiction."))
    if not may_draft(party, signing_unit.pk, actor):
        raise NotAllowed(_drafting_refusal(party, signing_unit))
    if not party.is_active:
        raise ValidationError(_("%(party)s is no longer active.") % {"party": party.name})
    if starts_on is None:
        starts_on = timezone.localdate(at)
    if ends_on is None:
        starts_on, ends_on = default_term(starts_on)
    _check_term(starts_on, ends_on)
    standards = [standard.as_dict() for standard in checklist(party.jurisdiction, party.kind)]
    if not standards:
        raise ValidationError(
            _("There are no standards for the kind “%(kind)s”; add them first.")
            % {"kind": party.get_kind_display()}
        )
    with transaction.atomic():
        agreement = Agreement.objects.create(
            jurisdiction_id=party.jurisdiction_id,
            number=f"tmp-{uuid.uuid4().hex[:28]}",
            party=party,
            signing_unit=signing_unit,
            starts_on=starts_on,
            ends_on=ends_on,
            standards=standards,
            renews=renews,
            created_at=at,
        )
        # The number follows the row's id: unique without a counter to lock.
        agreement.number = f"MQSB-{party.jurisdiction.code}-{starts_on.year}-{agreement.pk:06d}"
        agreement.save(update_fields=["number"])
        _record(agreement, EVENT_DRAFTED, actor, at, "", data={"signing_unit": signing_unit.code})
    return agreement


def renew(agreement, *, actor, starts_on=None, ends_on=None, at=None):
    """A draft that continues ``agreement`` (signed, in force or expired) from the day after its
    term, with the same unit."""
    if not may_draft(agreement.party, agreement.signing_unit_id, actor):
        raise NotAllowed(_drafting_refusal(agreement.party, agreement.signing_unit))
    if agreement.state not in (SIGNED, EXPIRED):
        raise ValidationError(_("Only an agreement that was signed can be renewed."))
    if hasattr(agreement, "renewal"):
        raise ValidationError(_("Agreement %(number)s has a renewal already.") % {"number": agreement.number})
    starts_on = starts_on or agreement.ends_on + timedelta(days=1)
    if ends_on is None:
        starts_on, ends_on = default_term(starts_on)
    try:
        return draft_agreement(
            agreement.party,
            actor=actor,
            signing_unit=agreement.signing_unit,
            starts_on=starts_on,
            ends_on=ends_on,
            renews=agreement,
            at=at,
        )
    except IntegrityError:
        raise ValidationError(
            _("Agreement %(number)s has a renewal already.") % {"number": agreement.number}
        ) from None


def sign(agreement, *, actor, signed_on=None, party_signatory="", unit_signatory="", note="", at=None):
    """Both parties signed the draft: it is in force for its term."""
    at = at or timezone.now()
    signed_on = signed_on or timezone.localdate(at)
    party_signatory = (party_signatory or "").strip()
    unit_signatory = (unit_signatory or "").strip()

    def changes(locked):
        overlapping = (
            Agreement.objects.signed()
            .filter(party_id=locked.party_id, starts_on__lte=locked.ends_on, ends_on__gte=locked.starts_on)
            .exclude(pk=locked.pk)
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                _(
                    "%(party)s has agreement %(number)s in force for %(start)s – %(end)s, which overlaps this term."
                )
                % {
                    "party": locked.party.name,
                    "number": overlapping.number,
                    "start": overlapping.starts_on,
                    "end": overlapping.ends_on,
                }
            )
        if locked.ends_on < signed_on:
            raise ValidationError(
                _("The term of this draft has ended; change the term or draft a new agreement.")
            )
        locked.signed_on = signed_on
        locked.party_signatory = party_signatory
        locked.unit_signatory = unit_signatory
        return ["signed_on", "party_signatory", "unit_signatory"]

    return _transition(agreement, "sign", actor, at, changes, note, {"signed_on": signed_on.isoformat()})


def expire(agreement, *, at=None):
    """The term ended (the daily job)."""
    return _transition(
        agreement, "expire", None, at, lambda locked: [], data={"ends_on": agreement.ends_on.isoformat()}
    )


def terminate(agreement, *, actor, reason, at=None):
    """End the agreement before its term (the party closed, moved, …), or withdraw a draft."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason for terminating the agreement."))
    return _transition(agreement, "terminate", actor, at, lambda locked: [], note=reason)


# ---------------------------------------------------------------------------------------------
# The daily job


def due_for_reminder(today, days=REMINDER_DAYS):
    """Signed agreements ending within ``days`` of ``today`` without a renewal or a reminder."""
    return (
        Agreement.objects.signed()
        .filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=days), renewal__isnull=True)
        .exclude(events__type=EVENT_REMINDED)
        .select_related("party", "signing_unit")
        .order_by("ends_on", "pk")
    )


def due_for_expiry(today):
    return Agreement.objects.signed().filter(ends_on__lt=today).order_by("ends_on", "pk")


def run_renewals(now=None, days=REMINDER_DAYS, dry_run=False):
    """Expire the signed agreements whose term ended before today, and remind once of those
    ending within ``days``. Idempotent. Returns (reminded, expired): the agreements concerned
    (or that would be, with ``dry_run``)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    expired = list(due_for_expiry(today))
    reminded = list(due_for_reminder(today, days))
    if dry_run:
        return reminded, expired
    done = []
    for agreement in expired:
        try:
            expire(agreement, at=now)
            done.append(agreement)
        except NotAllowed:
            pass  # another worker expired it meanwhile
    # One reminder per agreement (a partial unique index): a second worker's rows are ignored.
    AgreementEvent.objects.bulk_create(
        [
            AgreementEvent(
                agreement=agreement,
                type=EVENT_REMINDED,
                at=now,
                from_state=agreement.state,
                to_state=agreement.state,
                data={
                    "ends_on": agreement.ends_on.isoformat(),
                    "days_left": (agreement.ends_on - today).days,
                    "signing_unit": agreement.signing_unit.code,
                },
            )
            for agreement in reminded
        ],
        ignore_conflicts=True,
    )
    return reminded, done
