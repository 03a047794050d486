from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gridcity.evaluation.evaluations import compute_evaluation, differences
from gridcity.evaluation.models import Evaluation
from gridcity.evaluation.periods import Period
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Compute a period's evaluation (a draft, or computed again while a draft), or with --check "
        "recompute a stored one from the event log and list every line that differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", help="2026-Q3, 2026-07 or 2026.")
        parser.add_argument("--jurisdiction", required=True, help="Administrative code, e.g. 371327.")
        parser.add_argument(
            "--check", action="store_true", help="Compare a stored evaluation, write nothing."
        )

    def handle(self, *args, period, jurisdiction, check=False, **options):
        try:
            period = Period.parse(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        place = Jurisdiction.objects.filter(code=jurisdiction).first()
        if place is None:
            raise CommandError(f"--jurisdiction: no jurisdiction has the code “{jurisdiction}”")
        if check:
            evaluation = Evaluation.objects.filter(
                jurisdiction=place, period_kind=period.kind, starts_on=period.start
            ).first()
            if evaluation is None:
                raise CommandError(f"{period.slug} has not been evaluated")
            found = differences(evaluation)
            for kind, _object_id, name, what, stored, now in found:
                self.stdout.write(f"{kind} {name}: {what} stored {stored} recomputed {now}")
            if found:
                raise CommandError(f"{len(found)} difference(s)")
            self.stdout.write(f"{period.slug}: every line reproduced")
            return
        try:
            evaluation = compute_evaluation(place, period, actor=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{period.slug}: {evaluation.rows.count()} line(s) computed, {evaluation.get_state_display()}"
        )
