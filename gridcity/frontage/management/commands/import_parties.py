from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gridcity.frontage.imports import PartyImportError, import_parties, read_parties, template_workbook
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Register responsible parties (门前三包) from an Excel workbook, all or nothing; "
        "or write the blank template with --template."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?", help="The .xlsx file to import.")
        parser.add_argument("--jurisdiction", help="Administrative code, e.g. 371327.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and list its problems; write nothing."
        )
        parser.add_argument(
            "--template", type=Path, help="Write the blank Excel template to this path and stop."
        )

    def handle(self, *args, path=None, jurisdiction=None, dry_run=False, template=None, **options):
        if template:
            template.write_bytes(template_workbook())
            self.stdout.write(self.style.SUCCESS(f"Template written to {template}."))
            return
        if path is None or not jurisdiction:
            raise CommandError("Give the file to import and --jurisdiction (or --template PATH).")
        found = Jurisdiction.objects.filter(code=jurisdiction).first()
        if found is None:
            raise CommandError(f"No jurisdiction has the code {jurisdiction}.")
        try:
            data = path.read_bytes()
            if dry_run:
                parties = read_parties(data, found)
            else:
                summary = import_parties(data, found)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except PartyImportError as error:
            raise CommandError(
                f"{path} was refused; nothing was written. {len(error.problems)} problem(s):\n"
                + "\n".join(f"  - {problem}" for problem in error.problems)
            ) from None
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{path} has no problem: {len(parties)} parties. Nothing written.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(str(summary)))
