from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError

from gridcity.evaluation.daily import score_day
from gridcity.org.models import Jurisdiction


def _date(text, name):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{name}: “{text}” is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Write the units' daily scores of a day or a range of days again (tick writes yesterday's once). "
        "The figures of a day that is over do not change, so this reproduces them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", required=True, help="The day (YYYY-MM-DD), or the first day with --to.")
        parser.add_argument("--to", help="The last day, inclusive.")
        parser.add_argument("--jurisdiction", help="Administrative code; default: every jurisdiction.")

    def handle(self, *args, day, to=None, jurisdiction=None, **options):
        first = _date(day, "--day")
        last = _date(to, "--to") if to else first
        if last < first:
            raise CommandError("--to lies before --day")
        jurisdictions = Jurisdiction.objects.all()
        if jurisdiction:
            jurisdictions = jurisdictions.filter(code=jurisdiction)
            if not jurisdictions:
                raise CommandError(f"--jurisdiction: no jurisdiction has the code “{jurisdiction}”")
        written = 0
        for current in (first + timedelta(days=n) for n in range((last - first).days + 1)):
            for item in jurisdictions:
                written += score_day(item, current)
        self.stdout.write(f"{written} daily unit score(s) written")
