"""Daily unit scores (R8): tick writes yesterday's once; computing a day again reproduces it."""

from datetime import date
from decimal import Decimal

import time_machine
from django.core.management import call_command

from gridcity.evaluation.daily import score_day
from gridcity.evaluation.models import DailyScore

from .scenario import t
from .test_indicators import unit_log  # noqa: F401  (fixture)


def test_a_day_scores_each_unit_and_again_gives_the_same_figures(unit_log):  # noqa: F811
    bureau = unit_log.bureau
    written = score_day(unit_log.jurisdiction, date(2026, 7, 2))
    assert written == DailyScore.objects.filter(day=date(2026, 7, 2)).count() > 1
    row = DailyScore.objects.get(unit=bureau, day=date(2026, 7, 2))
    # 2 July: c1 and c2 dispatched; c6 (June's) disposed on time, not closed that day.
    assert row.figures["counts"]["dispatched"] == 2
    assert (row.figures["counts"]["due"], row.figures["counts"]["disposed_on_time"]) == (1, 1)
    # 立案数分值 90 (2 cases in a day: 60 a month, ≤ 100) × 10 % + 结案率 0 × 30 % + 按期处置率 100 × 30 %
    # + (1 − 返工率) 100 × 30 % = 69
    assert row.score == Decimal("69.0") and row.grade == "C"
    first = list(DailyScore.objects.filter(day=date(2026, 7, 2)).values("unit", "figures", "score", "grade"))
    score_day(unit_log.jurisdiction, date(2026, 7, 2))
    again = list(DailyScore.objects.filter(day=date(2026, 7, 2)).values("unit", "figures", "score", "grade"))
    assert again == first


def test_a_day_with_work_due(unit_log):  # noqa: F811
    # 5 July: c3 was dispatched; it came back on the 6th, after the day: kept on the 5th.
    score_day(unit_log.jurisdiction, date(2026, 7, 5))
    row = DailyScore.objects.get(unit=unit_log.bureau, day=date(2026, 7, 5))
    assert (row.figures["counts"]["kept"], row.figures["counts"]["returned"]) == (1, 0)
    # The command scores a range of days, every unit each day.
    call_command("score_days", "--day", "2026-07-02", "--to", "2026-07-11", "--jurisdiction", "371327")
    assert (
        DailyScore.objects.filter(
            unit=unit_log.bureau, day__range=(date(2026, 7, 2), date(2026, 7, 11))
        ).count()
        == 10
    )


def test_tick_writes_yesterdays_scores_once_after_midnight(unit_log):  # noqa: F811
    bureau = unit_log.bureau
    log = unit_log
    # Dispatched and disposed on time on 12 July: a day with one case due, on time.
    case = log.reported(log.grid("002001"), t("07-12 08:00"))
    log.event(case, "dispatched", t("07-12 09:00"), unit=bureau, due=t("07-12 10:00"))
    log.event(case, "disposed", t("07-12 15:00"), unit=bureau, due=t("07-12 18:00"))
    with time_machine.travel(t("07-13 00:01"), tick=False):
        call_command("tick", verbosity=0)
    row = DailyScore.objects.get(unit=bureau, day=date(2026, 7, 12))
    # 立案数分值 100 × 10 % + 结案率 0 × 30 % + 按期处置率 100 × 30 % + (1 − 返工率) 100 × 30 % = 70
    assert row.score == Decimal("70.0") and row.grade == "C"
    computed_at = row.computed_at
    with time_machine.travel(t("07-13 00:02"), tick=False):
        call_command("tick", verbosity=0)
    assert DailyScore.objects.get(unit=bureau, day=date(2026, 7, 12)).computed_at == computed_at
