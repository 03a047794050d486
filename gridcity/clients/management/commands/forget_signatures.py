from django.core.management.base import BaseCommand

from gridcity.clients.signing import forget_old_signatures


class Command(BaseCommand):
    help = (
        "Delete the remembered signatures of signed requests that are too old to be replayed anyway "
        "(they only guard against replays within the accepted clock skew)."
    )

    def handle(self, *args, **options):
        deleted = forget_old_signatures()
        if options["verbosity"] > 0:
            self.stdout.write(f"forget_signatures: {deleted} old signature(s) deleted")
