"""How many Open311 service requests per second gridcity files under gunicorn.

`POST /open311/v2/requests.json` (an API key, a class, a point, a description: the case is
located in its grid, numbered, written with its text-search row and its report event, and the
acceptors' notifications) is driven by wrk, a separate process, over loopback, against gunicorn
on a throwaway database. In the same run the same load goes to a bare Django view that parses
the same form and inserts one row: the yardstick for what this machine's Django can do at all.

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
SIZES = {"full": 20, "tiny": 2}  # seconds of load per target
WORKERS = 4  # gunicorn processes: two per core, as they wait on the database half the time
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


def measure(engine, seconds):
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
        server = None
        try:
            lon, lat = prepare(env)
            port = free_port()
            server = start_gunicorn(env, port)
            base = f"http://127.0.0.1:{port}"
            body = f"api_key={KEY}&service_code=E0102&long={lon}&lat={lat}"
            targets = {
                "open311": f"{base}/open311/v2/requests.json",
                "bare": f"{base}/bench/bare/insert",
            }
            figures = {}
            for name, url in targets.items():
                # Warm-up: each worker loads the grid index, the catalogue and the calendar on its
                # first request (about a second).
                wrk(url, body, 5, directory)
                figures[name] = wrk(url, body, seconds, directory)
        finally:
            if server is not None:
                server.terminate()
                server.wait(10)
            if database:
                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    (rate, p99), (bare_rate, bare_p99) = figures["open311"], figures["bare"]
    postgres = engine == "postgresql"
    what = f"gunicorn {WORKERS} workers, wrk {CONNECTIONS} connections, {engine}"
    emit(f"Open311 POST requests.json, {what}", rate, "requests/s", 500 if postgres else None)
    emit(f"Open311 POST requests.json p99, {what}", p99, "ms", 100 if postgres else None, False)
    emit(f"bare Django view inserting one row, {what}", bare_rate, "requests/s")
    emit(f"bare view p99, {what}", bare_p99, "ms", None, False)
    emit(
        f"Open311 POST / bare view throughput, {engine}", rate / bare_rate, "ratio", 0.5 if postgres else None
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=int, help="override the size's seconds of load per target")
    args = parser.parse_args()
    seconds = args.seconds or SIZES[args.size]
    for engine in [args.engine] if args.engine else ["postgresql", "sqlite"]:
        measure(engine, seconds)


if __name__ == "__main__":
    main()
