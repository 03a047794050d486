import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from gridcity.open311.intake import file_forever, file_waiting
from gridcity.outbox.delivery import deliver_due, deliver_forever
from gridcity.runtime.crontab import read_crontab

log = logging.getLogger("gridcity.worker")


class Command(BaseCommand):
    help = (
        "Run the background work: the periodic jobs of deploy/crontab, in-process, and the delivery "
        "of outgoing messages (webhooks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job and one outbox pass now, then exit."
        )
        parser.add_argument("--crontab", default=None, help="Crontab file (default: settings.CRONTAB_PATH).")

    def handle(self, *args, once=False, crontab=None, **options):
        jobs = read_crontab(crontab or settings.CRONTAB_PATH)
        self.stdout.write(f"worker: {len(jobs)} periodic jobs: " + "; ".join(job.name for job in jobs))
        if once:
            failures = sum(not self.run(job) for job in jobs)
            failures += not self.one_pass("outbox", deliver_due)
            failures += not self.one_pass("open311 intake", file_waiting)
            if failures:
                raise CommandError(f"{failures} periodic job(s) or passes failed; see the log above")
            return
        # Its own thread (and so its own database connection): a slow receiver holds up the
        # outgoing messages, never the periodic jobs.
        threading.Thread(target=deliver_forever, name="outbox", daemon=True).start()
        # Open311 requests accepted in batch mode (OPEN311_INTAKE=batch) are filed as cases here,
        # by a few threads: filing waits on the database half the time.
        threads = settings.OPEN311_FILING_THREADS
        for index in range(threads):
            threading.Thread(
                target=file_forever,
                kwargs={"shard": (index, threads)},
                name=f"open311-intake-{index}",
                daemon=True,
            ).start()
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

    def one_pass(self, name, work):
        """One pass of a continuous task (delivering the outbox, filing Open311 requests)."""
        close_old_connections()
        try:
            counts = work()
        except Exception:
            log.exception("%s failed", name)
            return False
        finally:
            close_old_connections()
        log.info("%s: %s", name, ", ".join(f"{count} {what}" for what, count in counts.items()))
        return True
