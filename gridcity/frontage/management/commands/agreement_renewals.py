from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gridcity.frontage.agreements import REMINDER_DAYS, run_renewals


class Command(BaseCommand):
    help = (
        "Expire the frontage agreements whose term has ended and remind, once, of those ending within "
        "--days that have no renewal yet. Idempotent: run it daily (deploy/crontab)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=REMINDER_DAYS, help="Remind this many days ahead.")
        parser.add_argument("--at", help="Act as if it were this time (ISO 8601), for replays and tests.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be done; write nothing.")

    def handle(self, *args, days=REMINDER_DAYS, at=None, dry_run=False, **options):
        now = timezone.now()
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"--at: “{at}” is not an ISO 8601 time") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        reminded, expired = run_renewals(now, days=days, dry_run=dry_run)
        if options["verbosity"] > 0:
            verb = "would" if dry_run else "did"
            self.stdout.write(
                f"agreement_renewals {now.isoformat()}: {verb} remind {len(reminded)} and expire "
                f"{len(expired)} agreement(s)"
            )
            if options["verbosity"] > 1 or dry_run:
                for agreement in reminded:
                    self.stdout.write(
                        f"  remind  {agreement.number} {agreement.party} ends {agreement.ends_on}"
                    )
                for agreement in expired:
                    self.stdout.write(
                        f"  expire  {agreement.number} {agreement.party} ended {agreement.ends_on}"
                    )
