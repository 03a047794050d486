from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gridcity.grids.layer import LayerError, import_layer
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = "Import a jurisdiction's complete grid layer from a GeoJSON file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--jurisdiction", required=True, help="Administrative code, e.g. 371327.")

    def handle(self, *args, path, jurisdiction, **options):
        found = Jurisdiction.objects.filter(code=jurisdiction).first()
        if found is None:
            raise CommandError(f"No jurisdiction has the code {jurisdiction}.")
        try:
            summary = import_layer(path.read_bytes(), found)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except LayerError as error:
            raise CommandError(
                f"{path} was refused; nothing was written. {len(error.problems)} problem(s):\n"
                + "\n".join(f"  - {problem}" for problem in error.problems)
            ) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
