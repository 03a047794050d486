"""Draw a month's grids again from its seed: the same rule as the platform (gridcity.inspection.draw)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gridcity.inspection.draw import DEFAULT_COUNT, draw_grids
from gridcity.inspection.models import Strategy
from gridcity.inspection.monthly import active_grids
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = "Print the grids the monthly inspection's draw gives for a seed (reproduces a recorded draw)."

    def add_arguments(self, parser):
        parser.add_argument("--jurisdiction", required=True, help="Administrative code, e.g. 371327.")
        parser.add_argument(
            "--seed", required=True, type=int, help="The seed shown on the inspection's page."
        )
        parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="Number of grids (default 11).")
        parser.add_argument(
            "--strategy",
            default=Strategy.PER_ZONE,
            help=f"Way of drawing: {', '.join(Strategy.values)} (default per_zone).",
        )

    def handle(self, *args, jurisdiction, seed, count, strategy, **options):
        found = Jurisdiction.objects.filter(code=jurisdiction).first()
        if found is None:
            raise CommandError(f"No jurisdiction with the code {jurisdiction}.")
        try:
            grids = draw_grids(active_grids(found), seed, count, strategy)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for grid in grids:
            self.stdout.write(f"{grid.code}\t{grid.zone.code}\t{grid.name}")
