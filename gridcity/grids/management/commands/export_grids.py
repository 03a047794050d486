import json

from django.core.management.base import BaseCommand, CommandError

from gridcity.grids.layer import export_layer, export_zones
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = "Print a jurisdiction's grid layer (or, with --zones, its zone outlines) as GeoJSON."

    def add_arguments(self, parser):
        parser.add_argument("--jurisdiction", required=True, help="Administrative code, e.g. 371327.")
        parser.add_argument(
            "--zones", action="store_true", help="Export the zones' outlines instead of the grids."
        )

    def handle(self, *args, jurisdiction, zones=False, **options):
        found = Jurisdiction.objects.filter(code=jurisdiction).first()
        if found is None:
            raise CommandError(f"No jurisdiction has the code {jurisdiction}.")
        document = export_zones(found) if zones else export_layer(found)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
