"""Server time of the console's case list (first page, each single filter) and case page.

Goal (from the issue): with 1,000,000 cases on PostgreSQL, the first page of the case list with
any one filter ≤ 150 ms p95 server time; a case page ≤ 100 ms p95.

The script creates a throwaway PostgreSQL database on 127.0.0.1:5432, migrates it, loads the
demo county without its demo cases, then generates the cases and their events with bulk SQL
(INSERT … SELECT over generate_series). This is benchmark data, not the workflow's: no
transition function runs, but the rows look like the workflow's — a realistic spread over states
(recent cases open, old ones mostly closed), sources, classes, grids, zones, units and two years
of report times, open stages with their deadlines (some past), and about 8 events per case. After
ANALYZE it times requests through django.test.Client logged in as the shift leader: 60 of each
after a warm-up, each filter cycling through its values (every state, every source, every grid…),
and reports the 95th percentile in milliseconds. The database is dropped at the end.

    .venv/bin/python bench/bench_console.py --size full     # 1,000,000 cases (a few minutes)
    .venv/bin/python bench/bench_console.py --size tiny     # 2,000 cases, a smoke run
"""

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

SIZES = {"full": 1_000_000, "tiny": 2_000}
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REQUESTS = 60
WARM_UP = 5
LIST_GOAL_MS = 150
CASE_GOAL_MS = 100


def emit(name, value, unit, goal=None, higher_is_better=True):
    figure = {"name": name, "value": value, "unit": unit, "goal": goal, "higher_is_better": higher_is_better}
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def context(name, value):
    print(json.dumps({"context": name, "value": value}, ensure_ascii=False), flush=True)


def log(message):
    print(f"bench_console: {message}", file=sys.stderr, flush=True)


def run(cases, keep=False):
    import psycopg

    with tempfile.TemporaryDirectory(prefix="gridcity-bench-") as directory:
        os.environ["GRIDCITY_VAR_DIR"] = directory
        os.environ["DJANGO_SETTINGS_MODULE"] = "gridcity.settings"
        database = f"gridcity_bench_console_{os.getpid()}"
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {database}")
        os.environ["DATABASE_URL"] = f"{POSTGRES}/{database}"
        try:
            measure(cases)
        finally:
            from django.db import connections

            connections.close_all()
            if keep:
                log(
                    f"kept the database {database} (drop it with: dropdb -h 127.0.0.1 -U postgres {database})"
                )
            else:
                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {database}")


# -- the data --------------------------------------------------------------------------------

OPEN_WEIGHTS = [
    ("reported", 3),
    ("verifying", 2),
    ("filed", 3),
    ("dispatched", 3),
    ("in_disposal", 6),
    ("suspended", 2),
    ("checking", 3),
    ("checked", 2),
]
ENDED_WEIGHTS = [("closed", 65), ("declined", 4), ("voided", 5)]
UNIT_WEIGHTS = [
    ("urban-management", 55),
    ("housing-construction", 15),
    ("public-security", 10),
    ("environment", 5),
    ("industry-commerce", 5),
    ("housing-administration", 5),
    ("shizilu-street", 5),
]
STREETS = ["人民路", "文化路", "振兴路", "鸡山路", "滨河路", "天桥路", "沿河路", "隆山路", "重华路", "平安街"]
# The path of transitions that leads to each state: (transition, actor's username, by a unit).
PATHS = {
    "reported": ["report"],
    "verifying": ["report", "request_verification"],
    "filed": ["report", "file"],
    "dispatched": ["report", "file", "dispatch"],
    "in_disposal": ["report", "file", "dispatch", "sign"],
    "suspended": ["report", "file", "dispatch", "sign", "request_suspension", "approve_suspension"],
    "checking": ["report", "file", "dispatch", "sign", "feedback"],
    "checked": ["report", "file", "dispatch", "sign", "feedback", "pass_check"],
    "closed": [
        "report",
        "request_verification",
        "verify",
        "file",
        "dispatch",
        "sign",
        "feedback",
        "pass_check",
        "close",
    ],
    "declined": ["report", "decline"],
    "voided": ["report", "void"],
}
ACTORS = {
    "report": "collector01",
    "request_verification": "acceptor",
    "verify": "collector01",
    "file": "acceptor",
    "decline": "acceptor",
    "void": "shiftleader",
    "dispatch": "dispatcher",
    "sign": "handler",
    "request_suspension": "handler",
    "approve_suspension": "dispatcher",
    "feedback": "handler",
    "pass_check": "collector01",
    "close": "shiftleader",
}


def bounds(pairs):
    """Lower bounds of the cumulative shares, for width_bucket(random(), bounds) → 1..n."""
    total = sum(weight for _value, weight in pairs)
    lower, running = [], 0
    for _value, weight in pairs:
        lower.append(running / total)
        running += weight
    return lower


CASES_SQL = """
WITH base AS (
    SELECT now() - random() * interval '730 days' AS reported_at,
           random() AS r_state, random() AS r_source, random() AS r_class, random() AS r_unit,
           random() AS r_clock, random() AS r_lon, random() AS r_lat, random() AS r_street,
           1 + floor(random() * %(grid_count)s)::int AS gi
    FROM generate_series(1, %(count)s)
), aged AS (
    -- Recent cases are often still open; after a month nearly all have ended.
    SELECT base.*, CASE WHEN reported_at > now() - interval '7 days' THEN 0.6
                        WHEN reported_at > now() - interval '30 days' THEN 0.25 ELSE 0.02 END AS p_open
    FROM base
), stated AS (
    SELECT aged.*,
           CASE WHEN r_state < p_open
                THEN (%(open_states)s::text[])[width_bucket(r_state / p_open, %(open_bounds)s::float8[])]
                ELSE (%(ended_states)s::text[])[
                    width_bucket((r_state - p_open) / (1 - p_open), %(ended_bounds)s::float8[])]
           END AS state,
           width_bucket(r_class, %(class_bounds)s::float8[]) AS ci,
           reported_at + (now() - reported_at) * (r_clock * 0.9) AS started
    FROM aged
), numbered AS (
    SELECT stated.*,
           row_number() OVER (PARTITION BY (reported_at AT TIME ZONE 'Asia/Shanghai')::date
                              ORDER BY reported_at) AS serial,
           state NOT IN ('suspended', 'closed', 'declined', 'voided') AS clock,
           CASE WHEN state = 'in_disposal' THEN interval '3 days' ELSE interval '1 hour' END AS span
    FROM stated
)
INSERT INTO cases_case (
    jurisdiction_id, number, source, external_id, minor_class_id, condition_id, description, lon, lat,
    address, grid_id, zone_id, place, component_id, reporter_id, reporter_name, reporter_phone, state,
    current_unit_id, reported_at, closed_at, stage_started_at, stage_limit, stage_limit_unit, stage_due_at,
    stage_breached, disposal_started_at, disposal_due_at, disposal_extension, disposal_remaining,
    resume_at, pending_request, pending_request_data, urgent, supervised, self_disposed, return_count,
    rework_count, extension_count, urge_count, duplicate_of_id, version)
SELECT %(jurisdiction)s,
       %(code)s || to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(serial::text, 5, '0'),
       (%(sources)s::text[])[width_bucket(r_source, %(source_bounds)s::float8[])],
       '', (%(class_ids)s::bigint[])[ci], NULL, (%(descriptions)s::text[])[ci],
       (%(lons)s::float8[])[gi] + (r_lon - 0.5) * 0.003, (%(lats)s::float8[])[gi] + (r_lat - 0.5) * 0.006,
       (%(streets)s::text[])[1 + floor(r_street * %(street_count)s)::int]
           || (1 + floor(r_lon * 300))::int || '号',
       (%(grid_ids)s::bigint[])[gi], (%(zone_ids)s::bigint[])[gi], 'any', NULL,
       (%(collector_ids)s::bigint[])[gi], '', '', state,
       CASE WHEN state IN ('dispatched', 'in_disposal', 'suspended', 'checking', 'checked', 'closed')
            THEN (%(unit_ids)s::bigint[])[width_bucket(r_unit, %(unit_bounds)s::float8[])] END,
       reported_at,
       CASE WHEN state = 'closed' THEN reported_at + interval '1 day' * (1 + r_clock * 4) END,
       CASE WHEN clock THEN started END,
       CASE WHEN clock THEN CASE WHEN state = 'in_disposal' THEN 2 ELSE 30 END END,
       CASE WHEN clock THEN CASE WHEN state = 'in_disposal' THEN 'working_days' ELSE 'working_minutes' END
            ELSE '' END,
       CASE WHEN clock THEN started + span END,
       clock AND started + span < now() - interval '5 minutes',
       NULL, NULL, 0, NULL, NULL, '', '{}'::jsonb,
       r_lat < 0.04, r_unit > 0.97, false, 0, 0, 0, 0, NULL, 0
FROM numbered
"""

EVENTS_SQL = """
INSERT INTO cases_event (case_id, type, at, actor_id, actor_role, actor_unit_id, from_state, to_state, note, data)
SELECT c.id, s.type, c.reported_at + s.step * interval '50 minutes', s.actor_id, s.actor_role,
       CASE WHEN s.by_unit THEN c.current_unit_id END, s.from_state, s.to_state, '', '{}'::jsonb
FROM cases_case c JOIN bench_step s ON s.state = c.state
"""


def generate(count):
    """Insert ``count`` cases and their events; returns (seconds, events)."""
    import shapely
    from django.db import connection

    from gridcity.cases.workflow import TRANSITIONS
    from gridcity.catalog.models import MinorClass
    from gridcity.demo.cases import DEMO_CLASSES, DESCRIPTIONS, SOURCES
    from gridcity.grids.models import Grid
    from gridcity.org.models import Jurisdiction, Unit, User
    from gridcity.org.roles import Role

    county = Jurisdiction.objects.get(code="371327")
    people = {user.username: user for user in User.objects.filter(jurisdiction=county)}
    collectors = {user.zone_id: user.pk for user in people.values() if user.zone_id}
    grids = list(Grid.objects.filter(jurisdiction=county).order_by("code"))
    centres = [shapely.geometry.shape(grid.boundary).centroid for grid in grids]
    classes = [
        (MinorClass.objects.get(major__kind=kind, major__code=major, code=minor), weight)
        for kind, major, minor, weight, _place in DEMO_CLASSES
    ]
    units = {unit.code: unit.pk for unit in Unit.objects.filter(jurisdiction=county)}
    parameters = {
        "count": count,
        "jurisdiction": county.pk,
        "code": county.code,
        "grid_count": len(grids),
        "grid_ids": [grid.pk for grid in grids],
        "zone_ids": [grid.zone_id for grid in grids],
        "collector_ids": [collectors[grid.zone_id] for grid in grids],
        "lons": [centre.x for centre in centres],
        "lats": [centre.y for centre in centres],
        "open_states": [state for state, _w in OPEN_WEIGHTS],
        "open_bounds": bounds(OPEN_WEIGHTS),
        "ended_states": [state for state, _w in ENDED_WEIGHTS],
        "ended_bounds": bounds(ENDED_WEIGHTS),
        "sources": [str(source) for source, _w in SOURCES],
        "source_bounds": bounds(SOURCES),
        "class_ids": [minor.pk for minor, _w in classes],
        "class_bounds": bounds([(minor.pk, weight) for minor, weight in classes]),
        "descriptions": [
            DESCRIPTIONS.get(minor.code, f"发现{minor.name}问题，请及时处理") for minor, _w in classes
        ],
        "unit_ids": [units[code] for code, _w in UNIT_WEIGHTS],
        "unit_bounds": bounds(UNIT_WEIGHTS),
        "streets": STREETS,
        "street_count": len(STREETS),
    }
    roles = {
        "collector01": Role.COLLECTOR,
        "acceptor": Role.ACCEPTOR,
        "shiftleader": Role.SHIFT_LEADER,
        "dispatcher": Role.DISPATCHER,
        "handler": Role.UNIT_HANDLER,
    }
    steps = []
    for state, path in PATHS.items():
        current = ""
        for number, name in enumerate(path):
            spec = TRANSITIONS[name]
            target = str(spec.target) if spec.target is not None else current
            actor = ACTORS[name]
            steps.append(
                (
                    state,
                    number,
                    spec.event_type(name),
                    current,
                    target,
                    people[actor].pk,
                    str(roles[actor]),
                    actor == "handler",
                )
            )
            current = target
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(CASES_SQL, parameters)
        log(f"{count:,} cases inserted after {time.perf_counter() - start:.0f} s")
        cursor.execute(
            "CREATE TEMP TABLE bench_step (state text, step int, type text, from_state text, to_state text,"
            " actor_id bigint, actor_role text, by_unit bool)"
        )
        cursor.executemany("INSERT INTO bench_step VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", steps)
        cursor.execute(EVENTS_SQL)
        events = cursor.rowcount
        log(f"{events:,} events inserted after {time.perf_counter() - start:.0f} s")
        fill_case_texts(cursor)
        log(f"text search pairs inserted after {time.perf_counter() - start:.0f} s")
        # VACUUM sets the visibility map (index-only scans), ANALYZE the planner's statistics.
        cursor.execute("VACUUM ANALYZE cases_case")
        cursor.execute("VACUUM ANALYZE cases_event")
        cursor.execute("VACUUM ANALYZE cases_casetext")
    return time.perf_counter() - start, events


def fill_case_texts(cursor):
    """Text search's character pairs of every case, made by the function the workflow uses."""
    from gridcity.cases.search import bigrams

    pairs_of = {}  # the descriptions and addresses repeat: compute each text's pairs once
    cursor.execute("SELECT id, description, address FROM cases_case")
    rows = cursor.fetchall()
    with cursor.copy("COPY cases_casetext (case_id, bigrams) FROM STDIN") as copy:
        for case_id, description, address in rows:
            text = f"{description} {address}"
            if text not in pairs_of:
                pairs_of[text] = " ".join(sorted(bigrams(text)))
            copy.write_row((case_id, pairs_of[text]))


# -- the measurements ------------------------------------------------------------------------


def p95(samples):
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def timed(client, url, queries):
    """p95 in ms of REQUESTS GETs of ``url``, cycling through ``queries`` (after a warm-up)."""
    cycle = itertools.cycle(queries)
    for _ in range(WARM_UP):
        response = client.get(url, next(cycle))
        assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(REQUESTS):
        query = next(cycle)
        start = time.perf_counter()
        response = client.get(url, query)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, query, response.status_code)
    return p95(samples)


def measure(count):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from gridcity.cases.models import Case, Source, State
    from gridcity.catalog.models import MinorClass
    from gridcity.demo.county import load_demo
    from gridcity.grids.models import Grid, Zone
    from gridcity.org.models import Unit, User

    call_command("migrate", verbosity=0)
    county, _accounts = load_demo(cases=False)
    seconds, events = generate(count)
    settings.DEBUG = False  # no query log: time what production would spend
    size = f"{count:,} cases, PostgreSQL"
    emit(f"generating {count:,} cases and {events:,} events by bulk SQL", seconds, "s")
    open_count = Case.objects.open().count()
    context("console bench data", f"{count:,} cases ({open_count:,} open), {events:,} events, 33 grids")
    context(
        "console bench PostgreSQL", connection.cursor().connection.info.parameter_status("server_version")
    )

    client = Client()
    client.force_login(User.objects.get(username="shiftleader"))
    rng = random.Random(4)
    minors = list(MinorClass.objects.filter(cases__isnull=False).distinct().values_list("pk", "major_id"))
    units = list(
        Unit.objects.filter(jurisdiction=county, cases__isnull=False).distinct().values_list("pk", flat=True)
    )
    numbers = list(Case.objects.order_by("?").values_list("number", flat=True)[:40])
    months = []  # a month somewhere in the two years, and one single day
    for _ in range(24):
        first = timezone.localdate() - timedelta(days=rng.randint(31, 720))
        months.append(
            {"reported_from": first.isoformat(), "reported_to": (first + timedelta(days=30)).isoformat()}
        )
    months.append({"reported_from": first.isoformat(), "reported_to": first.isoformat()})
    filters = {
        "unfiltered": [{}],
        "state": [{"state": state} for state in State.values],
        "source": [{"source": source} for source in Source.values],
        "major class": [{"major": str(major)} for major in sorted({major for _pk, major in minors})],
        "minor class": [{"minor": str(pk)} for pk, _major in minors],
        "zone": [
            {"zone": str(pk)} for pk in Zone.objects.filter(jurisdiction=county).values_list("pk", flat=True)
        ],
        "grid": [
            {"grid": code} for code in Grid.objects.filter(jurisdiction=county).values_list("code", flat=True)
        ],
        "unit": [{"unit": str(pk)} for pk in units],
        "overdue": [{"overdue": "1"}],
        "dates": months,
        # Words in many descriptions or addresses, a case number, the start of one (a month).
        "text": [
            {"q": q} for q in ("垃圾", "人民路", "油烟", "路灯", "占用人行道", numbers[0], numbers[1][:12])
        ],
        # Words no case contains, or very few: every case is read to find out (no text index).
        "text matching few or no cases": [{"q": q} for q in ("井盖", "振兴路12号", "无此内容", "火星路")],
    }
    url = reverse("console:case_list")
    for name, queries in filters.items():
        emit(
            f"case list first page p95, {name} ({size})",
            timed(client, url, queries),
            "ms",
            LIST_GOAL_MS,
            False,
        )
        log(f"list, {name}: done")
    for sort in ("stage_due_at", "-stage_due_at", "number"):
        milliseconds = timed(client, url, [{"sort": sort}])
        emit(f"case list first page p95, sorted by {sort} ({size})", milliseconds, "ms", None, False)
    emit(
        f"case list page 20 p95, unfiltered ({size})", timed(client, url, [{"page": "20"}]), "ms", None, False
    )
    features = reverse("console:case_features")
    emit(f"case map GeoJSON p95, all open cases ({size})", timed(client, features, [{}]), "ms", None, False)
    emit(
        f"case map GeoJSON p95, one zone ({size})",
        timed(client, features, filters["zone"]),
        "ms",
        None,
        False,
    )

    case_url = reverse("console:case", args=[numbers[0]])
    status = client.get(case_url).status_code
    if status == 200:
        pages = [reverse("console:case", args=[number]) for number in numbers]
        cycle = itertools.cycle(pages)
        for _ in range(WARM_UP):
            client.get(next(cycle))
        samples = []
        for _ in range(REQUESTS):
            page = next(cycle)
            start = time.perf_counter()
            response = client.get(page)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (page, response.status_code)
        emit(f"case page p95 ({size})", p95(samples), "ms", CASE_GOAL_MS, False)
    else:
        context("console bench case page", f"not measured: /cases/<number>/ answered {status}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--cases", type=int, help="override the size's number of cases")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards (to EXPLAIN queries)"
    )
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    run(args.cases or SIZES[args.size], keep=args.keep)


if __name__ == "__main__":
    main()
