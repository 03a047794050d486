from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gridcity.console.notifications import notify_deadlines


class Command(BaseCommand):
    help = (
        "Tell the people whose queue holds a case that its stage deadline is near (yellow light) or "
        "has passed (red light). Idempotent: each person is told once per deadline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help="Act as if it were this time (ISO 8601), for replays and tests.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be written; write nothing."
        )

    def handle(self, *args, at=None, dry_run=False, **options):
        now = timezone.now()
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"--at: “{at}” is not an ISO 8601 time") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        near, passed = notify_deadlines(now, dry_run=dry_run)
        if options["verbosity"] > 0:
            verb = "would write" if dry_run else "wrote"
            self.stdout.write(
                f"notify_deadlines {now.isoformat()}: {verb} {near} deadline-near and "
                f"{passed} deadline-passed notification(s)"
            )
