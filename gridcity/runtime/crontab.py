"""The checked-in crontab (deploy/crontab) read as a list of management commands.

Production installs the file as it is into cron; the demo server's worker reads the same
file and runs the commands in-process, so both run exactly the same periodic work.
"""

import re
import shlex
from dataclasses import dataclass

from croniter import croniter


class CrontabError(ValueError):
    pass


@dataclass(frozen=True)
class Job:
    schedule: str  # the five cron fields
    arguments: tuple  # management command and its arguments, e.g. ("clearsessions",)
    line: int

    @property
    def name(self):
        return " ".join(self.arguments)

    def due_between(self, since, until):
        """Whether the schedule fires in (since, until]; both are aware datetimes."""
        return croniter(self.schedule, since).get_next(type(since)) <= until


def parse_crontab(text):
    jobs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"[A-Za-z_][A-Za-z0-9_]*\s*=", line):
            continue  # an environment assignment such as GRIDCITY=/srv/gridcity
        fields = line.split(None, 5)
        if len(fields) < 6:
            raise CrontabError(f"line {number}: expected five schedule fields and a command")
        schedule = " ".join(fields[:5])
        if not croniter.is_valid(schedule):
            raise CrontabError(f"line {number}: “{schedule}” is not a valid cron schedule")
        words = shlex.split(fields[5])
        positions = [i for i, word in enumerate(words) if word.endswith("manage.py")]
        if not positions or positions[0] == len(words) - 1:
            raise CrontabError(f"line {number}: the command must run “manage.py <command>”")
        jobs.append(Job(schedule, tuple(words[positions[0] + 1 :]), number))
    return jobs


def read_crontab(path):
    with open(path, encoding="utf-8") as handle:
        return parse_crontab(handle.read())
