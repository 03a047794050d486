"""The indicators of standards.md §7, computed from the case event log for any period and object.

Rules every figure follows (docs/evaluation.md explains them to users):

* A period counts the events recorded in it, [start, end). Events after the end are never read,
  so the figures of a period that has ended come out the same however often they are computed.
* Each figure counts cases: a case is counted once in a figure, so the list of cases behind a
  figure (``cases_behind``) has exactly as many lines as the figure says.
* A unit counts what happened to its cases in the period: a case is due (应处置) in the period
  when the unit reported it solved then, or let its deadline pass then without doing so. A
  region counts the cases reported in it in the period; a post counts what its holders did.
* "On time" is the event's time against the deadline of the stage it ended (Event.due_at);
  a deadline passed without the step is the ``case.deadline_breached`` event tick records.
* An approved overtime appeal (OvertimeAppeal) takes the case out of the unit's and the region's
  overtime counts; the breach stays in the case's events.

Each kind of object reads one or more *sources*: one SQL statement giving one row of facts per
(group, case), where the group is the object itself or a grid that belongs to it. Counts are sums
of 0/1 SQL expressions over those facts, rates are ratios of counts, in [0, 1] by construction.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gridcity.cases.models import Case, Event, Source
from gridcity.grids.models import Grid, Zone
from gridcity.org.models import Unit, User
from gridcity.org.roles import Role

from .models import AppealState, ObjectKind, OvertimeAppeal

EVENT = Event._meta.db_table
CASE = Case._meta.db_table
UNIT = Unit._meta.db_table
APPEAL = OvertimeAppeal._meta.db_table

PUBLIC_SOURCES = (Source.PUBLIC, Source.HOTLINE_12319, Source.HOTLINE_12345)


def _flag(condition):
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _quoted(values):
    return ", ".join(f"'{value}'" for value in values)


LATE = "(e.due_at IS NOT NULL AND e.at > e.due_at)"
APPROVED_APPEALS = (
    f"SELECT DISTINCT case_id, unit_id FROM {APPEAL} "
    f"WHERE state = '{AppealState.APPROVED}' AND decided_at < %(end)s"
)

# Reading the period's events once. A quarter of a big county is millions of events; every
# figure is drawn from two smaller relations computed from them:
#
# * CASE_UNIT_FACTS: one row per case and unit (unit_id NULL for the events of no unit: the
#   report, filing, verification…) with the FLAGS its events set and who took the steps of a post;
# * CASE_FACTS: one row per case, those rows taken together, with the case's grid, reporter and
#   source, and who sent it to verification, decided on it, filed and closed it.
#
# compute() writes both as temporary tables and runs each source's statement over them;
# cases_behind() puts them in a WITH clause of its one statement.
#
# Each event sets one bit, the first of FLAGS whose condition it meets, and a group's flags are
# the OR of its events' bits: one expression and one aggregate per row, where a column per fact
# took twice as long (7 s → 3.5 s for 5 million events on PostgreSQL).
CASE_UNIT_FACTS = "eval_case_unit_facts"
CASE_FACTS = "eval_case_facts"
_DECISIONS = ("case.filed", "case.declined", "case.voided", "case.merged")
_READ_TYPES = (
    "case.reported",
    "case.verification_requested",
    *_DECISIONS,
    "case.verified",
    "case.dispatched",
    "case.returned",
    "case.disposed",
    "case.check_passed",
    "case.check_failed",
    "case.self_disposed",
    "case.closed",
    "case.deadline_breached",
)


def _is(*types):
    return f"e.type IN ({_quoted(types)})" if len(types) > 1 else f"e.type = '{types[0]}'"


def _breach(*stages):
    return f"e.type = 'case.deadline_breached' AND e.from_state IN ({_quoted(stages)})"


FLAGS = {
    "reported": _is("case.reported"),
    "dispatched_late": f"{_is('case.dispatched')} AND {LATE}",
    "dispatched": _is("case.dispatched"),
    "returned": _is("case.returned"),
    "disposed_late": f"{_is('case.disposed')} AND {LATE}",
    "disposed": _is("case.disposed"),
    "check_failed_late": f"{_is('case.check_failed')} AND {LATE}",
    "check_failed": _is("case.check_failed"),
    "check_passed_late": f"{_is('case.check_passed')} AND {LATE}",
    "check_passed": _is("case.check_passed"),
    "closed_late": f"{_is('case.closed')} AND {LATE}",
    "closed": _is("case.closed"),
    "filed_late": f"{_is('case.filed')} AND {LATE}",
    "filed": _is("case.filed", "case.self_disposed"),
    "voided_after_filing": "e.type = 'case.voided' AND e.from_state = 'filed'",
    "voided": _is("case.voided"),
    "verified_late": f"{_is('case.verified')} AND {LATE}",
    "verified": _is("case.verified"),
    "breached_verifying": _breach("verifying"),
    "breached_checking": _breach("checking"),
    "breached_disposal": _breach("dispatched", "in_disposal"),
    "breached_after_filing": _breach("filed", "checked", "suspended"),
}
BIT = {name: 1 << index for index, name in enumerate(FLAGS)}


def has(*names):
    """SQL: the flags hold any of these."""
    return f"(flags & {sum(BIT[name] for name in names)}) <> 0"


def no(*names):
    return f"(flags & {sum(BIT[name] for name in names)}) = 0"


def _bit_or(column):
    """The OR of a column of flags over a group. SQLite has no such aggregate: there each bit is
    summed over its distinct values (0 or the bit)."""
    if connection.vendor == "postgresql":
        return f"BIT_OR({column})"
    return " + ".join(f"SUM(DISTINCT {column} & {bit})" for bit in BIT.values())


def _event_bit():
    branches = " ".join(f"WHEN {condition} THEN {BIT[name]}" for name, condition in FLAGS.items())
    if connection.vendor == "postgresql":
        return f"BIT_OR(CASE {branches} ELSE 0 END)"
    return f"SUM(DISTINCT CASE {branches} ELSE 0 END)"  # each event brings a single bit


def _actor(role, *types, late=False):
    """The person of ``role`` who wrote an event of ``types``; ``late``: their id × 2 + 1 when
    the step was late (decoded by CASE_FACTS)."""
    value = f"e.actor_id * 2 + {_flag(LATE)}" if late else "e.actor_id"
    return f"MAX(CASE WHEN e.actor_role = '{role}' AND {_is(*types)} THEN {value} END)"


def case_unit_facts_sql():
    return f"""
    SELECT e.case_id, e.unit_id, {_event_bit()} AS flags,
        {_actor(Role.DISPATCHER, "case.dispatched")} AS dispatcher_id,
        {_actor(Role.ACCEPTOR, "case.verification_requested", late=True)} AS sender,
        {_actor(Role.ACCEPTOR, *_DECISIONS, late=True)} AS decider,
        {_actor(Role.SHIFT_LEADER, "case.filed")} AS filer_id,
        {_actor(Role.SHIFT_LEADER, "case.closed")} AS closer_id
    FROM {EVENT} e
    WHERE e.at >= %(start)s AND e.at < %(end)s
      AND e.type IN ({_quoted(_READ_TYPES)})
    GROUP BY e.case_id, e.unit_id
    """


def case_facts_sql():
    return f"""
    SELECT f.case_id, f.flags, c.grid_id, c.reporter_id, c.source, c.reported_at,
        f.sender / 2 AS sender_id, f.sender %% 2 AS sent_late,
        f.decider / 2 AS decider_id, f.decider %% 2 AS decided_late,
        f.filer_id, f.closer_id
    FROM (
        SELECT case_id, {_bit_or("flags")} AS flags, MAX(sender) AS sender, MAX(decider) AS decider,
            MAX(filer_id) AS filer_id, MAX(closer_id) AS closer_id
        FROM {CASE_UNIT_FACTS} GROUP BY case_id
    ) f JOIN {CASE} c ON c.id = f.case_id
    WHERE c.jurisdiction_id = %(jurisdiction)s
    """


@dataclass(frozen=True)
class FactSource:
    """One statement of per-(group, case) facts over CASE_UNIT_FACTS / CASE_FACTS, and the counts
    summed from them."""

    name: str
    sql: str  # selects the group's columns (object_id first), case_id and fact columns
    counts: dict  # count code -> SQL expression over the facts, 0 or 1 per row
    groups: tuple = ("object_id",)


# Where a statement reads the units of the jurisdiction: their ids, written in when it runs (a
# subquery on the unit table, which is too small to get statistics, misled PostgreSQL's planner).
UNITS = "/* the jurisdiction's units */"

# Units (专业部门 / 责任单位): what the unit did, and failed to do, in the period: its
# disposals, the deadlines it let pass, the closures of its cases (应处置数 is "the cases due for
# disposal in the period", whenever they were dispatched).
UNIT_FACTS = FactSource(
    "unit",
    f"""
    SELECT f.unit_id AS object_id, f.case_id, f.flags, {_flag("a.case_id IS NOT NULL")} AS appealed
    FROM {CASE_UNIT_FACTS} f
    LEFT JOIN ({APPROVED_APPEALS}) a ON a.case_id = f.case_id AND a.unit_id = f.unit_id
    WHERE f.unit_id IN ({UNITS})
    """,
    {},
)
_DISPOSED = has("disposed", "disposed_late")
_OVERDUE_OPEN = (
    f"{no('disposed', 'disposed_late', 'returned')} AND appealed = 0 AND {has('breached_disposal')}"
)
_DUE = f"{_DISPOSED} OR ({_OVERDUE_OPEN})"
_CLOSED = has("closed", "closed_late")
_DUE_CLOSURE = f"{_CLOSED} OR {_DUE}"
UNIT_FACTS.counts.update(
    {
        "dispatched": _flag(has("dispatched", "dispatched_late")),
        "returned": _flag(has("returned")),
        "kept": _flag(f"{has('dispatched', 'dispatched_late')} AND {no('returned')}"),
        "due": _flag(_DUE),
        "disposed": _flag(_DISPOSED),
        "disposed_on_time": _flag(f"{_DISPOSED} AND ({no('disposed_late')} OR appealed = 1)"),
        "disposed_late": _flag(f"{has('disposed_late')} AND appealed = 0"),
        "overdue_open": _flag(_OVERDUE_OPEN),
        "closed": _flag(_CLOSED),
        "due_closure": _flag(_DUE_CLOSURE),
        "reworked": _flag(f"{has('check_failed', 'check_failed_late')} AND ({_DUE})"),
        "appealed": _flag(f"appealed = 1 AND ({_DUE_CLOSURE})"),
    }
)


# Regions (zone, grid) and collectors' reports: the cases reported in the period, grouped by
# grid and reporter at once (regions read it by grid, collectors' reports by reporter).
REGION_FACTS = FactSource(
    "region",
    f"""
    SELECT f.grid_id AS object_id, f.reporter_id, f.case_id, f.flags,
        {_flag(f"f.source = '{Source.COLLECTOR}'")} AS by_collector,
        {_flag(f"f.source IN ({_quoted(PUBLIC_SOURCES)})")} AS by_public,
        {_flag("a.case_id IS NOT NULL")} AS appealed
    FROM {CASE_FACTS} f
    LEFT JOIN (SELECT DISTINCT case_id FROM ({APPROVED_APPEALS}) x) a ON a.case_id = f.case_id
    WHERE f.reported_at >= %(start)s AND f.reported_at < %(end)s
    """,
    {},
    ("object_id", "reporter_id"),
)
_FILED = f"{has('filed', 'filed_late')} AND {no('voided', 'voided_after_filing')}"
_LATE = has("breached_disposal", "breached_checking", "breached_after_filing", "disposed_late")
REGION_FACTS.counts.update(
    {
        "reported": "1",
        "collector_reports": "by_collector",
        "public_reports": "by_public",
        "filed": _flag(_FILED),
        "voided": _flag(has("voided", "voided_after_filing")),
        "public_confirmed": _flag(f"by_public = 1 AND {_FILED}"),
        "closed": _flag(f"{_FILED} AND {_CLOSED}"),
        "closed_on_time": _flag(f"{_FILED} AND {_CLOSED} AND (NOT ({_LATE}) OR appealed = 1)"),
        "overdue_open": _flag(f"{_FILED} AND NOT ({_CLOSED}) AND {_LATE} AND appealed = 0"),
        "due_closure": _flag(f"{_FILED} AND ({_CLOSED} OR ({_LATE} AND appealed = 0))"),
        "valid_reports": _flag(f"by_collector = 1 AND {_FILED}"),
    }
)


# Collectors' duties in their grids: verifications (核实) and checks (核查), by grid.
_CHECKED = ("check_passed", "check_failed")
_CHECKED_LATE = ("check_passed_late", "check_failed_late")
DUTY_FACTS = FactSource(
    "duties",
    f"SELECT f.grid_id AS object_id, f.case_id, f.flags FROM {CASE_FACTS} f",
    {
        "verifications_due": _flag(has("verified", "verified_late", "breached_verifying")),
        "verified_on_time": _flag(f"{has('verified')} AND {no('verified_late', 'breached_verifying')}"),
        "checks_due": _flag(has(*_CHECKED, *_CHECKED_LATE, "breached_checking")),
        "checked_on_time": _flag(f"{has(*_CHECKED)} AND {no(*_CHECKED_LATE, 'breached_checking')}"),
    },
)


def _post_facts(person, *columns):
    return f"SELECT f.{person} AS object_id, f.case_id, {', '.join(columns)} FROM {CASE_FACTS} f WHERE f.{person} IS NOT NULL"


# Acceptors: the reports they sent to verification, and those they decided on (filed, declined,
# voided, merged); a report they did both for counts once as accepted.
SENDER_FACTS = FactSource(
    "sender",
    _post_facts("sender_id", "f.sent_late"),
    {"accepted": "1", "sent": "1", "sent_on_time": _flag("sent_late = 0")},
)
DECIDER_FACTS = FactSource(
    "decider",
    _post_facts("decider_id", "f.sent_late", "f.decided_late", "f.sender_id", "f.decider_id"),
    {
        "accepted": _flag("sender_id IS NULL OR sender_id <> decider_id"),
        "decided": "1",
        "decided_on_time": _flag("decided_late = 0"),
    },
)
# Shift leaders: the cases they filed (and whether they were voided after), and closed.
FILER_FACTS = FactSource(
    "filer",
    _post_facts("filer_id", "f.flags"),
    {
        "filed": "1",
        "filed_on_time": _flag(no("filed_late")),
        "filed_then_voided": _flag(has("voided_after_filing")),
        "filed_accurately": _flag(no("voided_after_filing")),
    },
)
CLOSER_FACTS = FactSource(
    "closer",
    _post_facts("closer_id", "f.flags"),
    {"closed": "1", "closed_on_time": _flag(no("closed_late"))},
)
# Dispatchers: a dispatch is accurate unless the unit it went to returned the case in the period.
DISPATCHER_FACTS = FactSource(
    "dispatcher",
    f"""
    SELECT f.dispatcher_id AS object_id, f.case_id,
        MAX({_flag(has("dispatched_late"))}) AS late, MAX({_flag(has("returned"))}) AS returned
    FROM {CASE_UNIT_FACTS} f
    WHERE f.dispatcher_id IS NOT NULL AND f.unit_id IN ({UNITS})
    GROUP BY f.dispatcher_id, f.case_id
    """,
    {
        "dispatched": "1",
        "dispatched_on_time": _flag("late = 0"),
        "returned": "returned",
        "dispatched_accurately": _flag("returned = 0"),
    },
)


@dataclass(frozen=True)
class Rate:
    numerator: str
    denominator: str


@dataclass(frozen=True)
class PerMonth:
    """A count per 30 days (and per grid, for a zone), so months and quarters score alike."""

    count: str
    per_grid: bool = False


@dataclass(frozen=True)
class Kind:
    """What one kind of object reads: its sources (with the count codes renamed for it), how a
    source's group maps to the object, and its rates."""

    sources: tuple  # (FactSource, {source code: kind code}, group mapping)
    rates: dict
    case_count: str  # the count that decides ranking (minimum cases, load tier)
    measures: dict = field(default_factory=dict)


SAME = "same"  # the group's object_id is the object
GRID_ZONE = "grid_zone"  # the group's object_id is a grid of the zone
GRID_COLLECTOR = "grid_collector"  # the group's object_id is a grid the collector patrols
REPORTER = "reporter"  # the group's reporter_id is the object

_REGION_RENAMES = {
    code: code
    for code in (
        "reported",
        "collector_reports",
        "public_reports",
        "filed",
        "voided",
        "public_confirmed",
        "closed",
        "closed_on_time",
        "overdue_open",
        "due_closure",
    )
}
_REGION_RATES = {
    "closure_rate": Rate("closed", "due_closure"),
    "on_time_closure_rate": Rate("closed_on_time", "due_closure"),
    "public_report_rate": Rate("public_confirmed", "filed"),
}

KINDS = {
    ObjectKind.GRID: Kind(
        ((REGION_FACTS, _REGION_RENAMES, SAME),),
        _REGION_RATES,
        "reported",
        {"filed_per_grid_month": PerMonth("filed", per_grid=True)},
    ),
    ObjectKind.ZONE: Kind(
        ((REGION_FACTS, _REGION_RENAMES, GRID_ZONE),),
        _REGION_RATES,
        "reported",
        {"filed_per_grid_month": PerMonth("filed", per_grid=True)},
    ),
    ObjectKind.UNIT: Kind(
        ((UNIT_FACTS, {code: code for code in UNIT_FACTS.counts}, SAME),),
        {
            "disposal_rate": Rate("disposed", "due"),
            "on_time_disposal_rate": Rate("disposed_on_time", "due"),
            "late_disposal_rate": Rate("disposed_late", "due"),
            "overdue_rate": Rate("overdue_open", "due"),
            "closure_rate": Rate("closed", "due_closure"),
            "rework_rate": Rate("reworked", "due"),
            "return_rate": Rate("returned", "dispatched"),
        },
        "kept",
        {"cases_per_month": PerMonth("kept")},
    ),
    ObjectKind.COLLECTOR: Kind(
        (
            (REGION_FACTS, {"collector_reports": "reports", "valid_reports": "valid_reports"}, REPORTER),
            (REGION_FACTS, {"public_confirmed": "missed", "filed": "grid_filed"}, GRID_COLLECTOR),
            (DUTY_FACTS, {code: code for code in DUTY_FACTS.counts}, GRID_COLLECTOR),
        ),
        {
            "valid_report_rate": Rate("valid_reports", "reports"),
            "missed_rate": Rate("missed", "grid_filed"),
            "on_time_verification_rate": Rate("verified_on_time", "verifications_due"),
            "on_time_check_rate": Rate("checked_on_time", "checks_due"),
        },
        "reports",
    ),
    ObjectKind.ACCEPTOR: Kind(
        (
            (
                SENDER_FACTS,
                {
                    "accepted": "accepted",
                    "sent": "verifications_sent",
                    "sent_on_time": "verifications_sent_on_time",
                },
                SAME,
            ),
            (
                DECIDER_FACTS,
                {"accepted": "accepted", "decided": "decided", "decided_on_time": "decided_on_time"},
                SAME,
            ),
        ),
        {
            "verification_sending_rate": Rate("verifications_sent_on_time", "verifications_sent"),
            "on_time_acceptance_rate": Rate("decided_on_time", "decided"),
        },
        "accepted",
        {"accepted_per_month": PerMonth("accepted")},
    ),
    ObjectKind.SHIFT_LEADER: Kind(
        (
            (FILER_FACTS, {code: code for code in FILER_FACTS.counts}, SAME),
            (CLOSER_FACTS, {code: code for code in CLOSER_FACTS.counts}, SAME),
        ),
        {
            "on_time_filing_rate": Rate("filed_on_time", "filed"),
            "accurate_filing_rate": Rate("filed_accurately", "filed"),
            "on_time_closing_rate": Rate("closed_on_time", "closed"),
        },
        "filed",
    ),
    ObjectKind.DISPATCHER: Kind(
        ((DISPATCHER_FACTS, {code: code for code in DISPATCHER_FACTS.counts}, SAME),),
        {
            "on_time_dispatch_rate": Rate("dispatched_on_time", "dispatched"),
            "accurate_dispatch_rate": Rate("dispatched_accurately", "dispatched"),
        },
        "dispatched",
        {"dispatched_per_month": PerMonth("dispatched")},
    ),
}

LABELS = {
    # Counts (基础数据)
    "dispatched": _("Cases dispatched"),  # 派遣数
    "returned": _("Returned"),  # 退回数
    "kept": _("Cases kept"),
    "due": _("Due for disposal"),  # 应处置数
    "disposed": _("Disposed"),  # 处置数
    "disposed_on_time": _("Disposed on time"),  # 按期处置数
    "disposed_late": _("Disposed late"),  # 超期处置数
    "overdue_open": _("Overdue, not done"),  # 超期未处置数
    "closed": _("Cases closed"),  # 结案数
    "reworked": _("Reworked"),  # 返工数
    "appealed": _("Overtime appeals approved"),
    "reported": _("Reports"),  # 上报数
    "collector_reports": _("Reports by collectors"),  # 监督员上报数
    "public_reports": _("Reports by the public"),  # 公众举报数
    "filed": _("Filed"),  # 立案数
    "voided": _("Reports voided"),  # 作废数
    "public_confirmed": _("Public reports confirmed"),  # 监督举报核实数
    "closed_on_time": _("Closed on time"),  # 按期结案数
    "due_closure": _("Due for closure"),  # 应结案数
    "valid_reports": _("Valid reports"),  # 有效上报数
    "reports": _("Reports"),
    "missed": _("Missed reports"),  # 漏报数
    "grid_filed": _("Filed in own grids"),
    "verifications_due": _("Verifications due"),  # 应核实数
    "verified_on_time": _("Verified on time"),  # 按时核实数
    "checks_due": _("Checks due"),  # 应核查数
    "checked_on_time": _("Checked on time"),  # 按时核查数
    "accepted": _("Reports accepted"),  # 受理数
    "verifications_sent": _("Verifications sent"),  # 应发核实数
    "verifications_sent_on_time": _("Verifications sent on time"),  # 按时发核实数
    "decided": _("Reports decided"),
    "decided_on_time": _("Reports decided on time"),
    "filed_on_time": _("Filed on time"),  # 按时立案数
    "filed_then_voided": _("Filed, then voided"),
    "filed_accurately": _("Filed accurately"),
    "dispatched_on_time": _("Dispatched on time"),  # 按时派遣数
    "dispatched_accurately": _("Dispatched accurately"),  # 准确派遣数
    # Rates (比率)
    "disposal_rate": _("Disposal rate"),  # 处置率
    "on_time_disposal_rate": _("On-time disposal rate"),  # 按期处置率
    "late_disposal_rate": _("Late disposal rate"),  # 超期处置率
    "overdue_rate": _("Overdue rate"),  # 超期未处置率
    "closure_rate": _("Closure rate"),  # 结案率
    "on_time_closure_rate": _("On-time closure rate"),  # 按期结案率
    "rework_rate": _("Rework rate"),  # 返工率
    "return_rate": _("Return rate"),
    "public_report_rate": _("Public report rate"),  # 监督举报率
    "valid_report_rate": _("Valid report rate"),  # 有效上报率
    "missed_rate": _("Missed report rate"),  # 漏报率
    "on_time_verification_rate": _("On-time verification rate"),  # 按时核实率
    "on_time_check_rate": _("On-time check rate"),  # 按时核查率
    "verification_sending_rate": _("On-time verification dispatch rate"),  # 核实按时派发率
    "on_time_acceptance_rate": _("On-time acceptance rate"),
    "on_time_filing_rate": _("On-time filing rate"),  # 按时立案率
    "accurate_filing_rate": _("Accurate filing rate"),  # 准确立案率
    "on_time_closing_rate": _("On-time closing rate"),  # 按时结案率
    "on_time_dispatch_rate": _("On-time dispatch rate"),  # 按时派遣率
    "accurate_dispatch_rate": _("Accurate dispatch rate"),  # 准确派遣率
    # Counts per 30 days, for step tables
    "cases_per_month": _("Cases per month"),
    "filed_per_grid_month": _("Filed per grid and month"),
    "accepted_per_month": _("Accepted per month"),
    "dispatched_per_month": _("Dispatched per month"),
}


def counts_of(kind):
    """The count codes of ``kind``, in the order of its sources."""
    codes = [code for _source, renames, _mapping in KINDS[kind].sources for code in renames.values()]
    return list(dict.fromkeys(codes))


# What a composite's term may use, per kind of object.
INDICATORS = {
    kind: {code: LABELS[code] for code in (*counts_of(kind), *spec.rates, *spec.measures)}
    for kind, spec in KINDS.items()
}


@dataclass
class Figures:
    """One object's figures in one period."""

    kind: str
    object_id: int
    name: str
    counts: dict
    rates: dict  # code -> a float in [0, 1], or None when nothing was due
    measures: dict

    @property
    def case_count(self):
        return self.counts[KINDS[self.kind].case_count]

    def value(self, code):
        for values in (self.rates, self.measures, self.counts):
            if code in values:
                return values[code]
        raise KeyError(code)


def _params(jurisdiction, period):
    start, end = period.bounds()
    adapt = connection.ops.adapt_datetimefield_value
    return {"jurisdiction": jurisdiction.pk, "start": adapt(start), "end": adapt(end)}


# A quarter groups millions of events by case: with PostgreSQL's default 4 MB per sort or hash,
# that spills to temporary files. This much memory keeps it in RAM, for this transaction only.
WORK_MEM = "256MB"


@contextmanager
def _period_facts(params):
    """A cursor over the period's CASE_UNIT_FACTS and CASE_FACTS, written as temporary tables
    (one pass over the events) for the statements run in this block."""
    with transaction.atomic(), connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        if postgresql:
            # JIT: compiling the statements' expressions took PostgreSQL longer (2 s at a million
            # cases) than it saved.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'; SET LOCAL jit = off")
        # A temporary table has no statistics until analysed; without them PostgreSQL joined the
        # second table's million rows to the cases row by row (5 s instead of 2).
        for table, sql in ((CASE_UNIT_FACTS, case_unit_facts_sql()), (CASE_FACTS, case_facts_sql())):
            cursor.execute(f"CREATE TEMPORARY TABLE {table} AS {sql}", params)
            if postgresql:
                cursor.execute(f"ANALYZE {table}")
        yield cursor
        # On an error the transaction's rollback takes the tables away.
        if postgresql:
            cursor.execute(f"DROP TABLE {CASE_FACTS}, {CASE_UNIT_FACTS}")
        else:
            cursor.execute(f"DROP TABLE {CASE_FACTS}")
            cursor.execute(f"DROP TABLE {CASE_UNIT_FACTS}")


def _with_units(sql, jurisdiction_id):
    ids = Unit.objects.filter(jurisdiction_id=jurisdiction_id).values_list("pk", flat=True)
    return sql.replace(UNITS, ", ".join(str(pk) for pk in ids) or "0")


def _sum_facts(cursor, source, params):
    """{group key (a tuple of source.groups): {count code: sum}} of one source over the period."""
    codes = list(source.counts)
    keys = ", ".join(source.groups)
    sums = ", ".join(f"SUM({source.counts[code]})" for code in codes)
    facts = _with_units(source.sql, params["jurisdiction"])
    cursor.execute(f"SELECT {keys}, {sums} FROM ({facts}) facts GROUP BY {keys}", params)
    width = len(source.groups)
    return {
        tuple(row[:width]): dict(zip(codes, (int(v or 0) for v in row[width:]), strict=True))
        for row in cursor
    }


def _summed_sources(params, sources):
    """{source name: its sums} for ``sources``, all from one pass over the period's events."""
    with _period_facts(params) as cursor:
        return {source.name: _sum_facts(cursor, source, params) for source in sources}


def _owners(jurisdiction, mapping):
    """A function from a source's group key to the object it belongs to (or None)."""
    if mapping == SAME:
        return lambda key: key[0]
    if mapping == REPORTER:
        return lambda key: key[1]
    grids = Grid.objects.filter(jurisdiction=jurisdiction)
    if mapping == GRID_ZONE:
        owner = dict(grids.values_list("pk", "zone_id"))
    else:
        owner = dict(grids.filter(collector__isnull=False).values_list("pk", "collector_id"))
    return lambda key: owner.get(key[0])


def _group_condition(jurisdiction, mapping, object_id, params):
    """SQL over a source's facts that picks the groups of one object; adds its parameters."""
    if mapping == SAME:
        params["object"] = object_id
        return "object_id = %(object)s"
    if mapping == REPORTER:
        params["object"] = object_id
        return "reporter_id = %(object)s"
    grids = Grid.objects.filter(jurisdiction=jurisdiction)
    grids = grids.filter(zone_id=object_id) if mapping == GRID_ZONE else grids.filter(collector_id=object_id)
    ids = list(grids.values_list("pk", flat=True)) or [0]
    params.update({f"grid_{index}": pk for index, pk in enumerate(ids)})
    return f"object_id IN ({', '.join(f'%(grid_{index})s' for index in range(len(ids)))})"


UNIT_KINDS = (Unit.Kind.DEPARTMENT, Unit.Kind.DEVELOPMENT_ZONE, Unit.Kind.TOWN, Unit.Kind.COMMUNITY)


def person_name(user):
    return f"{user.last_name}{user.first_name}" or user.username


def object_names(jurisdiction, kind, ids=()):
    """{object id: name} of the objects of ``kind`` evaluated in ``jurisdiction``: all that could
    have figures (every grid, zone, unit taking cases, holder of the post), and any of ``ids``."""
    if kind == ObjectKind.GRID:
        rows = Grid.objects.filter(jurisdiction=jurisdiction).filter(Q(is_active=True) | Q(pk__in=ids))
        return {grid.pk: f"{grid.code} {grid.name}" for grid in rows}
    if kind == ObjectKind.ZONE:
        return dict(Zone.objects.filter(jurisdiction=jurisdiction).values_list("pk", "name"))
    if kind == ObjectKind.UNIT:
        rows = Unit.objects.filter(jurisdiction=jurisdiction).filter(
            Q(is_active=True, kind__in=UNIT_KINDS) | Q(pk__in=ids)
        )
        return dict(rows.values_list("pk", "name"))
    people = User.objects.filter(jurisdiction=jurisdiction).filter(
        Q(is_active=True, groups__name=kind) | Q(pk__in=ids)
    )
    return {user.pk: person_name(user) for user in people.distinct()}


def _per_month(measure, counts, period, grids):
    per = 30 / period.days
    if measure.per_grid:
        per /= max(grids, 1)
    return round(counts[measure.count] * per, 2)


def compute(jurisdiction, kind, period, _summed=None):
    """Every object's Figures of ``kind`` in ``period``, in name order."""
    spec = KINDS[kind]
    if _summed is None:
        _summed = _summed_sources(_params(jurisdiction, period), [source for source, *_rest in spec.sources])
    per_object = {}
    for source, renames, mapping in spec.sources:
        owner = _owners(jurisdiction, mapping)
        for key, sums in _summed[source.name].items():
            object_id = owner(key)
            if object_id is None:
                continue
            counts = per_object.setdefault(object_id, {})
            for source_code, code in renames.items():
                counts[code] = counts.get(code, 0) + sums[source_code]
    # Anyone with a figure, though no longer holding the post; not the acceptor whose registered
    # hotline reports put them among the reporters with nothing to count.
    names = object_names(
        jurisdiction, kind, ids=[pk for pk, counts in per_object.items() if any(counts.values())]
    )
    grids = {}
    if kind == ObjectKind.ZONE:
        for zone_id in Grid.objects.filter(jurisdiction=jurisdiction, is_active=True).values_list("zone_id"):
            grids[zone_id[0]] = grids.get(zone_id[0], 0) + 1
    codes = counts_of(kind)
    result = []
    for object_id, name in names.items():
        counts = {code: per_object.get(object_id, {}).get(code, 0) for code in codes}
        rates = {
            code: (counts[rate.numerator] / counts[rate.denominator] if counts[rate.denominator] else None)
            for code, rate in spec.rates.items()
        }
        measures = {
            code: _per_month(measure, counts, period, grids.get(object_id, 1))
            for code, measure in spec.measures.items()
        }
        result.append(Figures(kind, object_id, name, counts, rates, measures))
    result.sort(key=lambda figures: (figures.name, figures.object_id))
    return result


def compute_all(jurisdiction, period):
    """{kind: [Figures]} for every kind of object, from one pass over the period's events."""
    sources = {source.name: source for spec in KINDS.values() for source, *_rest in spec.sources}
    summed = _summed_sources(_params(jurisdiction, period), sources.values())
    return {kind: compute(jurisdiction, kind, period, _summed=summed) for kind in KINDS}


def cases_behind(jurisdiction, kind, object_id, period, code):
    """The ids of the cases that ``code`` of the object counts in ``period`` (for a rate: its
    numerator's), ascending: as many as the figure says."""
    spec = KINDS[kind]
    if code in spec.rates:
        code = spec.rates[code].numerator
    params = _params(jurisdiction, period)
    selects = []
    for source, renames, mapping in spec.sources:
        for source_code in (s for s, k in renames.items() if k == code):
            where = _group_condition(jurisdiction, mapping, object_id, params)
            facts = _with_units(source.sql, jurisdiction.pk)
            selects.append(
                f"SELECT case_id FROM ({facts}) facts WHERE {where} AND ({source.counts[source_code]}) > 0"
            )
    if not selects:
        raise KeyError(code)
    sql = (
        f"WITH {CASE_UNIT_FACTS} AS ({case_unit_facts_sql()}), {CASE_FACTS} AS ({case_facts_sql()}) "
        f"{' UNION '.join(selects)} ORDER BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor]
