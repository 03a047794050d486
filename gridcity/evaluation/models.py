"""Evaluation (绩效评价): how figures become scores, appeals, daily scores and the quarterly evaluations.

Figures themselves are not stored as the truth: gridcity.evaluation.indicators computes them from
the case event log whenever they are asked for. What is stored is what people decide (the
composite's weights and step tables, appeals, approvals) and what was published (daily scores,
quarterly evaluations), each with the figures it was computed from, so a published figure can be
recomputed and compared.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gridcity.cases.models import Case
from gridcity.org.models import Jurisdiction, Unit

from .periods import PeriodKind


class ObjectKind(models.TextChoices):
    """What is evaluated (standards.md §7: regions, departments, posts)."""

    ZONE = "zone", _("Zone")
    GRID = "grid", _("Grid")
    UNIT = "unit", _("Unit")
    COLLECTOR = "collector", _("Information collector")
    ACCEPTOR = "acceptor", _("Acceptor")
    SHIFT_LEADER = "shift_leader", _("Shift leader")
    DISPATCHER = "dispatcher", _("Dispatcher")


class Scoring(models.TextChoices):
    RATE = "rate", _("Rate × 100")
    INVERSE_RATE = "inverse_rate", _("(1 − rate) × 100")
    STEPS = "steps", _("Step table")


class Scheme(models.Model):
    """The composite index (综合指标值) of one kind of object: its terms and who is ranked."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    object_kind = models.CharField(_("evaluated object"), max_length=20, choices=ObjectKind.choices)
    min_cases = models.PositiveIntegerField(
        _("minimum cases to be ranked"),
        default=5,
        help_text=_("An object with fewer cases in the period gets figures and a score but no rank."),
    )

    class Meta:
        verbose_name = _("composite index")
        verbose_name_plural = _("composite indices")
        ordering = ["jurisdiction", "object_kind"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "object_kind"], name="one_scheme_per_kind")
        ]

    def __str__(self):
        return str(self.get_object_kind_display())


class Term(models.Model):
    """One weighted term of a composite: an indicator, how it scores (0–100) and its weight (%)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="terms")
    indicator = models.CharField(_("indicator"), max_length=40)
    scoring = models.CharField(_("scoring"), max_length=20, choices=Scoring.choices)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    # [[upper bound or null, score], ...] in ascending bounds: the first row whose bound is not
    # below the value gives the score; a null bound is "anything above".
    steps = models.JSONField(_("step table"), default=list, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["scheme", "pk"]

    def __str__(self):
        return f"{self.indicator} × {self.weight}%"

    def clean(self):
        from .indicators import INDICATORS

        kind = self.scheme.object_kind if self.scheme_id else None
        known = INDICATORS.get(kind, {})
        if kind and self.indicator not in known:
            raise ValidationError(
                {
                    "indicator": _("“%(code)s” is not an indicator of this object; choose one of %(codes)s.")
                    % {"code": self.indicator, "codes": ", ".join(known)}
                }
            )
        if not Decimal(0) < self.weight <= Decimal(100):
            raise ValidationError({"weight": _("A weight lies between 0 and 100.")})
        if self.scoring == Scoring.STEPS:
            check_steps(self.steps)


def check_steps(steps):
    """ValidationError unless ``steps`` is [[bound, score], ...] with rising bounds, scores 0–100,
    and a last row with no bound."""
    message = _(
        "A step table is a list of [upper bound, score] rows with rising bounds and scores from 0 to "
        "100, the last row's bound empty (null): e.g. [[50, 100], [100, 90], [null, 0]]."
    )
    if not isinstance(steps, list) or not steps:
        raise ValidationError({"steps": message})
    previous = None
    for index, row in enumerate(steps):
        if not (isinstance(row, list) and len(row) == 2):
            raise ValidationError({"steps": message})
        bound, score = row
        last = index == len(steps) - 1
        if (bound is None) != last or not isinstance(score, int | float) or not 0 <= score <= 100:
            raise ValidationError({"steps": message})
        if bound is not None:
            if not isinstance(bound, int | float) or (previous is not None and bound <= previous):
                raise ValidationError({"steps": message})
            previous = bound


class LoadTier(models.Model):
    """Units are ranked within tiers of similar load, so a unit with a handful of cases is not
    ranked against the urban-management bureau. No tiers: one ranking."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=50)
    min_cases = models.PositiveIntegerField(
        _("from cases per month"), help_text=_("Units with at least this many cases per 30 days.")
    )

    class Meta:
        verbose_name = _("load tier")
        verbose_name_plural = _("load tiers")
        ordering = ["jurisdiction", "-min_cases"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "min_cases"], name="one_tier_per_threshold")
        ]

    def __str__(self):
        return self.name


class QuarterlyWeights(models.Model):
    """How a unit's comprehensive quarterly score combines its three parts (R10)."""

    jurisdiction = models.OneToOneField(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    cases = models.DecimalField(_("case indicators (%)"), max_digits=5, decimal_places=2, default=50)
    daily = models.DecimalField(_("daily scores (%)"), max_digits=5, decimal_places=2, default=20)
    inspection = models.DecimalField(_("monthly inspections (%)"), max_digits=5, decimal_places=2, default=30)

    class Meta:
        verbose_name = _("quarterly weights")
        verbose_name_plural = _("quarterly weights")

    def __str__(self):
        return f"{self.cases} / {self.daily} / {self.inspection}"

    def clean(self):
        if self.cases + self.daily + self.inspection != 100:
            raise ValidationError(_("The three weights must add up to 100."))


class AppealState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class OvertimeAppeal(models.Model):
    """A unit's appeal against an overtime finding (超期申诉). Approved, it takes the case out of the
    unit's overtime counts; the breach stays in the case's events."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"))
    state = models.CharField(
        _("state"), max_length=20, choices=AppealState.choices, default=AppealState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("overtime appeal")
        verbose_name_plural = _("overtime appeals")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=~models.Q(state="refused"),
                name="one_live_appeal_per_case_and_unit",
            )
        ]

    def __str__(self):
        return f"{self.case} · {self.unit}"


class DailyScore(models.Model):
    """A unit's score for one day (R8), written by ``manage.py score_days`` after midnight."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    figures = models.JSONField(_("figures"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True)
    grade = models.CharField(_("grade"), max_length=1, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("daily score")
        verbose_name_plural = _("daily scores")
        ordering = ["-day", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="one_score_per_unit_and_day")]
        indexes = [models.Index(fields=["jurisdiction", "day"], name="daily_score_day")]

    def __str__(self):
        return f"{self.unit} {self.day}: {self.score}"


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Evaluation(models.Model):
    """A period's evaluation (季度考评): every object's figures, scores and ranks, computed from the
    event log, approved by the evaluation office, then published with its bulletin (通报)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField(_("starts on"))
    state = models.CharField(
        _("state"), max_length=20, choices=EvaluationState.choices, default=EvaluationState.DRAFT
    )
    weights = models.JSONField(_("weights used"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "period_kind", "starts_on"], name="one_evaluation_per_period"
            )
        ]

    def __str__(self):
        return self.period.label

    @property
    def period(self):
        from .periods import Period

        return Period(self.period_kind, self.starts_on)


class EvaluationRow(models.Model):
    """One object's line of an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="rows")
    object_kind = models.CharField(_("evaluated object"), max_length=20, choices=ObjectKind.choices)
    object_id = models.PositiveBigIntegerField()
    name = models.CharField(_("name"), max_length=200)
    figures = models.JSONField(_("figures"))  # {"counts": {...}, "rates": {...}, "scores": {...}}
    case_score = models.DecimalField(_("case indicators"), max_digits=5, decimal_places=1, null=True)
    daily_score = models.DecimalField(_("daily scores"), max_digits=5, decimal_places=1, null=True)
    inspection_score = models.DecimalField(
        _("monthly inspections"), max_digits=5, decimal_places=1, null=True
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True)
    grade = models.CharField(_("grade"), max_length=1, blank=True)
    tier = models.CharField(_("load tier"), max_length=50, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    unranked_reason = models.CharField(_("not ranked because"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evaluation line")
        verbose_name_plural = _("evaluation lines")
        ordering = ["evaluation", "object_kind", "tier", "rank", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "object_kind", "object_id"], name="one_row_per_object"
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.score}"
