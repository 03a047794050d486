"""Periodic evaluations (R10): compute, rank, approve, publish, and recompute to compare."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from gridcity.evaluation import evaluations
from gridcity.evaluation.models import DailyScore, EvaluationState, LoadTier, ObjectKind, QuarterlyWeights
from gridcity.evaluation.periods import Period

from .scenario import t
from .test_indicators import unit_log  # noqa: F401  (fixture)

Q3 = Period.quarter(2026, 3)


def bureau_row(evaluation, unit_log):  # noqa: F811
    return evaluation.rows.get(object_kind=ObjectKind.UNIT, object_id=unit_log.bureau.pk)


def test_a_quarter_combines_case_indicators_and_daily_scores_and_ranks_units(unit_log):  # noqa: F811
    evaluator = unit_log.person("evaluator")
    for day, score in ((date(2026, 7, 10), "80.0"), (date(2026, 8, 10), "90.0")):
        DailyScore.objects.create(
            jurisdiction=unit_log.jurisdiction,
            day=day,
            unit=unit_log.bureau,
            figures={},
            score=score,
            computed_at=t("09-01 00:00"),
        )
    evaluation = evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=evaluator)
    row = bureau_row(evaluation, unit_log)
    # The quarter: disposed c1 c2 c6 c7 c8, on time c1 c6 c7 c8, late c2, overdue c4: due 6;
    # closed c1 c2 c7 (of 6 due for closure); reworked c7.
    assert row.figures["counts"]["due"] == 6
    # 100 (6 × 30/92 a month) × 10 % + 结案率 50 × 30 % + 按期处置率 66.67 × 30 % + 83.33 × 30 % = 70
    assert row.case_score == Decimal("70.0")
    assert row.daily_score == Decimal("85.0")  # (80 + 90) / 2
    assert row.inspection_score is None  # no monthly inspection was closed
    # Weights 50 / 20 / 30 without the missing part: (70 × 50 + 85 × 20) / 70 = 74.29
    assert row.score == Decimal("74.3") and row.grade == "C"
    assert row.rank == 1
    idle = evaluation.rows.filter(object_kind=ObjectKind.UNIT).exclude(pk=row.pk).first()
    assert idle.rank is None and "5" in idle.unranked_reason  # fewer cases than the minimum
    assert evaluation.state == EvaluationState.DRAFT
    assert set(evaluation.rows.values_list("object_kind", flat=True)) == set(ObjectKind.values)


def test_weights_and_load_tiers_come_from_the_admin(unit_log):  # noqa: F811
    QuarterlyWeights.objects.create(jurisdiction=unit_log.jurisdiction, cases=100, daily=0, inspection=0)
    LoadTier.objects.create(jurisdiction=unit_log.jurisdiction, name="大", min_cases=1)
    LoadTier.objects.create(jurisdiction=unit_log.jurisdiction, name="小", min_cases=0)
    evaluation = evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=unit_log.person("evaluator"))
    row = bureau_row(evaluation, unit_log)
    assert (row.score, row.tier, row.rank) == (Decimal("70.0"), "大", 1)  # 1.96 cases a month ≥ 1
    assert evaluation.weights["quarterly"] == {"cases": "100.00", "daily": "0.00", "inspection": "0.00"}


def test_approval_fixes_the_figures_and_publishing_follows_approval(unit_log):  # noqa: F811
    evaluator = unit_log.person("evaluator")
    evaluation = evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=evaluator)
    with pytest.raises(ValidationError):
        evaluations.publish(evaluation, actor=evaluator)  # not approved yet
    # Computed again while a draft: the rows are replaced, not added.
    rows = evaluation.rows.count()
    evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=evaluator)
    assert evaluation.rows.count() == rows
    evaluation = evaluations.approve(evaluation, actor=evaluator, note="经考核办审定")
    with pytest.raises(ValidationError):
        evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=evaluator)
    evaluation = evaluations.publish(evaluation, actor=evaluator)
    assert evaluation.state == EvaluationState.PUBLISHED and evaluation.published_by == evaluator
    assert evaluations.differences(evaluation) == []
    call_command("evaluate", "2026-Q3", "--jurisdiction", "371327", "--check", verbosity=0)


def test_differences_name_the_lines_that_no_longer_reproduce(unit_log):  # noqa: F811
    evaluation = evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=unit_log.person("evaluator"))
    row = bureau_row(evaluation, unit_log)
    row.score = Decimal("99.9")
    row.save()
    found = evaluations.differences(evaluation)
    assert [(kind, name, what) for kind, _pk, name, what, _stored, _now in found] == [
        (ObjectKind.UNIT, unit_log.bureau.name, "score")
    ]


def test_who_may_evaluate_and_when(unit_log):  # noqa: F811
    with pytest.raises(PermissionDenied):
        evaluations.compute_evaluation(unit_log.jurisdiction, Q3, actor=unit_log.person("collector01"))
    with pytest.raises(ValidationError, match="2026-10-01"):
        evaluations.compute_evaluation(
            unit_log.jurisdiction, Q3, actor=unit_log.person("evaluator"), at=t("09-20 10:00")
        )
    assert not evaluations.Evaluation.objects.exists()
