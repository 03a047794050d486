"""Daily unit scores (R8): each unit's composite for one day, written after midnight by tick.

Scoring a day again rewrites its rows with the same figures (the day's events do not change once
it is over), so a missed night is made up by running it later (``manage.py score_days``).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .indicators import compute
from .models import DailyScore, ObjectKind
from .periods import Period
from .scoring import composite, grade, method_for, term_scores


def figures_json(figures, method):
    """What is stored of one object's figures: counts, rates, per-month measures, term scores."""
    return {
        "counts": figures.counts,
        "rates": figures.rates,
        "measures": figures.measures,
        "scores": {code: (None if s is None else str(s)) for code, s in term_scores(method, figures).items()},
    }


def score_day(jurisdiction, day, now=None):
    """Write every unit's DailyScore for ``day``; returns the number of units scored."""
    method = method_for(jurisdiction, ObjectKind.UNIT)
    computed_at = now or timezone.now()
    rows = []
    for figures in compute(jurisdiction, ObjectKind.UNIT, Period.day(day)):
        score = composite(method, figures)
        rows.append(
            DailyScore(
                jurisdiction=jurisdiction,
                day=day,
                unit_id=figures.object_id,
                figures=figures_json(figures, method),
                score=score,
                grade=grade(score),
                computed_at=computed_at,
            )
        )
    with transaction.atomic():
        DailyScore.objects.filter(jurisdiction=jurisdiction, day=day).delete()
        DailyScore.objects.bulk_create(rows)
    return len(rows)


def score_yesterday_once(jurisdiction, now=None):
    """Score yesterday unless it has been scored: what tick runs every minute after midnight."""
    now = now or timezone.now()
    yesterday = timezone.localdate(now) - timedelta(days=1)
    if DailyScore.objects.filter(jurisdiction=jurisdiction, day=yesterday).exists():
        return 0
    return score_day(jurisdiction, yesterday, now=now)
