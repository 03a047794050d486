"""The demo county's evaluation: the composites in the admin, daily scores, a published quarter."""

from datetime import timedelta

from django.utils import timezone

from gridcity.org.models import User

from .daily import score_day
from .evaluations import approve, compute_evaluation, publish
from .models import DailyScore, Evaluation, EvaluationState
from .periods import Period, PeriodKind
from .scoring import ensure_schemes

DAILY_DAYS = 60


def load_demo_evaluation(jurisdiction, now=None):
    """Idempotent: the default composites as admin rows, the last DAILY_DAYS days' unit scores,
    and the last ended quarter's evaluation, approved and published, and the last month's as a
    draft."""
    now = now or timezone.now()
    ensure_schemes(jurisdiction)
    today = timezone.localdate(now)
    for days_ago in range(DAILY_DAYS, 0, -1):
        day = today - timedelta(days=days_ago)
        if not DailyScore.objects.filter(jurisdiction=jurisdiction, day=day).exists():
            score_day(jurisdiction, day, now=now)
    evaluator = User.objects.filter(jurisdiction=jurisdiction, username="evaluator").first()
    quarter = Period.containing(PeriodKind.QUARTER, today).previous()
    month = Period.containing(PeriodKind.MONTH, today).previous()
    for period, published in ((quarter, True), (month, False)):
        existing = Evaluation.objects.filter(
            jurisdiction=jurisdiction, period_kind=period.kind, starts_on=period.start
        ).first()
        if existing is not None and existing.state != EvaluationState.DRAFT:
            continue
        evaluation = compute_evaluation(jurisdiction, period, actor=evaluator, at=now)
        if published:
            evaluation = approve(
                evaluation, actor=evaluator, note="经县城市网格化管理工作领导小组办公室审定。", at=now
            )
            publish(evaluation, actor=evaluator, at=now)
