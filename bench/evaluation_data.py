"""A quarter of cases and their event log, written in bulk, for bench/bench_evaluation.py.

The demo county (its zones, grids, units, people, duty matrix and class catalogue) must be loaded
first. ``generate`` then lives every case through the workflow in memory, transition by transition,
as gridcity.cases.workflow would record it, and writes the rows in big batches (PostgreSQL: COPY;
SQLite: executemany in one transaction per day): no transition function runs, because a million
cases through the real functions would take hours, but every row is one the workflow could have
written:

* the events of a case follow TRANSITIONS, with the demo county's people acting in their roles
  (the zone's collector reports, verifies and checks; the acceptor asks for verifications,
  declines and merges duplicates; the shift leader files, voids and closes; the dispatcher
  dispatches and decides the unit's requests; the county leader of the zone or the dispatcher
  urges; the handler of the unit signs, asks and reports the result; the 12345 hotline's system
  records its callbacks);
* ``Event.unit`` and ``Event.due_at`` are what ``workflow._record`` writes: the unit holding the
  case (the one it leaves for a return), and the deadline of the stage open before the event;
* deadlines come from the county's working calendar and stage limits and the filing condition's
  disposal limit (``WorkingClock`` gives exactly ``WorkCalendar.add``'s answers, faster);
* a stage whose deadline passes before it ends gets the ``case.deadline_breached`` event that the
  minutely ``manage.py tick`` would have written, within a minute of the deadline;
* the case row is left as the last event left it (state, unit, open stage, counters, version).

Cases without photos, texts for the search, notifications or attachments: evaluation reads none.
Everything is drawn from one seeded random generator, so the same size gives the same rows.
"""

import bisect
import contextlib
import json
import random
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_DAY = date(2026, 7, 1)  # the third quarter of 2026, Asia/Shanghai
LAST_DAY = date(2026, 9, 30)
SEED = 20263
# Bump when the generated rows change: a kept database holding another version is rebuilt.
DATA_VERSION = 1

# Sources as the demo county weighs them (gridcity.demo.cases.SOURCES): collectors 60 %,
# the two hotlines and the public 30 %.
SOURCES = [
    ("collector", 60),
    ("12345", 12),
    ("12319", 10),
    ("public", 8),
    ("inspection", 5),
    ("leader", 2),
    ("other_system", 3),
]
# Who enters a report from each source: the zone's collector, the command center for the
# 12319 calls, the inspections and the leaders' instructions; nobody (an API client) for the rest.
REPORTED_BY = {
    "collector": "collector",
    "12319": "acceptor",
    "inspection": "acceptor",
    "leader": "shiftleader",
}
CITIZEN_SOURCES = ("12345", "12319", "public")
PLACES = ["main_road", "street_business", "property_compound", "village_community", "construction_site"]
STREETS = ["人民路", "文化路", "振兴路", "鸡山路", "滨河路", "天桥路", "沿河路", "隆山路", "重华路", "平安街"]

# How cases go. Shares of the cases that reach the step in question.
SELF_DISPOSED = 0.03  # of the collectors' reports: solved on the spot (自行处置)
VERIFIED = {"collector": 0.02, "other": 0.25}  # the acceptor asks the zone's collector to verify
NOT_CONFIRMED = 0.15  # of the verifications: the problem is not there, the report is declined
DECLINED = 0.015  # declined without a verification
VOIDED = 0.015  # voided by the shift leader (invalid)
MERGED = 0.03  # of the citizens' reports: a problem already reported in the grid, merged into it
VOIDED_AFTER_FILING = 0.005  # filed by mistake, then voided (准确立案率)
RETURNED = 0.03  # dispatched to a unit that is not responsible, returned, dispatched again
RETURN_REFUSED = 0.01  # the unit asks to return the case, the dispatcher refuses
URGED = 0.03  # urged (督办) while in disposal
EXTENDED = 0.04  # an extension asked for and granted (only limits in working time)
EXTENSION_REFUSED = 0.01  # an extension asked for and refused
SUSPENDED = 0.01  # suspended (挂账) for good: open at the quarter's end
STALLED = 0.12  # disposal drags on for weeks: late, or still open (and overdue) at the quarter's end
DISPOSED_LATE = 0.1  # disposed after the deadline, by a fraction of the limit
CHECK_FAILED = 0.08  # the check finds the problem still there: reworked (返工)
CALLED_BACK = 0.9  # of the closed 12345 cases: the hotline's callback (回访) is recorded
# Share of the other stages' acts that come after the stage's deadline.
LATE = {
    "reported": 0.03,
    "verifying": 0.06,
    "filed": 0.03,
    "dispatched": 0.04,
    "checking": 0.05,
    "checked": 0.02,
}
TICK_SECONDS = 2  # how long after the minute manage.py tick has marked a breach
# gridcity.cases.models.OPEN_STATES: this module is imported before Django is set up.
OPEN_STATES = (
    "reported",
    "verifying",
    "filed",
    "dispatched",
    "in_disposal",
    "suspended",
    "checking",
    "checked",
)

# What the report writes, then the columns the workflow owns (Story.columns), in this order.
CASE_COLUMNS = (
    "id",
    "jurisdiction_id",
    "number",
    "source",
    "external_id",
    "minor_class_id",
    "description",
    "lon",
    "lat",
    "address",
    "grid_id",
    "zone_id",
    "place",
    "component_id",
    "reporter_id",
    "reporter_name",
    "reporter_phone",
    "reported_at",
    "condition_id",
    "state",
    "current_unit_id",
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
    "urgent",
    "supervised",
    "self_disposed",
    "return_count",
    "rework_count",
    "extension_count",
    "urge_count",
    "duplicate_of_id",
    "version",
)
EVENT_COLUMNS = (
    "case_id",
    "type",
    "at",
    "actor_id",
    "actor_role",
    "actor_unit_id",
    "from_state",
    "to_state",
    "note",
    "data",
    "unit_id",
    "due_at",
)


def epoch(moment):
    return int(moment.timestamp())


def local_midnight(day):
    return epoch(datetime.combine(day, clock_time(), tzinfo=SHANGHAI))


# -- working time ----------------------------------------------------------------------------


class WorkingClock:
    """Working-time arithmetic on whole seconds since the epoch, with WorkCalendar.add's answers.

    WorkCalendar walks day by day through its periods for every deadline; the quarter needs some
    ten million of them. Here the working periods of the days concerned are laid out once, with the
    working seconds before each, and a deadline is two binary searches. ``agrees_with`` compares
    the two on sample moments.
    """

    UNIT_SECONDS = {"working_minutes": 60, "working_hours": 3600, "natural_hours": 3600}

    def __init__(self, calendar, first_day, last_day):
        self.calendar = calendar
        self.starts, self.ends, self.before = [], [], []
        offsets = [
            (
                start.hour * 3600 + start.minute * 60 + start.second,
                end.hour * 3600 + end.minute * 60 + end.second,
            )
            for start, end in calendar.periods
        ]
        worked, day = 0, first_day
        while day <= last_day:
            if calendar.is_working_day(day):
                midnight = local_midnight(day)
                for begin, end in offsets:
                    self.starts.append(midnight + begin)
                    self.ends.append(midnight + end)
                    self.before.append(worked)
                    worked += end - begin
            day += timedelta(days=1)
        self.after = [
            before + end - start
            for before, start, end in zip(self.before, self.starts, self.ends, strict=True)
        ]
        self.day_seconds = int(calendar.day_length.total_seconds())

    def seconds(self, limit):
        """A limit (amount, unit) in seconds: working seconds, or real ones for natural hours."""
        amount, unit = limit
        length = self.day_seconds if unit == "working_days" else self.UNIT_SECONDS[unit]
        return int(amount * length)

    def worked(self, moment):
        """Working seconds from the table's first period to ``moment``."""
        i = bisect.bisect_right(self.ends, moment)
        if i == len(self.ends):
            raise ValueError("a moment beyond the working clock's table")
        return self.before[i] + max(0, moment - self.starts[i])

    def add_working(self, moment, seconds):
        if seconds <= 0:
            return moment
        target = self.worked(moment) + seconds
        j = bisect.bisect_left(self.after, target)
        return self.starts[j] + target - self.before[j]

    def deadline(self, start, limit):
        """WorkCalendar.add(start, amount, unit), in epoch seconds."""
        if limit[1] == "natural_hours":
            return start + self.seconds(limit)
        return self.add_working(start, self.seconds(limit))

    def later(self, start, seconds, natural):
        """``seconds`` of working time (or real time) after ``start``."""
        return start + int(seconds) if natural else self.add_working(start, int(seconds))

    def between(self, start, end, fraction, natural):
        """The moment when ``fraction`` of the working (or real) time from start to end has passed."""
        if natural:
            return start + int((end - start) * fraction)
        return self.add_working(start, int((self.worked(end) - self.worked(start)) * fraction))

    def remaining(self, moment, due, limit):
        """WorkCalendar.elapsed(moment, due, unit): what is left of a limit, in its unit."""
        if due <= moment:
            return 0.0
        unit_seconds = self.seconds((1, limit[1]))
        if limit[1] == "natural_hours":
            return (due - moment) / unit_seconds
        return (self.worked(due) - self.worked(moment)) / unit_seconds

    def agrees_with(self, rng, samples=300):
        """Compare deadline() with the calendar's own add() on random starts and limits."""
        first, last = self.starts[0], self.starts[-1] - 40 * 86400
        for _ in range(samples):
            start = rng.randint(first, last)
            limit = (
                Decimal(rng.choice([1, 2, 4, 10, 15, 30])),
                rng.choice(sorted(self.UNIT_SECONDS) + ["working_days"]),
            )
            expected = self.calendar.add(datetime.fromtimestamp(start, SHANGHAI), limit[0], limit[1])
            if self.deadline(start, limit) != epoch(expected):
                return False
        return True


# -- the county ------------------------------------------------------------------------------


class County:
    """What the generator needs of the demo county, read once: ids, limits, people, places."""

    def __init__(self, jurisdiction, rng):
        import shapely

        from gridcity.cases.deadlines import stage_limit
        from gridcity.catalog.models import MinorClass
        from gridcity.clients.models import ApiClient
        from gridcity.demo.cases import DEMO_CLASSES, DESCRIPTIONS
        from gridcity.grids.models import Grid
        from gridcity.org.duties import suggest_unit
        from gridcity.org.models import Unit, User
        from gridcity.worktime.selectors import calendar_for

        self.jurisdiction = jurisdiction
        users = list(User.objects.filter(jurisdiction=jurisdiction).prefetch_related("groups"))
        by_name = {user.username: user for user in users}

        def person(user, role):
            return (user.pk, role, user.unit_id)

        self.acceptor = person(by_name["acceptor"], "acceptor")
        self.shift_leader = person(by_name["shiftleader"], "shift_leader")
        self.dispatcher = person(by_name["dispatcher"], "dispatcher")
        self.system = (None, "", None)
        self.collectors = {user.zone_id: person(user, "collector") for user in users if user.zone_id}
        self.handlers = {}  # unit id -> [(id, role, unit id)], handlers first, then unit leaders
        for role in ("unit_handler", "unit_leader"):
            for user in users:
                if user.unit_id and any(group.name == role for group in user.groups.all()):
                    self.handlers.setdefault(user.unit_id, []).append(person(user, role))
        grids = list(
            Grid.objects.active().filter(jurisdiction=jurisdiction).select_related("zone").order_by("code")
        )
        if not grids:
            raise RuntimeError("the demo county has no grids: load it first (load_demo(cases=False))")
        self.leaders = {}  # zone id -> the county leader who sponsors it (leader01 … leader11)
        self.grids = []  # (grid id, zone id, [(lon, lat) inside the grid], weight)
        for grid in grids:
            leader = by_name.get(f"leader{grid.zone.code}")
            if leader:
                self.leaders[grid.zone_id] = person(leader, "county_leader")
            shape = shapely.geometry.shape(grid.boundary)
            minx, miny, maxx, maxy = shape.bounds
            points = []
            while len(points) < 200:
                x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
                if shape.contains(shapely.Point(x, y)):
                    points.append((round(x, 6), round(y, 6)))
            self.grids.append((grid.pk, grid.zone_id, points, rng.uniform(0.5, 1.5)))
        self.grid_weights = [weight for *_rest, weight in self.grids]

        units = {unit.pk: unit for unit in Unit.objects.filter(jurisdiction=jurisdiction)}
        fallback = next(unit for unit in units.values() if unit.code == "urban-management")
        self.unit_names = {pk: unit.name for pk, unit in units.items()}
        self.classes = []  # (minor id, full code, description, home place, {place: unit id}, conditions)
        self.class_weights = []
        for kind, major, minor, weight, home in DEMO_CLASSES:
            minor_class = MinorClass.objects.get(major__kind=kind, major__code=major, code=minor)
            conditions = [
                (condition.pk, (condition.time_limit, condition.limit_unit), condition.is_urgent)
                for condition in minor_class.conditions.order_by("number")
            ]
            routes = {}
            for place in {home, *PLACES}:
                suggestion = suggest_unit(jurisdiction, minor_class, place)
                unit = suggestion.unit if suggestion and suggestion.unit.pk in self.handlers else fallback
                routes[place] = unit.pk
            description = DESCRIPTIONS.get(minor_class.code, f"发现{minor_class.name}问题，请及时处理")
            self.classes.append(
                (minor_class.pk, minor_class.full_code, description, str(home), routes, conditions)
            )
            self.class_weights.append(weight)
        self.units_with_handlers = sorted(self.handlers)
        self.limits = {
            (state, urgent): (limit.amount, str(limit.unit))
            for state in LATE
            for urgent in (False, True)
            for limit in [stage_limit(jurisdiction.pk, state, urgent)]
        }
        hotline = ApiClient.objects.filter(jurisdiction=jurisdiction, source="12345").first()
        self.hotline_client = hotline.pk if hotline else None
        self.clock = WorkingClock(
            calendar_for(jurisdiction), FIRST_DAY - timedelta(days=1), LAST_DAY + timedelta(days=400)
        )


# -- one case's life -------------------------------------------------------------------------


class QuarterOver(Exception):
    """The next act would fall after the quarter's end: the case stays where it is."""


def iso(moment):
    return datetime.fromtimestamp(moment, SHANGHAI).isoformat()


class Story:
    """One case lived through the workflow in memory: its events, and its columns at the end.

    Each method is one transition of gridcity.cases.workflow with the same effect on the case's
    columns and the same event; ``_begin`` first writes the deadline breaches that tick would have
    written up to that moment and stops the story at the quarter's end.
    """

    def __init__(self, county, rng, stamp, cutoff, case_id, events):
        self.county, self.rng, self.stamp, self.cutoff, self.id = county, rng, stamp, cutoff, case_id
        self.clock = county.clock
        self.events = events  # the day's list of event rows, shared by the day's stories
        self.state = ""
        self.unit = None
        self.t = 0
        self.stage_start = self.stage_limit = self.stage_due = None
        self.breached = False
        self.disposal_start = self.disposal_due = None
        self.extension = Decimal(0)
        self.remaining = None
        self.condition = None  # (id, (amount, unit), urgent)
        self.urgent = self.supervised = self.self_disposed = False
        self.returns = self.reworks = self.extensions = self.urges = 0
        self.version = -1  # the report makes it 0
        self.closed_at = None
        self.duplicate_of = None
        self.pending, self.pending_data = "", "{}"

    # the machinery

    def _begin(self, at):
        """The moment of the next transition (never before the last one), after the breaches up to it."""
        at = max(at, self.t + 1)
        if at >= self.cutoff:
            raise QuarterOver
        self._tick(at)
        return at

    def _tick(self, now):
        """manage.py tick runs every minute: a stage past its deadline is marked once, with an event.

        It marks the breach at the first run after the deadline (cron starts it on the minute; it
        takes a moment), so the same stage always gets the same moment, however often this asks.
        """
        if self.stage_due is None or self.breached:
            return
        marked = (self.stage_due // 60 + 1) * 60 + TICK_SECONDS
        if marked < now:
            self.breached = True
            data = json.dumps({"stage": self.state, "due_at": iso(self.stage_due), "unit": self.unit})
            stamp = self.stamp(self.stage_due)
            self.events.append(
                (
                    self.id,
                    "case.deadline_breached",
                    self.stamp(marked),
                    None,
                    "",
                    None,
                    self.state,
                    self.state,
                    "",
                    data,
                    self.unit,
                    stamp,
                )
            )

    def _record(self, event, at, actor, from_state, due_before, unit_before, note="", data="{}"):
        self.version += 1
        self.t = at
        self.events.append(
            (
                self.id,
                event,
                self.stamp(at),
                actor[0],
                actor[1],
                actor[2],
                from_state,
                self.state,
                note,
                data,
                self.unit or unit_before,
                None if due_before is None else self.stamp(due_before),
            )
        )

    def _start_stage(self, state, at):
        limit = self.county.limits[(state, self.urgent)]
        self.stage_start, self.stage_limit = at, limit
        self.stage_due = self.clock.deadline(at, limit)
        self.breached = at > self.stage_due

    def _stop_clock(self):
        self.stage_start = self.stage_limit = self.stage_due = None
        self.breached = False

    def _start_disposal_clock(self, at):
        self.disposal_start = at
        self.disposal_due = self.clock.deadline(at, self.condition[1])
        self.extension = Decimal(0)

    def _start_disposal_stage(self, at):
        amount, unit = self.condition[1]
        self.stage_start, self.stage_limit = self.disposal_start, (amount + self.extension, unit)
        self.stage_due = self.disposal_due
        self.breached = at > self.disposal_due

    def _transition(self, event, at, actor, target, note="", data="{}", change=None):
        """The shared steps: breaches up to ``at``, the change of columns, the state, the event."""
        at = self._begin(at)
        from_state, due_before, unit_before = self.state, self.stage_due, self.unit
        if change is not None:
            change(at)
        if target:
            self.state = target
        self._record(event, at, actor, from_state, due_before, unit_before, note, data)

    @property
    def natural(self):
        return self.condition is not None and self.condition[1][1] == "natural_hours"

    def act(self, late_share, natural=False):
        """When the act that ends the open stage happens: within its deadline, or after it."""
        rng, clock, due = self.rng, self.clock, self.stage_due
        if rng.random() < late_share or self.t >= due:
            at = clock.later(
                max(due, self.t), rng.uniform(0.1, 1.5) * clock.seconds(self.stage_limit), natural
            )
        else:
            at = clock.between(self.t, due, rng.uniform(0.05, 0.95), natural)
        return max(at, self.t + 1)

    def soon(self, low_minutes, high_minutes):
        """A little working time after the last event (a request and its decision)."""
        return self.clock.later(self.t, self.rng.uniform(low_minutes, high_minutes) * 60, self.natural)

    # the transitions (gridcity.cases.workflow)

    def report(self, at, actor, details):
        self.state = "reported"
        self.t = at
        self.version = -1
        self._start_stage("reported", at)
        self._record("case.reported", at, actor, "", None, None, data=details)

    def request_verification(self, at):
        self._transition(
            "case.verification_requested",
            at,
            self.county.acceptor,
            "verifying",
            change=lambda at: self._start_stage("verifying", at),
        )

    def verify(self, at, collector, confirmed):
        self._transition(
            "case.verified",
            at,
            collector,
            "reported",
            data=json.dumps({"confirmed": confirmed}),
            change=lambda at: self._start_stage("reported", at),
        )

    def decline(self, at, reason):
        self._transition(
            "case.declined",
            at,
            self.county.acceptor,
            "declined",
            note=reason,
            change=lambda at: self._stop_clock(),
        )

    def void(self, at, reason):
        self._transition(
            "case.voided",
            at,
            self.county.shift_leader,
            "voided",
            note=reason,
            change=lambda at: self._stop_clock(),
        )

    def merge(self, at, original):
        def change(at):
            self.duplicate_of = original[0]
            self._stop_clock()

        data = json.dumps({"duplicate_of": original[1]})
        self._transition(
            "case.merged",
            at,
            self.county.acceptor,
            "voided",
            note="同一问题重复上报",
            data=data,
            change=change,
        )

    def file(self, at, condition, full_code):
        def change(at):
            self.condition = condition
            self.urgent = self.urgent or condition[2]
            self._start_stage("filed", at)

        self._transition(
            "case.filed",
            at,
            self.county.shift_leader,
            "filed",
            data=json.dumps({"condition": condition[0], "class": full_code}),
            change=change,
        )

    def dispatch(self, at, unit):
        def change(at):
            self.unit = unit
            self._start_disposal_clock(at)
            self._start_stage("dispatched", at)

        at = self._begin(at)
        from_state, due_before, unit_before = self.state, self.stage_due, self.unit
        change(at)
        self.state = "dispatched"
        data = json.dumps(
            {
                "unit": unit,
                "unit_name": self.county.unit_names[unit],
                "disposal_due_at": iso(self.disposal_due),
            },
            ensure_ascii=False,
        )
        self._record(
            "case.dispatched", at, self.county.dispatcher, from_state, due_before, unit_before, data=data
        )

    def sign(self, at, handler):
        self._transition("case.signed", at, handler, "in_disposal", change=self._start_disposal_stage)

    def _ask(self, request, details):
        """A request to the dispatcher, pending until decided (Case.pending_request)."""

        def change(at):
            self.pending, self.pending_data = request, json.dumps(details(at), ensure_ascii=False)

        return change

    def _decided(self):
        self.pending, self.pending_data = "", "{}"

    def request_return(self, at, handler, reason):
        details = self._ask("return", lambda at: {"reason": reason, "by": handler[0], "at": iso(at)})
        self._transition("case.return_requested", at, handler, None, note=reason, change=details)

    def approve_return(self, at, reason):
        def change(at):
            self.unit = None
            self.returns += 1
            self.disposal_start = self.disposal_due = None
            self.extension = Decimal(0)
            self._decided()
            self._start_stage("filed", at)

        data = json.dumps({"unit": self.unit, "reason": reason}, ensure_ascii=False)
        self._transition("case.returned", at, self.county.dispatcher, "filed", data=data, change=change)

    def refuse_return(self, at, reason):
        self._transition(
            "case.return_refused",
            at,
            self.county.dispatcher,
            None,
            note=reason,
            change=lambda at: self._decided(),
        )

    def refuse_extension(self, at, reason):
        self._transition(
            "case.extension_refused",
            at,
            self.county.dispatcher,
            None,
            note=reason,
            change=lambda at: self._decided(),
        )

    def request_extension(self, at, handler, amount):
        reason = "需协调相关部门"
        data = json.dumps({"amount": str(amount), "unit": self.condition[1][1]})
        details = self._ask(
            "extension", lambda at: {"amount": str(amount), "reason": reason, "by": handler[0]}
        )
        self._transition(
            "case.extension_requested", at, handler, None, note=reason, data=data, change=details
        )

    def approve_extension(self, at, amount):
        def change(at):
            self.disposal_due = self.clock.deadline(self.disposal_due, (amount, self.condition[1][1]))
            self.extensions += 1
            self.extension += amount
            self._decided()
            self._start_disposal_stage(at)

        at = self._begin(at)
        from_state, due_before, unit_before = self.state, self.stage_due, self.unit
        change(at)
        data = json.dumps({"amount": str(amount), "disposal_due_at": iso(self.disposal_due)})
        self._record(
            "case.extended", at, self.county.dispatcher, from_state, due_before, unit_before, data=data
        )

    def urge(self, at, actor):
        def change(at):
            self.supervised = True
            self.urges += 1

        self._transition("case.urged", at, actor, None, note="请尽快处理", change=change)

    def request_suspension(self, at, handler):
        reason = "需列入年度改造计划"
        details = self._ask("suspension", lambda at: {"reason": reason, "resume_at": None, "by": handler[0]})
        self._transition("case.suspension_requested", at, handler, None, note=reason, change=details)

    def approve_suspension(self, at):
        at = self._begin(at)
        from_state, due_before, unit_before = self.state, self.stage_due, self.unit
        self.remaining = self.clock.remaining(at, self.disposal_due, self.condition[1])
        self._decided()
        self._stop_clock()
        self.state = "suspended"
        data = json.dumps({"remaining": self.remaining, "resume_at": None})
        self._record(
            "case.suspended", at, self.county.dispatcher, from_state, due_before, unit_before, data=data
        )

    def feedback(self, at, handler, note):
        at = self._begin(at)
        from_state, due_before, unit_before = self.state, self.stage_due, self.unit
        data = json.dumps(
            {"unit": self.unit, "on_time": at <= self.disposal_due, "disposal_due_at": iso(self.disposal_due)}
        )
        self._start_stage("checking", at)
        self.state = "checking"
        self._record("case.disposed", at, handler, from_state, due_before, unit_before, note=note, data=data)

    def pass_check(self, at, collector):
        self._transition(
            "case.check_passed", at, collector, "checked", change=lambda at: self._start_stage("checked", at)
        )

    def fail_check(self, at, collector):
        def change(at):
            self.reworks += 1
            self._start_disposal_clock(at)
            self._start_disposal_stage(at)

        at = self._begin(at)
        from_state, due_before, unit_before = self.state, self.stage_due, self.unit
        change(at)
        self.state = "in_disposal"
        data = json.dumps({"unit": self.unit, "disposal_due_at": iso(self.disposal_due)})
        self._record(
            "case.check_failed",
            at,
            collector,
            from_state,
            due_before,
            unit_before,
            note="现场仍有问题",
            data=data,
        )

    def self_dispose(self, at, collector):
        def change(at):
            self.self_disposed = True
            self._start_stage("checked", at)

        self._transition("case.self_disposed", at, collector, "checked", note="已现场处理", change=change)

    def close(self, at):
        def change(at):
            self.closed_at = at
            self._stop_clock()

        self._transition("case.closed", at, self.county.shift_leader, "closed", change=change)

    def record_callback(self, at, callback_id):
        rng = self.rng
        satisfaction = rng.choices((3, 2, 1, 0), weights=(40, 45, 10, 5))[0]
        result = 0 if satisfaction >= 2 else rng.choice((0, 1, 2))
        data = json.dumps(
            {
                "result": result,
                "satisfaction": satisfaction,
                "client": self.county.hotline_client,
                "channel": "hotline",
                "callback_id": callback_id,
                "called_at": iso(at),
            }
        )
        self._transition("case.callback_recorded", at, self.county.system, None, data=data)

    def columns(self):
        """The case's workflow columns as the last event left them (CASE_COLUMNS from condition_id)."""
        stamp = self.stamp
        clock = self.state in OPEN_STATES and self.stage_due is not None
        return (
            self.condition[0] if self.condition else None,
            self.state,
            self.unit,
            stamp(self.closed_at) if self.closed_at else None,
            stamp(self.stage_start) if clock else None,
            str(self.stage_limit[0]) if clock else None,
            self.stage_limit[1] if clock else "",
            stamp(self.stage_due) if clock else None,
            self.breached if clock else False,
            stamp(self.disposal_start) if self.disposal_start else None,
            stamp(self.disposal_due) if self.disposal_due else None,
            str(self.extension),
            self.remaining,
            None,  # resume_at: a suspension here has no date to resume
            self.pending,
            self.pending_data,
            self.urgent,
            self.supervised,
            self.self_disposed,
            self.returns,
            self.reworks,
            self.extensions,
            self.urges,
            self.duplicate_of,
            self.version,
        )

    def end_of_quarter(self):
        """The last tick of the quarter: an open stage already past its deadline is marked."""
        if self.state in OPEN_STATES:
            self._tick(self.cutoff)


# -- the quarter -----------------------------------------------------------------------------


def days_of_quarter(count, calendar):
    """(day, number of cases reported that day): fewer on days off, ``count`` in all."""
    days = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        days.append((day, 1.0 if calendar.is_working_day(day) else 0.75))
        day += timedelta(days=1)
    total = sum(weight for _day, weight in days)
    shares = [count * weight / total for _day, weight in days]
    counts = [int(share) for share in shares]
    # Largest remainders get the cases the rounding left over.
    for i in sorted(range(len(days)), key=lambda i: counts[i] - shares[i])[: count - sum(counts)]:
        counts[i] += 1
    return [(day, n) for (day, _w), n in zip(days, counts, strict=True)]


def report_second(rng, source):
    """Seconds after local midnight: collectors on their rounds, citizens from morning to night."""
    if source == "collector":
        if rng.random() < 0.85:
            begin, end = rng.choice(
                ((8 * 3600 + 30 * 60, 12 * 3600), (13 * 3600 + 30 * 60, 17 * 3600 + 30 * 60))
            )
            return rng.randint(begin, end - 1)
        return rng.randint(7 * 3600, 19 * 3600)
    return int(rng.triangular(6.5, 22.5, 10) * 3600)


def live(story, rng, county, grid, source, cls, condition, unit, earlier):
    """Take ``story`` (reported) through the rest of its life, until it ends or the quarter does."""
    _grid_id, zone_id, _points, _weight = grid
    collector = county.collectors[zone_id]
    handlers = county.handlers
    act = story.act
    if source == "collector" and rng.random() < SELF_DISPOSED:
        story.self_dispose(act(LATE["reported"]), collector)
        story.close(story.act(LATE["checked"]))
        return
    if rng.random() < VERIFIED["collector" if source == "collector" else "other"]:
        story.request_verification(act(LATE["reported"]))
        confirmed = rng.random() >= NOT_CONFIRMED
        story.verify(act(LATE["verifying"]), collector, confirmed)
        if not confirmed:
            story.decline(act(LATE["reported"]), "经核实，问题不存在")
            return
    if earlier and source in CITIZEN_SOURCES and rng.random() < MERGED:
        story.merge(act(LATE["reported"]), earlier)
        return
    chance = rng.random()
    if chance < DECLINED:
        story.decline(act(LATE["reported"]), "不属于城市管理范围")
        return
    if chance < DECLINED + VOIDED:
        story.void(act(LATE["reported"]), rng.choice(("重复上报", "无效信息")))
        return
    story.file(act(LATE["reported"]), condition, cls[1])
    if rng.random() < VOIDED_AFTER_FILING:
        story.void(act(LATE["filed"]), "立案有误")
        return
    natural = story.natural  # an emergency: the unit answers around the clock
    if rng.random() < RETURNED:
        wrong = rng.choice([other for other in county.units_with_handlers if other != unit])
        story.dispatch(act(LATE["filed"]), wrong)
        story.request_return(act(LATE["dispatched"], natural), handlers[wrong][0], "不属于本单位职责")
        story.approve_return(story.soon(5, 40), "不属于本单位职责")
    story.dispatch(act(LATE["filed"]), unit)
    staff = handlers[unit]
    handler = staff[0] if len(staff) == 1 or rng.random() < 0.8 else rng.choice(staff[1:])
    story.sign(act(LATE["dispatched"], natural), handler)

    def meanwhile(low, high):
        """A moment in the disposal stage, before its deadline if it has not passed."""
        end = max(story.stage_due, story.t + 600)
        return max(story.clock.between(story.t, end, rng.uniform(low, high), natural), story.t + 60)

    if rng.random() < RETURN_REFUSED:
        story.request_return(meanwhile(0.05, 0.3), handler, "建议由其他单位处理")
        story.refuse_return(story.soon(5, 40), "属于本单位职责范围")
    if rng.random() < URGED:
        leader = county.leaders.get(zone_id) if rng.random() < 0.5 else None
        story.urge(meanwhile(0.2, 0.8), leader or county.dispatcher)
    if not natural and story.t < story.stage_due:
        chance = rng.random()
        if chance < EXTENDED + EXTENSION_REFUSED:
            amount = Decimal(1) if story.condition[1][1] == "working_days" else Decimal(2)
            story.request_extension(meanwhile(0.3, 0.8), handler, amount)
            if chance < EXTENDED:
                story.approve_extension(story.soon(5, 60), amount)
            else:
                story.refuse_extension(story.soon(5, 60), "时限内可以完成")
    chance = rng.random()
    if chance < SUSPENDED and not natural:
        story.request_suspension(
            story.clock.between(story.t, max(story.stage_due, story.t + 600), rng.uniform(0.3, 0.9), False),
            handler,
        )
        story.approve_suspension(story.soon(10, 120))
        return
    if chance < SUSPENDED + STALLED:
        # Weeks past the deadline, urged once or more meanwhile: most of these are still open,
        # and overdue, when the quarter ends.
        overdue = max(story.stage_due, story.t)
        at = story.clock.later(overdue, rng.uniform(10, 90) * story.clock.day_seconds, False)
        for fraction in sorted(rng.uniform(0.02, 0.9) for _ in range(rng.randint(1, 3))):
            urged = story.clock.between(overdue, at, fraction, False)
            story.urge(max(urged, story.t + 60), county.leaders.get(zone_id) or county.dispatcher)
    elif chance < SUSPENDED + STALLED + DISPOSED_LATE:
        at = story.act(1.0, natural)
        if rng.random() < 0.4:  # the dispatcher urges the overdue case
            overdue = max(story.stage_due, story.t)
            story.urge(story.clock.between(overdue, at, rng.uniform(0.1, 0.9), natural), county.dispatcher)
    else:
        at = story.act(0.0, natural)
    story.feedback(at, handler, "已处置完毕")
    if rng.random() < CHECK_FAILED:
        story.fail_check(story.act(LATE["checking"]), collector)
        story.feedback(story.act(0.1, natural), handler, "已重新处置")
    story.pass_check(story.act(LATE["checking"]), collector)
    story.close(story.act(LATE["checked"]))
    if source == "12345" and rng.random() < CALLED_BACK:
        story.record_callback(story.t + rng.randint(2 * 3600, 48 * 3600), f"HF{story.id:09d}")


def generate(jurisdiction, count, writer, log=lambda message: None, seed=SEED):
    """Write ``count`` cases reported in the quarter and their events; returns (cases, events).

    ``writer`` takes each day's case rows and event rows (``write``) and turns epoch seconds into
    what its database stores (``stamp``).
    """
    from gridcity.cases.models import Case

    rng = random.Random(seed)
    county = County(jurisdiction, rng)
    if not county.clock.agrees_with(random.Random(seed)):
        raise RuntimeError("WorkingClock disagrees with the county's WorkCalendar: fix it before generating")
    stamp = writer.stamp
    cutoff = local_midnight(LAST_DAY + timedelta(days=1))
    next_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    source_names = [name for name, _w in SOURCES]
    source_weights = [weight for _name, weight in SOURCES]
    events_written = cases_written = 0
    earlier = {}  # (grid, class) -> (id, number) of the last case reported there: merges point to it
    started = time.perf_counter()
    for day, day_count in days_of_quarter(count, county.clock.calendar):
        midnight = local_midnight(day)
        sources = rng.choices(source_names, source_weights, k=day_count)
        reports = sorted((midnight + report_second(rng, source), source) for source in sources)
        case_rows, events = [], []
        for serial, (reported_at, source) in enumerate(reports, 1):
            case_id = next_id
            next_id += 1
            grid = rng.choices(county.grids, county.grid_weights)[0]
            cls = rng.choices(county.classes, county.class_weights)[0]
            minor_id, _code, description, home, routes, conditions = cls
            place = home if rng.random() < 0.75 else rng.choice(PLACES)
            condition = (
                conditions[0]
                if len(conditions) == 1
                else rng.choices(conditions, [1 if c[2] else 4 for c in conditions])[0]
            )
            unit = routes[place]
            lon, lat = rng.choice(grid[2])
            number = f"{jurisdiction.code}{day:%Y%m%d}{serial:05d}"
            external_id = f"JN12345{day:%Y%m%d}{serial:05d}" if source == "12345" else ""
            reporter = {
                "collector": county.collectors[grid[1]],
                "acceptor": county.acceptor,
                "shiftleader": county.shift_leader,
            }.get(REPORTED_BY.get(source), county.system)
            details = "{}"
            if source == "12345":
                details = json.dumps(
                    {
                        "client": county.hotline_client,
                        "order_number": external_id,
                        "handling_mode": "transfer",
                    }
                )
            story = Story(county, rng, stamp, cutoff, case_id, events)
            story.report(reported_at, reporter, details)
            with contextlib.suppress(QuarterOver):
                live(story, rng, county, grid, source, cls, condition, unit, earlier.get((grid[0], minor_id)))
            earlier[grid[0], minor_id] = (case_id, number)
            story.end_of_quarter()
            citizen = source in CITIZEN_SOURCES
            address = f"{rng.choice(STREETS)}{rng.randint(1, 300)}号"
            phone = f"13{rng.randrange(10**9):09d}" if citizen else ""
            case_rows.append(
                (
                    case_id,
                    jurisdiction.pk,
                    number,
                    source,
                    external_id,
                    minor_id,
                    description,
                    lon,
                    lat,
                    address,
                    grid[0],
                    grid[1],
                    place,
                    None,
                    reporter[0],
                    "市民" if citizen else "",
                    phone,
                    stamp(reported_at),
                    *story.columns(),
                )
            )
        writer.write(day, case_rows, events)
        cases_written += len(case_rows)
        events_written += len(events)
        if cases_written * 10 // count > (cases_written - len(case_rows)) * 10 // count:  # every tenth
            log(
                f"up to {day}: {cases_written:,} cases, {events_written:,} events written"
                f" ({time.perf_counter() - started:.0f} s)"
            )
    return cases_written, events_written


# -- writing ---------------------------------------------------------------------------------


def counter_row(jurisdiction_id, day, last):
    return (jurisdiction_id, day.isoformat(), last)


class PostgresWriter:
    """COPY into the tables, the fastest way into PostgreSQL; one transaction per day."""

    def __init__(self, connection, jurisdiction_id):
        self.connection, self.jurisdiction_id = connection, jurisdiction_id

    @staticmethod
    def stamp(moment):
        return datetime.fromtimestamp(moment, UTC)

    def write(self, day, case_rows, event_rows):
        from django.db import transaction

        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            with cursor.copy(f"COPY cases_case ({', '.join(CASE_COLUMNS)}) FROM STDIN") as copy:
                for row in case_rows:
                    copy.write_row(row)
            with cursor.copy(f"COPY cases_event ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy:
                for row in event_rows:
                    copy.write_row(row)
            cursor.execute(
                "INSERT INTO cases_casecounter (jurisdiction_id, day, last) VALUES (%s, %s, %s)",
                counter_row(self.jurisdiction_id, day, len(case_rows)),
            )

    def finish(self):
        with self.connection.cursor() as cursor:
            # The ids were given here: the next case the workflow makes must not collide.
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('cases_case', 'id'), (SELECT max(id) FROM cases_case))"
            )
            # What autovacuum does to tables this size after a bulk load: VACUUM sets the visibility
            # map (index-only scans), ANALYZE the planner's statistics. The small tables (people,
            # units, grids) keep none, as in production: a few dozen rows never reach autovacuum's
            # threshold of 50 changed rows. VACUUM cannot run inside a transaction (a test's).
            vacuum = "ANALYZE" if self.connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} cases_case")
            cursor.execute(f"{vacuum} cases_event")


class SqliteWriter:
    """executemany on the sqlite3 connection itself (no SQL rewritten per row), one transaction
    per day, without waiting for the disk (synchronous=OFF) unless inside a transaction already."""

    def __init__(self, connection, jurisdiction_id):
        self.connection, self.jurisdiction_id = connection, jurisdiction_id
        connection.ensure_connection()
        self.raw = connection.connection
        self.quick = not connection.in_atomic_block  # the pragma cannot change inside a transaction
        if self.quick:
            self.raw.execute("PRAGMA synchronous=OFF")
        marks = ", ".join("?" * len(CASE_COLUMNS))
        self.case_sql = f"INSERT INTO cases_case ({', '.join(CASE_COLUMNS)}) VALUES ({marks})"
        marks = ", ".join("?" * len(EVENT_COLUMNS))
        self.event_sql = f"INSERT INTO cases_event ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})"

    @staticmethod
    def stamp(moment):
        # Django keeps an aware datetime in SQLite as UTC text without the offset.
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment))

    def write(self, day, case_rows, event_rows):
        from django.db import transaction

        with transaction.atomic(using=self.connection.alias):
            self.raw.executemany(self.case_sql, case_rows)
            self.raw.executemany(self.event_sql, event_rows)
            self.raw.execute(
                "INSERT INTO cases_casecounter (jurisdiction_id, day, last) VALUES (?, ?, ?)",
                counter_row(self.jurisdiction_id, day, len(case_rows)),
            )

    def finish(self):
        # No ANALYZE: nothing runs it on a county's SQLite file, so its queries plan without statistics.
        if self.quick:
            self.raw.execute("PRAGMA synchronous=NORMAL")


def writer_for(connection, jurisdiction_id):
    if connection.vendor == "postgresql":
        return PostgresWriter(connection, jurisdiction_id)
    return SqliteWriter(connection, jurisdiction_id)


# -- checking what was written ---------------------------------------------------------------


def quarter_bounds():
    """The quarter as aware datetimes: [start, end)."""
    start = datetime.combine(FIRST_DAY, clock_time(), tzinfo=SHANGHAI)
    return start, datetime.combine(LAST_DAY + timedelta(days=1), clock_time(), tzinfo=SHANGHAI)


# Each query counts the cases (or events) that break a rule the workflow keeps; all must be 0.
CHECKS = {
    "cases without events": """
        SELECT count(*) FROM cases_case c
        WHERE NOT EXISTS (SELECT 1 FROM cases_event e WHERE e.case_id = c.id)""",
    "cases whose first event is not their report at reported_at": """
        SELECT count(*) FROM cases_case c JOIN cases_event e ON e.id = (
            SELECT min(f.id) FROM cases_event f WHERE f.case_id = c.id)
        WHERE e.type <> 'case.reported' OR e.at <> c.reported_at OR e.from_state <> ''""",
    "events earlier than the event before them": """
        SELECT count(*) FROM (
            SELECT at, lag(at) OVER (PARTITION BY case_id ORDER BY id) AS previous FROM cases_event) x
        WHERE at < previous""",
    "events whose from_state is not the state the event before left": """
        SELECT count(*) FROM (
            SELECT from_state, lag(to_state) OVER (PARTITION BY case_id ORDER BY id) AS previous
            FROM cases_event) x
        WHERE previous IS NOT NULL AND from_state <> previous""",
    "cases whose state is not their last event's": """
        SELECT count(*) FROM cases_case c JOIN cases_event e ON e.id = (
            SELECT max(f.id) FROM cases_event f WHERE f.case_id = c.id)
        WHERE e.to_state <> c.state""",
    "cases whose unit is not their last event's": """
        SELECT count(*) FROM cases_case c JOIN cases_event e ON e.id = (
            SELECT max(f.id) FROM cases_event f WHERE f.case_id = c.id)
        WHERE c.current_unit_id IS NOT NULL AND (e.unit_id IS NULL OR e.unit_id <> c.current_unit_id)""",
    "cases whose version is not their number of transitions": """
        SELECT count(*) FROM cases_case c
        WHERE c.version + 1 <> (SELECT count(*) FROM cases_event e
                                WHERE e.case_id = c.id AND e.type <> 'case.deadline_breached')""",
    "cases in a grid of another zone": """
        SELECT count(*) FROM cases_case c JOIN grids_grid g ON g.id = c.grid_id WHERE g.zone_id <> c.zone_id""",
    "closed cases without closed_at, or others with one": """
        SELECT count(*) FROM cases_case
        WHERE (state = 'closed' AND closed_at IS NULL) OR (state <> 'closed' AND closed_at IS NOT NULL)""",
    "cases with a unit before dispatch, or none after": """
        SELECT count(*) FROM cases_case
        WHERE (state IN ('reported', 'verifying', 'filed', 'declined', 'voided') AND current_unit_id IS NOT NULL)
           OR (state IN ('dispatched', 'in_disposal', 'suspended', 'checking') AND current_unit_id IS NULL)""",
    "requests pending on a case no unit holds": """
        SELECT count(*) FROM cases_case
        WHERE pending_request <> '' AND state NOT IN ('dispatched', 'in_disposal')""",
    "open stages past their deadline not marked overdue": """
        SELECT count(*) FROM cases_case
        WHERE stage_due_at < %(last_tick)s AND NOT stage_breached""",
    "stages marked overdue without their breach event": """
        SELECT count(*) FROM cases_case c
        WHERE c.stage_breached AND c.state <> 'in_disposal' AND NOT EXISTS (
            SELECT 1 FROM cases_event e
            WHERE e.case_id = c.id AND e.type = 'case.deadline_breached' AND e.due_at = c.stage_due_at)""",
    "events outside the quarter": """
        SELECT count(*) FROM cases_event WHERE at < %(start)s OR at >= %(end)s""",
    "stage-ending events without the deadline they ended": """
        SELECT count(*) FROM cases_event
        WHERE due_at IS NULL AND type IN ('case.filed', 'case.dispatched', 'case.signed', 'case.disposed',
            'case.check_passed', 'case.check_failed', 'case.closed', 'case.verified', 'case.deadline_breached')""",
    "unit events without their unit": """
        SELECT count(*) FROM cases_event e JOIN cases_case c ON c.id = e.case_id
        WHERE e.unit_id IS NULL AND e.type IN ('case.dispatched', 'case.signed', 'case.disposed',
            'case.returned', 'case.check_passed', 'case.check_failed', 'case.closed')
          AND NOT c.self_disposed""",
}


def check(connection):
    """{rule: number of rows breaking it} for every rule broken; empty when the data is sound."""
    start, end = quarter_bounds()
    adapt = connection.ops.adapt_datetimefield_value  # raw SQL: the moments as the columns hold them
    parameters = {"start": adapt(start), "end": adapt(end), "last_tick": adapt(end - timedelta(seconds=60))}
    broken = {}
    with connection.cursor() as cursor:
        for rule, sql in CHECKS.items():
            cursor.execute(sql, parameters if "%(" in sql else None)
            (count,) = cursor.fetchone()
            if count:
                broken[rule] = count
    return broken


def describe(connection):
    """The shape of the data, for the log: shares of states, sources, event types, timeliness."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_case")
        (cases,) = cursor.fetchone()
        cursor.execute(
            "SELECT type, count(*), sum(CASE WHEN at <= due_at THEN 1 ELSE 0 END) FROM cases_event GROUP BY type"
        )
        types = {kind: (count, on_time) for kind, count, on_time in cursor.fetchall()}
        cursor.execute("SELECT state, count(*) FROM cases_case GROUP BY state")
        states = dict(cursor.fetchall())
        cursor.execute("SELECT source, count(*) FROM cases_case GROUP BY source")
        sources = dict(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM cases_case WHERE stage_breached")
        (overdue,) = cursor.fetchone()
        cursor.execute("SELECT count(DISTINCT current_unit_id), count(DISTINCT grid_id) FROM cases_case")
        units, grids = cursor.fetchone()
    events = sum(count for count, _on_time in types.values())
    open_cases = sum(states.get(state, 0) for state in OPEN_STATES)

    def share(part, whole):
        return f"{100 * part / whole:.1f} %" if whole else "–"

    disposed, disposed_on_time = types.get("case.disposed", (0, 0))
    lines = [
        f"{cases:,} cases, {events:,} events ({events / max(cases, 1):.2f} per case), "
        f"{open_cases:,} open at the quarter's end ({share(open_cases, cases)}), {overdue:,} of them overdue; "
        f"{units} units, {grids} grids",
        "states: " + ", ".join(f"{state} {share(count, cases)}" for state, count in sorted(states.items())),
        "sources: "
        + ", ".join(f"{source} {share(count, cases)}" for source, count in sorted(sources.items())),
        f"disposals on time: {share(disposed_on_time, disposed)} of {disposed:,}",
        "events: " + ", ".join(f"{kind[5:]} {count:,}" for kind, (count, _on) in sorted(types.items())),
    ]
    return lines
