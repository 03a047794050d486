"""Inspections of parties against the standards of their kind, and award eligibility (R5, R11).

An inspection scores the party: the share of the checklist's items passed, out of 100; it
passes at PASS_MARK. Three failed inspections in a row within a calendar year make the party
ineligible for the civilised-unit awards of that year (细则 §六(四)); the Ineligibility row is
written with the inspection that makes the third failure, and only a system administrator
lifts it, giving a reason (EligibilityOverride).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.org.roles import Role

from .models import EligibilityOverride, Ineligibility, Inspection, InspectionResult
from .standards import checklist

PASS_MARK = Decimal("80")
FAILURES_IN_A_ROW = 3
INSPECTOR_ROLES = (Role.INSPECTOR, Role.EVALUATION_OFFICE, Role.SYSTEM_ADMIN)


def _may_inspect(person, party):
    return person.is_superuser or (
        person.jurisdiction_id == party.jurisdiction_id and any(person.has_role(r) for r in INSPECTOR_ROLES)
    )


def record_inspection(party, *, inspector, inspected_on, results, notes=None, note="", at=None):
    """Record an inspection of ``party``: ``results`` maps each checklist number to True
    (passed) or False (failed), for every item of the party's standards. Returns the Inspection;
    the party's eligibility for that year is brought up to date in the same transaction."""
    if not _may_inspect(inspector, party):
        raise PermissionDenied(_("Only an inspector or the evaluation office records inspections."))
    if inspected_on > timezone.localdate(at or timezone.now()):
        raise ValidationError(_("The inspection date lies in the future."))
    items = checklist(party.jurisdiction, party.kind)
    if not items:
        raise ValidationError(
            _("There are no standards for the kind “%(kind)s”; add them first.")
            % {"kind": party.get_kind_display()}
        )
    numbers = {item.number for item in items}
    missing = sorted(numbers - set(results))
    unknown = sorted(set(results) - numbers)
    problems = []
    if missing:
        problems.append(_("No result for item(s) %(numbers)s.") % {"numbers": ", ".join(map(str, missing))})
    if unknown:
        problems.append(
            _("Item(s) %(numbers)s are not standards of this kind of party.")
            % {"numbers": ", ".join(map(str, unknown))}
        )
    if any(not isinstance(value, bool) for value in results.values()):
        problems.append(_("Each result is passed or failed."))
    if problems:
        raise ValidationError(problems)
    notes = notes or {}
    passed_items = sum(1 for item in items if results[item.number])
    score = (Decimal(100) * passed_items / len(items)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            jurisdiction_id=party.jurisdiction_id,
            party=party,
            inspected_on=inspected_on,
            inspector=inspector,
            score=score,
            pass_mark=PASS_MARK,
            passed=score >= PASS_MARK,
            note=note,
            recorded_at=at or timezone.now(),
        )
        InspectionResult.objects.bulk_create(
            [
                InspectionResult(
                    inspection=inspection,
                    number=item.number,
                    guarantee=item.guarantee,
                    text=item.text,
                    passed=results[item.number],
                    note=notes.get(item.number, "")[:200],
                )
                for item in items
            ]
        )
        update_eligibility(party, inspected_on.year, now=at)
    return inspection


def failing_streak(party, year):
    """The first FAILURES_IN_A_ROW failed inspections in a row of ``party`` in ``year`` (ordered
    by date, then by entry), or None when there is no such run."""
    run = []
    inspections = Inspection.objects.filter(party=party, inspected_on__year=year).order_by(
        "inspected_on", "pk"
    )
    for inspection in inspections:
        if inspection.passed:
            run = []
            continue
        run.append(inspection)
        if len(run) == FAILURES_IN_A_ROW:
            return run
    return None


def update_eligibility(party, year, now=None):
    """Write the party's Ineligibility for ``year`` if it failed three inspections in a row;
    returns it (or the one already there), or None while the party is eligible."""
    existing = Ineligibility.objects.filter(party=party, year=year).first()
    if existing is not None:
        return existing
    run = failing_streak(party, year)
    if run is None:
        return None
    ineligibility = Ineligibility.objects.create(
        party=party, year=year, since=run[-1].inspected_on, computed_at=now or timezone.now()
    )
    ineligibility.inspections.set(run)
    return ineligibility


def is_eligible(party, year):
    """Whether the party may be put forward for awards in ``year``."""
    return not Ineligibility.objects.filter(party=party, year=year, override__isnull=True).exists()


def may_override(person):
    return person.is_superuser or person.has_role(Role.SYSTEM_ADMIN)


def override_ineligibility(ineligibility, *, actor, reason, at=None):
    """Lift an ineligibility: only a system administrator, with a reason; recorded who/when/why."""
    if not may_override(actor):
        raise PermissionDenied(_("Only a system administrator may lift an ineligibility."))
    if not actor.is_superuser and actor.jurisdiction_id != ineligibility.party.jurisdiction_id:
        raise PermissionDenied(_("Only a system administrator may lift an ineligibility."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason for lifting the ineligibility."))
    with transaction.atomic():
        if EligibilityOverride.objects.filter(ineligibility=ineligibility).exists():
            raise ValidationError(_("This ineligibility has been lifted already."))
        return EligibilityOverride.objects.create(
            ineligibility=ineligibility, by=actor, at=at or timezone.now(), reason=reason
        )
