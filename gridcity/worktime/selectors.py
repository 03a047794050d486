"""The working calendar of a jurisdiction, read from its rows, and the warning about missing holidays.

Each process keeps one WorkCalendar per jurisdiction. Saving or deleting a WorkPeriod or a
DayOverride forgets it in this process at once (receivers connected in WorktimeConfig.ready);
other processes re-read their rows at most WORKTIME_CALENDAR_RECHECK_SECONDS (default 60)
later.
"""

import threading
import time

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .calendar import WorkCalendar

DEFAULT_RECHECK_SECONDS = 60

_calendars = {}  # jurisdiction id -> (WorkCalendar, time.monotonic() until which it is fresh)
_lock = threading.Lock()
# Tests replace the clock rather than sleep.
_monotonic = time.monotonic


def _jurisdiction_id(jurisdiction):
    return getattr(jurisdiction, "pk", jurisdiction)


def build_calendar(jurisdiction):
    """A WorkCalendar from the jurisdiction's rows, bypassing the cache (two queries)."""
    from .models import DayOverride, WorkPeriod

    jurisdiction_id = _jurisdiction_id(jurisdiction)
    periods = list(WorkPeriod.objects.filter(jurisdiction_id=jurisdiction_id).values_list("start", "end"))
    overrides = dict(
        DayOverride.objects.filter(jurisdiction_id=jurisdiction_id).values_list("date", "is_working_day")
    )
    # No rows means the default periods, not a calendar without working time.
    return WorkCalendar(periods=periods or None, overrides=overrides)


def calendar_for(jurisdiction):
    """The WorkCalendar of a jurisdiction (an instance or its id), cached in this process."""
    jurisdiction_id = _jurisdiction_id(jurisdiction)
    now = _monotonic()
    cached = _calendars.get(jurisdiction_id)
    if cached is not None and now < cached[1]:
        return cached[0]
    calendar = build_calendar(jurisdiction_id)
    recheck = getattr(settings, "WORKTIME_CALENDAR_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS)
    with _lock:
        _calendars[jurisdiction_id] = (calendar, now + recheck)
    return calendar


def forget_calendars(jurisdiction=None):
    """Drop the cached calendar of one jurisdiction, or of all when None."""
    with _lock:
        if jurisdiction is None:
            _calendars.clear()
        else:
            _calendars.pop(_jurisdiction_id(jurisdiction), None)


def calendar_changed(sender, instance, **kwargs):
    """Signal receiver: a WorkPeriod or DayOverride was saved or deleted."""
    jurisdiction_id = instance.jurisdiction_id
    # Forget now, so this connection sees its own change; forget again after commit, in case
    # another thread cached the old rows in between.
    forget_calendars(jurisdiction_id)
    transaction.on_commit(lambda: forget_calendars(jurisdiction_id))


def missing_holidays_warning(jurisdiction, today):
    """A translated warning when the State Council's holidays are unknown for this year or
    the next one (neither the package nor an override covers it), else None.

    The current year comes first: counting it with weekends only already affects deadlines.
    """
    calendar = calendar_for(jurisdiction)
    if not calendar.knows_holidays(today.year):
        return _(
            "The public holidays and swapped working days of %(year)s are not entered: deadlines in %(year)s count only weekends as days off. Enter them as day overrides from the State Council's notice."
        ) % {"year": today.year}
    if not calendar.knows_holidays(today.year + 1):
        return _(
            "The public holidays and swapped working days of %(year)s have not been entered yet: until they are, deadlines in %(year)s count only weekends as days off. Enter them as day overrides once the State Council publishes its notice."
        ) % {"year": today.year + 1}
    return None
