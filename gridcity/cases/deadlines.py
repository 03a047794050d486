"""Stage time limits and the traffic light of an open stage."""

import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gridcity.worktime.selectors import calendar_for
from gridcity.worktime.units import LimitUnit

from .models import StageLimit, State

# Defaults per stage (standards.md §6.4, "recommended defaults"), editable per jurisdiction
# as StageLimit rows: (amount, unit, amount for urgent cases).
DEFAULT_STAGE_LIMITS = {
    State.REPORTED: (Decimal(10), LimitUnit.WORKING_MINUTES, Decimal(5)),  # accept and file
    State.VERIFYING: (Decimal(30), LimitUnit.WORKING_MINUTES, Decimal(15)),
    State.FILED: (Decimal(15), LimitUnit.WORKING_MINUTES, Decimal(10)),  # dispatch
    State.DISPATCHED: (Decimal(1), LimitUnit.WORKING_HOURS, Decimal("0.5")),  # the unit signs
    State.CHECKING: (Decimal(30), LimitUnit.WORKING_MINUTES, Decimal(15)),
    State.CHECKED: (Decimal(15), LimitUnit.WORKING_MINUTES, Decimal(10)),  # close
}


@dataclass(frozen=True)
class Limit:
    amount: Decimal
    unit: str  # LimitUnit


_limits = {}  # jurisdiction id -> ({state: StageLimit row}, time.monotonic() until which fresh)


def _rows(jurisdiction_id):
    """The jurisdiction's StageLimit rows, cached in this process like the working calendar."""
    now = time.monotonic()
    cached = _limits.get(jurisdiction_id)
    if cached is None or now >= cached[1]:
        rows = {row.state: row for row in StageLimit.objects.filter(jurisdiction_id=jurisdiction_id)}
        recheck = getattr(settings, "WORKTIME_CALENDAR_RECHECK_SECONDS", 60)
        cached = _limits[jurisdiction_id] = (rows, now + recheck)
    return cached[0]


def forget_stage_limits(**kwargs):
    """Receiver for StageLimit changes (connected in CasesConfig.ready)."""
    _limits.clear()


def stage_limit(jurisdiction_id, state, urgent=False):
    """The limit of a stage other than disposal (whose limit is the filing condition's)."""
    row = _rows(jurisdiction_id).get(state)
    if row is not None:
        amount = row.urgent_amount if urgent and row.urgent_amount is not None else row.amount
        return Limit(amount, row.unit)
    amount, unit, urgent_amount = DEFAULT_STAGE_LIMITS[state]
    return Limit(urgent_amount if urgent else amount, unit)


class Light:
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    LABELS = {GREEN: _("on time"), YELLOW: _("deadline near"), RED: _("overdue")}


def traffic_light(case, now):
    """(light, share of the limit used) for the open stage, or (None, None) when no clock runs.

    Green below 80 % of the limit, yellow from 80 % to 100 %, red beyond (standards.md §6.4).
    Past the deadline the light is red and the share None: counting working time day by day
    since a start that may lie months back would say nothing more, and lists of long-overdue
    cases stay as fast as any other.
    """
    if not case.stage_started_at or case.stage_limit is None or not case.stage_limit_unit:
        return None, None
    if case.stage_due_at and now > case.stage_due_at:
        return Light.RED, None
    calendar = calendar_for(case.jurisdiction)
    used = calendar.elapsed(case.stage_started_at, now, case.stage_limit_unit)
    share = used / float(case.stage_limit) if case.stage_limit else 1.0
    if share >= 1:
        return Light.RED, share
    if share >= 0.8:
        return Light.YELLOW, share
    return Light.GREEN, share
