from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gridcity.catalog.register import FORMATS, RegisterError, guess_format, import_components, read_components
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = "Import components into a jurisdiction's register from a CSV or GeoJSON file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--jurisdiction", required=True, help="Administrative code, e.g. 371327.")
        parser.add_argument(
            "--format", choices=FORMATS, help="csv or geojson; by default from the file name's suffix."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and list its problems; write nothing."
        )

    def handle(self, *args, path, jurisdiction, format=None, dry_run=False, **options):
        found = Jurisdiction.objects.filter(code=jurisdiction).first()
        if found is None:
            raise CommandError(f"No jurisdiction has the code {jurisdiction}.")
        fmt = format or guess_format(path.name)
        if fmt is None:
            raise CommandError(
                f"Cannot tell the format of {path.name}: give --format csv or --format geojson."
            )
        try:
            data = path.read_bytes()
            if dry_run:
                records = read_components(data, fmt, found)
            else:
                summary = import_components(data, fmt, found)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except RegisterError as error:
            raise CommandError(
                f"{path} was refused; nothing was written. {len(error.problems)} problem(s):\n"
                + "\n".join(f"  - {problem}" for problem in error.problems)
            ) from None
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{path} has no problem: {len(records)} components. Nothing written.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(str(summary)))
