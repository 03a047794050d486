from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gridcity.cases.models import OPEN_STATES, Case, State
from gridcity.cases.workflow import WorkflowError, mark_breach, resume
from gridcity.evaluation.daily import score_yesterday_once
from gridcity.org.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Time-driven work: record stage deadlines that passed, resume suspensions that are due, and "
        "score yesterday's units once after midnight. "
        "Idempotent, and safe to run from several workers at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help="Act as if it were this time (ISO 8601), for replays and tests.")

    def handle(self, *args, at=None, **options):
        now = timezone.now()
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"--at: “{at}” is not an ISO 8601 time") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        # The partial index case_stage_due_unbreached serves this query.
        due = Case.objects.filter(stage_breached=False, stage_due_at__lt=now, state__in=OPEN_STATES)
        breaches = sum(mark_breach(case_id, now) is not None for case_id in due.values_list("pk", flat=True))
        resumed = 0
        for case in Case.objects.filter(state=State.SUSPENDED, resume_at__lte=now):
            try:
                resume(case, actor=None, at=now)
                resumed += 1
            except WorkflowError:
                pass  # another worker resumed it first
        # Yesterday's unit scores, once, after midnight (R8). After the breaches above, so a
        # deadline that passed before midnight is in the figures.
        scored = sum(score_yesterday_once(jurisdiction, now) for jurisdiction in Jurisdiction.objects.all())
        if options["verbosity"] > 0:
            self.stdout.write(
                f"tick {now.isoformat()}: {breaches} deadline(s) passed, {resumed} case(s) resumed, "
                f"{scored} daily unit score(s) written"
            )
