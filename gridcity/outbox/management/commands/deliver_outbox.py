from django.core.management.base import BaseCommand, CommandError

from gridcity.outbox.delivery import deliver_due, deliver_forever


class Command(BaseCommand):
    help = (
        "Send the outgoing messages (webhooks) that are due: one pass, or --loop to keep going. "
        "`manage.py worker` does this already; run this where the worker does not run. "
        "Safe to run in several processes at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep going: a pass every second.")
        parser.add_argument("--limit", type=int, default=100, help="Messages per pass (default 100).")

    def handle(self, *args, loop=False, limit=100, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        if loop:
            deliver_forever(limit=limit)
            return
        counts = deliver_due(limit=limit)
        if options["verbosity"] > 0:
            self.stdout.write(
                "outbox: {delivered} delivered, {retrying} to retry, {dead} given up, "
                "{skipped} taken by another worker".format(**counts)
            )
