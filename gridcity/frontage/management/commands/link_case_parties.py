from django.core.management.base import BaseCommand, CommandError

from gridcity.frontage.accountability import relink_cases
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Link every case to the party whose frontage it lies on (门前三包), as the frontages are now: "
        "new links, moved links, links removed. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jurisdiction", help="Administrative code, e.g. 371327; all when left out.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; write nothing.")

    def handle(self, *args, jurisdiction=None, dry_run=False, **options):
        found = None
        if jurisdiction:
            found = Jurisdiction.objects.filter(code=jurisdiction).first()
            if found is None:
                raise CommandError(f"No jurisdiction has the code {jurisdiction}.")
        linked, moved, unlinked = relink_cases(found, dry_run=dry_run)
        verb = "would link" if dry_run else "linked"
        self.stdout.write(
            f"{verb} {linked} case(s) newly, {moved} to another party, {unlinked} no longer on a frontage"
        )
