"""How many cases per second go through a full cycle with the workflow functions.

Each cycle is report → file → dispatch → sign → feedback → check → close, by the demo
county's people, each step with its lock, its checks, its deadline, its event row and the
notifications it writes for the people whose queue the case enters; the report and the
feedback each carry a real (small) JPEG that is checked and stored.

Goal (from the issue): >= 100 full cycles/s on PostgreSQL in one process. Measured twice on
PostgreSQL: one case after another in one thread (every statement waits for the database), and
with THREADS threads in the same process each driving its own cases, as a threaded web server
would serve concurrent requests (one thread's Python runs while others wait for the database).
SQLite is reported with one thread (it takes one writer at a time anyway). Each engine runs in
its own process on a throwaway database (a temporary SQLite file; a PostgreSQL database created
on 127.0.0.1:5432 and dropped afterwards).

    .venv/bin/python bench/bench_cycle.py --size full
    .venv/bin/python bench/bench_cycle.py --long                   # the issue's 100,000 cycles
    .venv/bin/python bench/bench_cycle.py --long --engine sqlite

``--long`` drives 100,000 cases through the cycle (about a quarter of an hour each), with THREADS
threads on PostgreSQL and one on SQLite, and reports the rate over the whole run and over its
last tenth, when the tables hold 100,000 cases and 700,000 events; bench/run leaves it out.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

SIZES = {"full": 2_000, "tiny": 30}
LONG = 100_000
THREADS = 8
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def emit(name, value, unit, goal=None, higher_is_better=True):
    figure = {"name": name, "value": value, "unit": unit, "goal": goal, "higher_is_better": higher_is_better}
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def run_engine(engine, cycles, long=False):
    with tempfile.TemporaryDirectory(prefix="gridcity-bench-") as directory:
        os.environ["GRIDCITY_VAR_DIR"] = directory  # photos and the SQLite file go here
        os.environ["DJANGO_SETTINGS_MODULE"] = "gridcity.settings"
        database = None
        if engine == "postgresql":
            import psycopg

            database = f"gridcity_bench_{os.getpid()}"
            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {database}")
            os.environ["DATABASE_URL"] = f"{POSTGRES}/{database}"
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
        try:
            measure_long(engine, cycles) if long else measure(engine, cycles)
        finally:
            if database:
                from django.db import connections

                connections.close_all()
                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                    # FORCE: the worker threads' connections may still be open.
                    admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def _setup():
    """Migrate, load the demo county and return ``one_cycle(n)``, which drives one new case."""
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from PIL import Image

    from gridcity.cases import workflow
    from gridcity.catalog.models import MinorClass
    from gridcity.demo.county import load_demo
    from gridcity.org.models import Unit, User

    call_command("migrate", verbosity=0)
    county, _accounts = load_demo(cases=False)
    people = {
        user.username: user for user in User.objects.filter(jurisdiction=county).prefetch_related("groups")
    }
    for person in people.values():
        _ = person.roles  # cached on the instance, as within one request
    unit = Unit.objects.get(jurisdiction=county, code="urban-management")
    garbage = MinorClass.objects.get(major__kind="event", major__code="01", code="02")
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 90, 60)).save(buffer, "JPEG")
    jpeg = buffer.getvalue()

    def one_cycle(n):
        case = workflow.report(
            jurisdiction=county,
            source="collector",
            minor_class=garbage,
            description="路边有暴露垃圾",
            lon=118.7985,
            lat=35.171,
            actor=people["collector01"],
            photos=[ContentFile(jpeg, name=f"r{n}.jpg")],
        )
        workflow.file(case, actor=people["shiftleader"])
        workflow.dispatch(case, unit=unit, actor=people["dispatcher"])
        workflow.sign(case, actor=people["handler"])
        workflow.feedback(
            case, actor=people["handler"], note="已清理", photos=[ContentFile(jpeg, name=f"a{n}.jpg")]
        )
        workflow.pass_check(case, actor=people["collector01"])
        workflow.close(case, actor=people["shiftleader"])

    return one_cycle


def measure(engine, cycles):
    one_cycle = _setup()
    for n in range(min(20, cycles)):  # warm-up: caches, the spatial index, the calendar
        one_cycle(n)
    start = time.perf_counter()
    for n in range(cycles):
        one_cycle(n)
    elapsed = time.perf_counter() - start
    goal = 100 if engine == "postgresql" else None
    emit(
        f"full case cycles, one thread (7 transitions, 2 photos), {engine}",
        cycles / elapsed,
        "cycles/s",
        goal,
    )
    emit(f"transitions per second, one thread, {engine}", 7 * cycles / elapsed, "transitions/s")
    if engine != "postgresql":
        return
    start = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one_cycle, range(cycles, 2 * cycles)))
    elapsed = time.perf_counter() - start
    emit(f"full case cycles, {THREADS} threads in one process, {engine}", cycles / elapsed, "cycles/s", goal)


def measure_long(engine, cycles):
    """``cycles`` full cycles, the rate overall and over the last tenth: with THREADS threads on
    PostgreSQL, one thread on SQLite (it takes one writer at a time)."""
    one_cycle = _setup()
    for n in range(20):
        one_cycle(n)
    threads = THREADS if engine == "postgresql" else 1
    tenth = cycles // 10
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one_cycle, range(20, 20 + cycles - tenth)))
        last_tenth = time.perf_counter()
        list(pool.map(one_cycle, range(20 + cycles - tenth, 20 + cycles)))
    end = time.perf_counter()
    how = f"{threads} threads in one process" if threads > 1 else "one thread"
    name = f"full case cycles, {how}, {engine}, {cycles:,} cases"
    goal = 100 if engine == "postgresql" else None
    emit(name, cycles / (end - start), "cycles/s", goal)
    emit(f"{name}, the last {tenth:,}", tenth / (end - last_tenth), "cycles/s", goal)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"])
    parser.add_argument("--cycles", type=int, help="override the size's number of cycles")
    parser.add_argument("--long", action="store_true", help="100,000 cycles (threads on PostgreSQL)")
    args = parser.parse_args()
    cycles = args.cycles or SIZES[args.size]
    if args.long:
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
        run_engine(args.engine or "postgresql", args.cycles or LONG, long=True)
        return
    if args.engine:
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
        run_engine(args.engine, cycles)
        return
    for engine in ("postgresql", "sqlite"):
        subprocess.run(
            [sys.executable, __file__, "--engine", engine, "--cycles", str(cycles)],
            check=True,
        )


if __name__ == "__main__":
    main()
