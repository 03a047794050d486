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

Each kind of object reads one or more *sources*: one SQL statement giving one row of 0/1 facts
per (group, case), where the group is the object itself or a grid that belongs to it. Counts are
sums of SQL expressions over those facts, rates are ratios of counts, in [0, 1] by construction.
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
USER = User._meta.db_table
APPEAL = OvertimeAppeal._meta.db_table

PUBLIC_SOURCES = (Source.PUBLIC, Source.HOTLINE_12319, Source.HOTLINE_12345)


def _flag(condition):
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _any(condition):
    """1 when any of the group's events meets ``condition``."""
    return f"MAX({_flag(condition)})"


def _quoted(values):
    return ", ".join(f"'{value}'" for value in values)


ON_TIME = "(e.due_at IS NULL OR e.at <= e.due_at)"
LATE = "(e.due_at IS NOT NULL AND e.at > e.due_at)"
WINDOW = "e.at >= %(start)s AND e.at < %(end)s"
APPROVED_APPEALS = (
    f"SELECT DISTINCT case_id, unit_id FROM {APPEAL} "
    f"WHERE state = '{AppealState.APPROVED}' AND decided_at < %(end)s"
)


@dataclass(frozen=True)
class FactSource:
    """One statement of per-(group, case) facts and the counts summed from them."""

    name: str
    sql: str  # selects the group's columns (object_id first), case_id and fact columns
    counts: dict  # count code -> SQL expression over the facts, 0 or 1 per row
    groups: tuple = ("object_id",)


# Units (专业部门 / 责任单位): what the unit did, and failed to do, in the period: its
# disposals, the deadlines it let pass, the closures of its cases (应处置数 is "the cases due for
# disposal in the period", whenever they were dispatched).
_UNIT_TYPES = (
    "case.dispatched",
    "case.returned",
    "case.disposed",
    "case.check_failed",
    "case.closed",
    "case.deadline_breached",
)
UNIT_FACTS = FactSource(
    "unit",
    f"""
    SELECT f.*, {_flag("a.case_id IS NOT NULL")} AS appealed FROM (
        SELECT e.unit_id AS object_id, e.case_id,
            {_any("e.type = 'case.dispatched'")} AS dispatched,
            {_any("e.type = 'case.returned'")} AS returned,
            {_any("e.type = 'case.disposed'")} AS disposed,
            {_any(f"e.type = 'case.disposed' AND {LATE}")} AS disposed_late,
            MAX(CASE WHEN e.type = 'case.disposed' THEN e.at END) AS last_disposed_at,
            MAX(CASE WHEN e.type = 'case.deadline_breached'
                     AND e.from_state IN ('dispatched', 'in_disposal') THEN e.at END) AS last_breach_at,
            {_any("e.type = 'case.check_failed'")} AS reworked,
            {_any("e.type = 'case.closed'")} AS closed
        FROM {EVENT} e
        WHERE {WINDOW} AND e.type IN ({_quoted(_UNIT_TYPES)})
          AND e.unit_id IN (SELECT id FROM {UNIT} WHERE jurisdiction_id = %(jurisdiction)s)
        GROUP BY e.unit_id, e.case_id
    ) f
    LEFT JOIN ({APPROVED_APPEALS}) a ON a.case_id = f.case_id AND a.unit_id = f.object_id
    """,
    {},
)
_OVERDUE_OPEN = (
    "disposed = 0 AND returned = 0 AND appealed = 0 AND last_breach_at IS NOT NULL "
    "AND (last_disposed_at IS NULL OR last_breach_at > last_disposed_at)"
)
_DUE = f"disposed = 1 OR ({_OVERDUE_OPEN})"
_DUE_CLOSURE = f"closed = 1 OR {_DUE}"
UNIT_FACTS.counts.update(
    {
        "dispatched": "dispatched",
        "returned": "returned",
        "kept": _flag("dispatched = 1 AND returned = 0"),
        "due": _flag(_DUE),
        "disposed": "disposed",
        "disposed_on_time": _flag("disposed = 1 AND (disposed_late = 0 OR appealed = 1)"),
        "disposed_late": _flag("disposed = 1 AND disposed_late = 1 AND appealed = 0"),
        "overdue_open": _flag(_OVERDUE_OPEN),
        "closed": "closed",
        "due_closure": _flag(_DUE_CLOSURE),
        "reworked": _flag(f"reworked = 1 AND ({_DUE})"),
        "appealed": _flag(f"appealed = 1 AND ({_DUE_CLOSURE})"),
    }
)


# Regions (zone, grid) and collectors' reports: the cases reported in the period, by grid or reporter.
_REGION_TYPES = ("case.filed", "case.self_disposed", "case.voided", "case.closed", "case.deadline_breached")
_REGION_TYPES_LATE = ("case.disposed",)


def _reported_cases_facts():
    return f"""
    SELECT c.grid_id AS object_id, c.reporter_id AS reporter_id, c.id AS case_id,
        {_flag(f"c.source = '{Source.COLLECTOR}'")} AS by_collector,
        {_flag(f"c.source IN ({_quoted(PUBLIC_SOURCES)})")} AS by_public,
        COALESCE(f.filed, 0) AS filed, COALESCE(f.voided, 0) AS voided,
        COALESCE(f.closed, 0) AS closed, COALESCE(f.late, 0) AS late,
        {_flag("a.case_id IS NOT NULL")} AS appealed
    FROM {CASE} c
    LEFT JOIN (
        SELECT e.case_id,
            {_any("e.type IN ('case.filed', 'case.self_disposed')")} AS filed,
            {_any("e.type = 'case.voided'")} AS voided,
            {_any("e.type = 'case.closed'")} AS closed,
            {
        _any(
            f"(e.type = 'case.deadline_breached' AND e.from_state NOT IN ('reported', 'verifying'))"
            f" OR (e.type = 'case.disposed' AND {LATE})"
        )
    } AS late
        FROM {EVENT} e
        WHERE {WINDOW} AND e.type IN ({_quoted(_REGION_TYPES + _REGION_TYPES_LATE)})
        GROUP BY e.case_id
    ) f ON f.case_id = c.id
    LEFT JOIN (SELECT DISTINCT case_id FROM ({APPROVED_APPEALS}) x) a ON a.case_id = c.id
    WHERE c.jurisdiction_id = %(jurisdiction)s AND c.reported_at >= %(start)s AND c.reported_at < %(end)s
    """


_FILED = "filed = 1 AND voided = 0"
_REPORTED_COUNTS = {
    "reported": "1",
    "collector_reports": "by_collector",
    "public_reports": "by_public",
    "filed": _flag(_FILED),
    "voided": "voided",
    "public_confirmed": _flag(f"by_public = 1 AND {_FILED}"),
    "closed": _flag(f"{_FILED} AND closed = 1"),
    "closed_on_time": _flag(f"{_FILED} AND closed = 1 AND (late = 0 OR appealed = 1)"),
    "overdue_open": _flag(f"{_FILED} AND closed = 0 AND late = 1 AND appealed = 0"),
    "due_closure": _flag(f"{_FILED} AND (closed = 1 OR (late = 1 AND appealed = 0))"),
    "valid_reports": _flag(f"by_collector = 1 AND {_FILED}"),
}
# Grouped by grid and reporter at once: regions read it by grid, collectors' reports by reporter.
REGION_FACTS = FactSource("region", _reported_cases_facts(), _REPORTED_COUNTS, ("object_id", "reporter_id"))


# Collectors' duties in their grids: verifications (核实) and checks (核查), by grid.
_DUTY_TYPES = ("case.verified", "case.check_passed", "case.check_failed", "case.deadline_breached")
DUTY_FACTS = FactSource(
    "duties",
    f"""
    SELECT c.grid_id AS object_id, e.case_id,
        {_any("e.type = 'case.verified'")} AS verified,
        {_any(f"e.type = 'case.verified' AND {LATE}")} AS verified_late,
        {_any("e.type = 'case.deadline_breached' AND e.from_state = 'verifying'")} AS verification_breached,
        {_any("e.type IN ('case.check_passed', 'case.check_failed')")} AS checked,
        {_any(f"e.type IN ('case.check_passed', 'case.check_failed') AND {LATE}")} AS checked_late,
        {_any("e.type = 'case.deadline_breached' AND e.from_state = 'checking'")} AS check_breached
    FROM {EVENT} e JOIN {CASE} c ON c.id = e.case_id
    WHERE {WINDOW} AND e.type IN ({_quoted(_DUTY_TYPES)}) AND c.jurisdiction_id = %(jurisdiction)s
    GROUP BY c.grid_id, e.case_id
    """,
    {
        "verifications_due": _flag("verified = 1 OR verification_breached = 1"),
        "verified_on_time": _flag("verified = 1 AND verified_late = 0 AND verification_breached = 0"),
        "checks_due": _flag("checked = 1 OR check_breached = 1"),
        "checked_on_time": _flag("checked = 1 AND checked_late = 0 AND check_breached = 0"),
    },
)


def _post_facts(role, columns, types, joins=""):
    return f"""
    SELECT e.actor_id AS object_id, e.case_id, {columns}
    FROM {EVENT} e {joins}
    WHERE {WINDOW} AND e.actor_role = '{role}' AND e.type IN ({_quoted(types)})
      AND e.actor_id IN (SELECT id FROM {USER} WHERE jurisdiction_id = %(jurisdiction)s)
    GROUP BY e.actor_id, e.case_id
    """


_DECISIONS = ("case.filed", "case.declined", "case.voided", "case.merged")
ACCEPTOR_FACTS = FactSource(
    "acceptor",
    _post_facts(
        Role.ACCEPTOR,
        f"""{_any(f"e.type = 'case.verification_requested' AND {LATE}")} AS sent_late,
            {_any("e.type = 'case.verification_requested'")} AS sent,
            {_any(f"e.type IN ({_quoted(_DECISIONS)})")} AS decided,
            {_any(f"e.type IN ({_quoted(_DECISIONS)}) AND {LATE}")} AS decided_late""",
        (*_DECISIONS, "case.verification_requested"),
    ),
    {
        "accepted": "1",
        "verifications_sent": "sent",
        "verifications_sent_on_time": _flag("sent = 1 AND sent_late = 0"),
        "decided": "decided",
        "decided_on_time": _flag("decided = 1 AND decided_late = 0"),
    },
)

SHIFT_LEADER_FACTS = FactSource(
    "shift_leader",
    f"""
    SELECT f.*, {_flag("v.case_id IS NOT NULL")} AS voided_later FROM (
        {
        _post_facts(
            Role.SHIFT_LEADER,
            f'''{_any("e.type = 'case.filed'")} AS filed,
                {_any(f"e.type = 'case.filed' AND {LATE}")} AS filed_late,
                {_any("e.type = 'case.closed'")} AS closed,
                {_any(f"e.type = 'case.closed' AND {LATE}")} AS closed_late''',
            ("case.filed", "case.closed"),
        )
    }
    ) f
    LEFT JOIN (
        SELECT DISTINCT e.case_id FROM {EVENT} e
        WHERE {WINDOW} AND e.type = 'case.voided' AND e.from_state = 'filed'
    ) v ON v.case_id = f.case_id
    """,
    {
        "filed": "filed",
        "filed_on_time": _flag("filed = 1 AND filed_late = 0"),
        "filed_then_voided": _flag("filed = 1 AND voided_later = 1"),
        "closed": "closed",
        "closed_on_time": _flag("closed = 1 AND closed_late = 0"),
        "filed_accurately": _flag("filed = 1 AND voided_later = 0"),
    },
)

DISPATCHER_FACTS = FactSource(
    "dispatcher",
    _post_facts(
        Role.DISPATCHER,
        f"""{_any(f"{LATE}")} AS dispatched_late,
            {_any("r.case_id IS NOT NULL")} AS returned""",
        ("case.dispatched",),
        joins=f"""LEFT JOIN (
            SELECT e.case_id, e.unit_id, MAX(e.at) AS returned_at FROM {EVENT} e
            WHERE {WINDOW} AND e.type = 'case.returned' GROUP BY e.case_id, e.unit_id
        ) r ON r.case_id = e.case_id AND r.unit_id = e.unit_id AND r.returned_at > e.at""",
    ),
    {
        "dispatched": "1",
        "dispatched_on_time": _flag("dispatched_late = 0"),
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
        ((ACCEPTOR_FACTS, {code: code for code in ACCEPTOR_FACTS.counts}, SAME),),
        {
            "verification_sending_rate": Rate("verifications_sent_on_time", "verifications_sent"),
            "on_time_acceptance_rate": Rate("decided_on_time", "decided"),
        },
        "accepted",
        {"accepted_per_month": PerMonth("accepted")},
    ),
    ObjectKind.SHIFT_LEADER: Kind(
        ((SHIFT_LEADER_FACTS, {code: code for code in SHIFT_LEADER_FACTS.counts}, SAME),),
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
    return [code for _source, renames, _mapping in KINDS[kind].sources for code in renames.values()]


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
def _cursor():
    """A cursor in a transaction of its own, with room for large groupings on PostgreSQL."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        yield cursor


def _sum_facts(source, params):
    """{group key (a tuple of source.groups): {count code: sum}} of one source over the period."""
    codes = list(source.counts)
    keys = ", ".join(source.groups)
    sums = ", ".join(f"SUM({source.counts[code]})" for code in codes)
    sql = f"SELECT {keys}, {sums} FROM ({source.sql}) facts GROUP BY {keys}"
    width = len(source.groups)
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return {
            tuple(row[:width]): dict(zip(codes, (int(v or 0) for v in row[width:]), strict=True))
            for row in cursor
        }


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
    params = _params(jurisdiction, period)
    summed = {} if _summed is None else _summed  # source name -> sums, shared by compute_all
    per_object = {}
    for source, renames, mapping in spec.sources:
        if source.name not in summed:
            summed[source.name] = _sum_facts(source, params)
        owner = _owners(jurisdiction, mapping)
        for key, sums in summed[source.name].items():
            object_id = owner(key)
            if object_id is None:
                continue
            counts = per_object.setdefault(object_id, {})
            for source_code, code in renames.items():
                counts[code] = counts.get(code, 0) + sums[source_code]
    names = object_names(jurisdiction, kind, ids=list(per_object))
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
    """{kind: [Figures]} for every kind of object; each source's statement runs once."""
    summed = {}
    return {kind: compute(jurisdiction, kind, period, _summed=summed) for kind in KINDS}


def cases_behind(jurisdiction, kind, object_id, period, code):
    """The ids of the cases that ``code`` of the object counts in ``period`` (for a rate: its
    numerator's), ascending: as many as the figure says."""
    spec = KINDS[kind]
    if code in spec.rates:
        code = spec.rates[code].numerator
    for source, renames, mapping in spec.sources:
        source_code = next((s for s, k in renames.items() if k == code), None)
        if source_code is None:
            continue
        params = _params(jurisdiction, period)
        where = _group_condition(jurisdiction, mapping, object_id, params)
        sql = (
            f"SELECT DISTINCT case_id FROM ({source.sql}) facts "
            f"WHERE {where} AND ({source.counts[source_code]}) > 0 ORDER BY case_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor]
    raise KeyError(code)
