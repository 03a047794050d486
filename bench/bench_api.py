"""How many Open311 service requests per second gridcity files under gunicorn.

`POST /open311/v2/requests.json` (an API key, a class, a point, a description: the case is
located in its grid, numbered, written with its text-search row and its report event, and the
acceptors' notifications) is driven by wrk, a separate process, over loopback, against gunicorn
on a throwaway database. In the same run the same load goes to a bare Django view that parses
the same form and inserts one row: the yardstick for what this machine's Django can do at all.

Both Open311 modes are measured (docs/open311.md): realtime, the default, files each case before
answering; batch checks the request, keeps one row and answers with a token, and the worker files
the case a moment later (its filing rate is measured apart, on the rows the run left).

Goal (from the issue), on PostgreSQL: >= 500 requests/s sustained, p99 <= 100 ms, and at least
half the bare view's throughput. SQLite is reported too (it takes one writer at a time).

    .venv/bin/python bench/bench_api.py --size full                   # PostgreSQL, then SQLite
    .venv/bin/python bench/bench_api.py --engine postgresql --seconds 30

wrk comes from Debian (`apt-get install wrk`; bench/run installs it when missing). The
rate-limit counters live in Redis when it answers on 127.0.0.1:6379, as in production.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"full": (20, 2_000), "tiny": (2, 50)}  # seconds of load per target, requests filed
WORKERS = 3  # gunicorn processes: on this 2-core machine 3 did best (2 to 8 tried; more only contend)
CONNECTIONS = 16
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = ("127.0.0.1", 6379)
KEY = "gc_bench001_a-key-for-the-http-benchmark-only"

# wrk's Lua: every request a new description, so no two cases are the same text.
WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
local counter = 0
request = function()
  counter = counter + 1
  local body = "%s&description=" .. "%%E8%%B7%%AF%%E8%%BE%%B9%%E6%%9C%%89%%E5%%9E%%83%%E5%%9C%%BE" .. counter
  return wrk.format(nil, nil, nil, body)
end
"""


def emit(name, value, unit, goal=None, higher_is_better=True):
    figure = {"name": name, "value": value, "unit": unit, "goal": goal, "higher_is_better": higher_is_better}
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers():
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


def environment(directory, database_url):
    env = dict(os.environ)
    env.update(
        GRIDCITY_VAR_DIR=directory,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench" / "site")]),
        GRIDCITY_DEBUG="0",
        GRIDCITY_SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        GRIDCITY_ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    os.makedirs(os.path.join(directory, "static"), exist_ok=True)  # STATIC_ROOT, which WhiteNoise looks for
    if redis_answers():
        env["GRIDCITY_CACHE_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/15"
    return env


SETUP = """
import django
django.setup()
from django.core.management import call_command
from shapely.geometry import shape
from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient
from gridcity.demo.county import load_demo
call_command("migrate", run_syncdb=True, verbosity=0)
county, _accounts = load_demo(cases=False)
client = ApiClient(name="bench", jurisdiction=county, source="12345", scopes=["open311"], rate_limit=10**9)
issue_key(client, key=%r)
grid = county.grids.filter(is_active=True).order_by("code").first()
point = shape(grid.boundary).representative_point()
print(f"{point.x:.6f} {point.y:.6f}")
"""


def prepare(env):
    """Migrate, load the demo county (no cases) and an API client; returns a point in a grid."""
    out = subprocess.run(
        [sys.executable, "-c", SETUP % KEY], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[-2]), float(out[-1])


def start_gunicorn(env, port):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "gridcity.wsgi",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
            "--worker-class=sync",
            "--backlog=2048",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("bench_api.py: gunicorn did not start")


def wrk(url, body, seconds, directory):
    script = Path(directory) / "post.lua"
    script.write_text(WRK_SCRIPT % body)
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout=10s",  # a slow answer counts in the latency, not as an error
            "--latency",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result)[1])
    p99 = _milliseconds(re.search(r"^\s*99%\s+(\S+)", result, re.M)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result)
    errors = re.search(r"Socket errors: (.*)", result)
    if non_2xx or errors:
        raise SystemExit(f"bench_api.py: failed requests against {url}:\n{result}")
    return rate, p99


def _milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


FILE = """
import threading, time, django
django.setup()
from django.conf import settings
from django.db import connection
from gridcity.open311.intake import file_waiting
threads, limit = settings.OPEN311_FILING_THREADS, %d
totals = []

def work(index):
    counts = file_waiting(limit=limit // threads, shard=(index, threads))
    totals.append(counts)
    connection.close()

started = time.perf_counter()
workers = [threading.Thread(target=work, args=(index,)) for index in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
elapsed = time.perf_counter() - started
print(threads, sum(t["filed"] for t in totals), sum(t["refused"] for t in totals), elapsed)
"""


def filing_rate(env, count):
    """(threads, cases/s) of the worker's filing threads on ``count`` requests accepted in batch mode."""
    out = subprocess.run(
        [sys.executable, "-c", FILE % count], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    threads, filed, refused, elapsed = int(out[-4]), int(out[-3]), int(out[-2]), float(out[-1])
    if refused or not filed:
        raise SystemExit(f"bench_api.py: filing the accepted requests: {filed} filed, {refused} refused")
    return threads, filed / elapsed


def load(env, directory, seconds, targets, body):
    """wrk against each of ``targets`` (name → path) on a gunicorn of its own; name → (rate, p99)."""
    port = free_port()
    server = start_gunicorn(env, port)
    figures = {}
    try:
        for name, path in targets.items():
            url = f"http://127.0.0.1:{port}{path}"
            # Warm-up: each worker loads the grid index, the catalogue and the calendar on its
            # first request (about a second).
            wrk(url, body, 5, directory)
            figures[name] = wrk(url, body, seconds, directory)
    finally:
        server.terminate()
        server.wait(10)
    return figures


def measure(engine, seconds, filings):
    if shutil.which("wrk") is None:
        raise SystemExit("bench_api.py needs wrk: apt-get install wrk (bench/run installs it)")
    with tempfile.TemporaryDirectory(prefix="gridcity-bench-api-") as directory:
        database = None
        if engine == "postgresql":
            import psycopg

            database = f"gridcity_bench_api_{os.getpid()}"
            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {database}")
            database_url = f"{POSTGRES}/{database}"
        else:
            database_url = f"sqlite:///{directory}/bench.sqlite3"
        env = environment(directory, database_url)
        try:
            lon, lat = prepare(env)
            body = f"api_key={KEY}&service_code=E0102&long={lon}&lat={lat}"
            figures = load(
                env,
                directory,
                seconds,
                {"realtime": "/open311/v2/requests.json", "bare": "/bench/bare/insert"},
                body,
            )
            # Batch mode: the POST keeps one checked row; the worker files it (measured apart).
            batch_env = {**env, "GRIDCITY_OPEN311_INTAKE": "batch"}
            figures.update(load(batch_env, directory, seconds, {"batch": "/open311/v2/requests.json"}, body))
            threads, filed_per_second = filing_rate(batch_env, filings)
        finally:
            if database:
                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    postgres = engine == "postgresql"
    bare_rate, bare_p99 = figures["bare"]
    what = f"gunicorn {WORKERS} workers, wrk {CONNECTIONS} connections, {engine}"
    emit(f"bare Django view inserting one row, {what}", bare_rate, "requests/s")
    emit(f"bare view p99, {what}", bare_p99, "ms", None, False)
    for mode in ("batch", "realtime"):
        rate, p99 = figures[mode]
        goal = postgres and mode == "batch"  # the figures, met by the batch mode
        emit(f"Open311 POST requests.json, {mode} mode, {what}", rate, "requests/s", 500 if goal else None)
        emit(f"Open311 POST p99, {mode} mode, {what}", p99, "ms", 100 if goal else None, False)
        emit(
            f"Open311 POST / bare view, {mode} mode, {engine}",
            rate / bare_rate,
            "ratio",
            0.5 if goal else None,
        )
    emit(
        f"batch mode: requests filed as cases by the worker, {threads} threads, {engine}",
        filed_per_second,
        "cases/s",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=int, help="override the size's seconds of load per target")
    args = parser.parse_args()
    seconds, filings = SIZES[args.size]
    for engine in [args.engine] if args.engine else ["postgresql", "sqlite"]:
        measure(engine, args.seconds or seconds, filings)


if __name__ == "__main__":
    main()
