"""Turns the JSON lines of the benchmark runs into bench/RESULTS.md (called by bench/run).

    report.py --command CMD --size SIZE --repeats N RESULTS_JSONL [--output PATH]

Each line of RESULTS_JSONL is either a figure, {"name", "value", "unit", "goal",
"higher_is_better"}, printed once per run, or a context line, {"context", "value"}. The
report gives the median of each figure over the runs, every run's value, the goal and the
ratio measured / goal. Without --output the markdown goes to stdout.
"""

import argparse
import json
import os
import platform
import statistics
import sys
from datetime import datetime


def read_results(path):
    figures, context = {}, {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                sys.exit(f"report.py: line {number} of the benchmark output is not JSON: {line!r}")
            if "context" in item:
                context[item["context"]] = item["value"]
            else:
                figure = figures.setdefault(item["name"], {**item, "runs": []})
                figure["runs"].append(float(item["value"]))
    return figures, context


def proc_field(path, field):
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == field:
                    return value.strip()
    except OSError:
        pass
    return "unknown"


def machine():
    memory_kb = proc_field("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(memory_kb) / 1024**2:.1f} GiB" if memory_kb.isdigit() else "unknown"
    return {
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU model": proc_field("/proc/cpuinfo", "model name"),
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_version()} ({sys.executable})",
    }


def number(value):
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def table(figures):
    rows = [
        "| Figure | Median | Unit | Goal | Measured / goal | Runs |",
        "|---|---:|---|---:|---:|---|",
    ]
    for figure in figures.values():
        median = statistics.median(figure["runs"])
        goal, higher = figure.get("goal"), figure.get("higher_is_better", True)
        if goal:
            ratio = median / goal
            met = ratio >= 1 if higher else ratio <= 1
            goal_text = f"{'≥' if higher else '≤'} {number(goal)}"
            ratio_text = f"{ratio:.2f} {'met' if met else '**missed**'}"
        else:
            goal_text, ratio_text = "—", "—"
        runs = " · ".join(number(run) for run in figure["runs"])
        rows.append(
            f"| {figure['name']} | {number(median)} | {figure['unit']} | {goal_text} | {ratio_text} | {runs} |"
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--command", required=True)
    parser.add_argument("--size", required=True)
    parser.add_argument("--repeats", type=int, required=True)
    parser.add_argument("--output")
    args = parser.parse_args()

    figures, context = read_results(args.results)
    about = machine()
    for key, value in context.items():
        about[key.capitalize()] = value
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run` (the benchmark scripts are `bench/bench_*.py`); run it again to refresh.",
        "",
        f"- Date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- Command: `{args.command}` (size {args.size}, {args.repeats} run(s) of each script)",
        *(f"- {key}: {value}" for key, value in about.items()),
        "",
        "Median over the runs; each run is a fresh process. Runs lists every run's value in order.",
        "",
        *table(figures),
        "",
    ]
    text = "\n".join(lines)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as output:
            output.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
