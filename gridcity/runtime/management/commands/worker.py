import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from gridcity.runtime.crontab import read_crontab

log = logging.getLogger("gridcity.worker")


class Command(BaseCommand):
    help = "Run the background work: the periodic jobs of deploy/crontab, in-process."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once now, then exit.")
        parser.add_argument("--crontab", default=None, help="Crontab file (default: settings.CRONTAB_PATH).")

    def handle(self, *args, once=False, crontab=None, **options):
        jobs = read_crontab(crontab or settings.CRONTAB_PATH)
        self.stdout.write(f"worker: {len(jobs)} periodic jobs: " + "; ".join(job.name for job in jobs))
        if once:
            failures = sum(not self.run(job) for job in jobs)
            if failures:
                raise CommandError(f"{failures} periodic job(s) failed; see the log above")
            return
        last = timezone.localtime()
        while True:
            time.sleep(1.0 - (time.time() % 1.0))
            now = timezone.localtime()
            for job in jobs:
                if job.due_between(last, now):
                    self.run(job)
            last = now

    def run(self, job):
        close_old_connections()
        started = time.monotonic()
        try:
            call_command(*job.arguments)
        except Exception:  # one failing job must not stop the others
            log.exception("periodic job %s failed", job.name)
            return False
        finally:
            close_old_connections()
        log.info("periodic job %s done in %.2f s", job.name, time.monotonic() - started)
        return True
