"""How long the quarterly evaluation and a day's unit scores take over a quarter of cases.

Goal (from the issue): the quarterly evaluation of 1,000,000 cases (about 8,000,000 events) in
≤ 10 s on PostgreSQL and ≤ 30 s on SQLite; a day's scores in ≤ 1 s.

The data: the demo county without its demo cases (11 zones, 33 grids, its units and people), and
N cases reported between 2026-07-01 and 2026-09-30 (Asia/Shanghai), lived through the workflow by
bench/evaluation_data.py and written in bulk: 7.57 events per case (the cycle itself is 7
events), a tenth of the cases still open at the quarter's end. Generating a million cases takes
about 4 minutes on PostgreSQL and 2½ on SQLite here, so the full size keeps its database and
reuses it while it holds the same data: on PostgreSQL the database gridcity_bench_eval (created
on 127.0.0.1:5432), on SQLite the file bench-evaluation.sqlite3 in the var directory
(GRIDCITY_VAR_DIR, else var/). Any other number of cases gets a database of its own with the
number in its name. The tiny size uses a throwaway database, checks that the generated rows keep
the workflow's rules (--check does it for any size: about 40 s at the full size), and drops it.
Statistics are left as production has them: PostgreSQL's case and event tables analyzed (as
autovacuum would), the small tables not; no ANALYZE on SQLite.

Measured, REPEATS times each in this process (the figure is the median):
* gridcity.evaluation.indicators.compute_all(jurisdiction, Period.quarter(2026, 3)): every
  indicator of the quarter for every kind of object (zones, grids, units, collectors, acceptors,
  shift leaders, dispatchers);
* gridcity.evaluation.daily.score_day(jurisdiction, day) for a working day in the middle of the
  quarter (it writes that day's unit scores, and writes them again the same on every run).

Prints one JSON object per line (see bench/run); progress goes to stderr.

    .venv/bin/python bench/bench_evaluation.py --size full                       # both engines
    .venv/bin/python bench/bench_evaluation.py --size full --engine postgresql
    .venv/bin/python bench/bench_evaluation.py --size full --engine sqlite --regenerate
    .venv/bin/python bench/bench_evaluation.py --size tiny                       # a smoke run
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SIZES = {"full": 1_000_000, "tiny": 2_000}
POSTGRES = "postgres://postgres@127.0.0.1:5432"
KEPT_DATABASE = "gridcity_bench_eval"
KEPT_FILE = "bench-evaluation"
REPEATS = 3
QUARTER = (2026, 3)
QUARTER_GOAL_SECONDS = {"postgresql": 10, "sqlite": 30}
DAY_GOAL_SECONDS = 1
ROOT = Path(__file__).resolve().parent.parent


def emit(name, value, unit, goal=None, higher_is_better=True):
    figure = {"name": name, "value": value, "unit": unit, "goal": goal, "higher_is_better": higher_is_better}
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def context(name, value):
    print(json.dumps({"context": name, "value": value}, ensure_ascii=False), flush=True)


def log(message):
    print(f"bench_evaluation: {message}", file=sys.stderr, flush=True)


# -- the database ----------------------------------------------------------------------------


# A row saying what a kept database holds, written once its data is complete.
MARKER_TABLE = "bench_evaluation_data"
MARKER_QUERY = f"SELECT version, cases, events, seconds FROM {MARKER_TABLE}"


def kept_data(row, count):
    """(cases, events, seconds) if the marker ``row`` says the database holds ``count`` cases
    of this generator's version; None for anything else (no marker: a half-written database)."""
    from evaluation_data import DATA_VERSION

    if row and row[0] == DATA_VERSION and row[1] == count:
        return row[1:]
    return None


def postgres_database(name, count, regenerate):
    """Create the database ``name`` unless it holds the data; returns what it holds, or None."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and not regenerate:
        try:
            with psycopg.connect(f"{POSTGRES}/{name}") as connection:
                held = kept_data(connection.execute(MARKER_QUERY).fetchone(), count)
        except psycopg.errors.UndefinedTable:
            held = None
        if held:
            return held
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        if exists:
            why = (
                "asked to" if regenerate else f"it does not hold {count:,} cases of this generator's version"
            )
            log(f"dropping {name}: {why}")
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return None


def sqlite_file(path, count, regenerate):
    """Delete the file unless it holds the data; returns what it holds, or None."""
    if path.exists() and not regenerate:
        connection = sqlite3.connect(path)
        try:
            held = kept_data(connection.execute(MARKER_QUERY).fetchone(), count)
        except sqlite3.OperationalError:  # no such table
            held = None
        finally:
            connection.close()
        if held:
            return held
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return None


def run_engine(engine, count, kept, regenerate, check):
    os.environ["DJANGO_SETTINGS_MODULE"] = "gridcity.settings"
    suffix = "" if count == SIZES["full"] else f"_{count}"
    with tempfile.TemporaryDirectory(prefix="gridcity-bench-") as directory:
        database = None
        if kept:
            var = Path(os.environ.get("GRIDCITY_VAR_DIR", ROOT / "var"))
            var.mkdir(parents=True, exist_ok=True)
            if engine == "postgresql":
                database = KEPT_DATABASE + suffix
                held = postgres_database(database, count, regenerate)
                url = f"{POSTGRES}/{database}"
            else:
                path = var / f"{KEPT_FILE}{suffix.replace('_', '-')}.sqlite3"
                held = sqlite_file(path, count, regenerate)
                url = f"sqlite:///{path}"
            where = database or path
        else:
            os.environ["GRIDCITY_VAR_DIR"] = directory
            held = None
            if engine == "postgresql":
                import psycopg

                database = f"gridcity_bench_eval_{os.getpid()}"
                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE {database}")
                url = f"{POSTGRES}/{database}"
            else:
                url = f"sqlite:///{directory}/bench.sqlite3"
            where = "a throwaway database"
        os.environ["DATABASE_URL"] = url
        try:
            jurisdiction, cases, events = prepare(engine, count, held, check, where)
            measure(engine, jurisdiction, cases, events)
        finally:
            from django.db import connections

            connections.close_all()
            if database and not kept:
                import psycopg

                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def prepare(engine, count, held, check, where):
    """Migrate; generate the data unless ``held``; returns (jurisdiction, cases, events)."""
    import django

    django.setup()
    import evaluation_data
    from django.core.management import call_command
    from django.db import connection

    from gridcity.demo.county import load_demo
    from gridcity.org.models import Jurisdiction

    call_command("migrate", verbosity=0)  # a kept database gets the migrations written since
    if held:
        cases, events, seconds = held
        log(f"reusing {where}: {cases:,} cases, {events:,} events (generated in {seconds:.0f} s)")
        jurisdiction = Jurisdiction.objects.get(code="371327")
    else:
        check_columns()
        log(f"generating {count:,} cases in {where} ({engine})")
        start = time.perf_counter()
        jurisdiction, _accounts = load_demo(cases=False)
        writer = evaluation_data.writer_for(connection, jurisdiction.pk)
        cases, events = evaluation_data.generate(jurisdiction, count, writer, log=log)
        writer.finish()
        seconds = time.perf_counter() - start
        emit(
            f"generating {cases:,} cases and {events:,} events for the evaluation bench, {engine}",
            seconds,
            "s",
        )
        for line in evaluation_data.describe(connection):
            log(line)
        if check:
            start = time.perf_counter()
            broken = evaluation_data.check(connection)
            if broken:
                raise SystemExit(
                    "bench_evaluation: the generated data breaks the workflow's rules: "
                    + "; ".join(f"{rule}: {number:,}" for rule, number in broken.items())
                )
            log(
                f"the generated data keeps the workflow's rules (checked in {time.perf_counter() - start:.0f} s)"
            )
        with connection.cursor() as cursor:
            table = MARKER_TABLE
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (version integer, cases integer, events integer, seconds real)"
            )
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} VALUES (%s, %s, %s, %s)",
                [evaluation_data.DATA_VERSION, cases, events, seconds],
            )
    context(f"evaluation bench data, {engine}", f"{cases:,} cases of 2026 Q3, {events:,} events")
    return jurisdiction, cases, events


def check_columns():
    """The generator writes every column of Case and Event: a new column must be added there."""
    from evaluation_data import CASE_COLUMNS, EVENT_COLUMNS

    from gridcity.cases.models import Case, Event

    for model, columns in ((Case, CASE_COLUMNS), (Event, ("id", *EVENT_COLUMNS))):
        actual = {field.column for field in model._meta.concrete_fields}
        if actual != set(columns):
            raise SystemExit(
                f"bench_evaluation: {model.__name__} has the columns {sorted(actual ^ set(columns))} that "
                "bench/evaluation_data.py does not write, or no longer has them: update it"
            )


# -- the measurements ------------------------------------------------------------------------


def timed(function, *args):
    """Seconds of each of REPEATS calls, and the last call's result."""
    runs, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = function(*args)
        runs.append(time.perf_counter() - start)
    return runs, result


def middle_working_day(calendar):
    day = date(QUARTER[0], 3 * QUARTER[1] - 1, 15)  # mid-August for the third quarter
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def measure(engine, jurisdiction, cases, events):
    from django.conf import settings

    from gridcity.evaluation.daily import score_day
    from gridcity.evaluation.indicators import compute_all
    from gridcity.evaluation.periods import Period
    from gridcity.worktime.selectors import calendar_for

    settings.DEBUG = False  # no query log: time what production would spend
    size = f"{cases:,} cases, {events:,} events, {engine}"
    runs, result = timed(compute_all, jurisdiction, Period.quarter(*QUARTER))
    goal = QUARTER_GOAL_SECONDS[engine]
    name = f"quarterly evaluation compute_all, 2026 Q3 ({size})"
    emit(name, statistics.median(runs), "s", goal, False)
    log(f"{name}: median {statistics.median(runs):.2f} s, goal ≤ {goal} s (runs {show(runs)})")
    log("objects evaluated: " + ", ".join(f"{kind} {len(objects)}" for kind, objects in result.items()))

    day = middle_working_day(calendar_for(jurisdiction))
    runs, scored = timed(score_day, jurisdiction, day)
    name = f"a day's unit scores score_day, {day} ({size})"
    emit(name, statistics.median(runs), "s", DAY_GOAL_SECONDS, False)
    log(
        f"{name}: median {statistics.median(runs):.3f} s, goal ≤ {DAY_GOAL_SECONDS} s"
        f" (runs {show(runs)}; {scored} units scored)"
    )


def show(runs):
    return " · ".join(f"{run:.3f}" for run in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--engine", choices=["postgresql", "sqlite"], help="one engine (default: both)")
    parser.add_argument(
        "--cases", type=int, help="override the size's number of cases (kept in its own database)"
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the kept data again")
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the generated rows against the workflow's rules (tiny: always)",
    )
    args = parser.parse_args()
    if args.cases is not None and args.cases < 1:
        parser.error("--cases must be a positive number")
    count = args.cases or SIZES[args.size]
    kept = args.size == "full" or args.cases is not None
    if args.engine:
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(ROOT / "bench"))
        run_engine(args.engine, count, kept, args.regenerate, args.check or not kept)
        return
    for engine in ("postgresql", "sqlite"):
        command = [sys.executable, __file__, "--size", args.size, "--engine", engine]
        command += ["--cases", str(args.cases)] if args.cases else []
        command += ["--regenerate"] * args.regenerate + ["--check"] * args.check
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
