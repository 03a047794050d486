"""Periodic evaluations (季度考评, R10): compute, approve, publish; recompute to compare.

An evaluation stores each object's figures and scores as computed, with the weights used; while
it is a draft it may be computed again (the rows are replaced), once approved it is fixed, and
publishing makes it and its bulletin visible to everyone. A published evaluation can always be
recomputed from the event log and compared line by line (``differences``).
"""

import json
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.inspection.results import unit_results
from gridcity.org.roles import Role

from .daily import figures_json
from .indicators import KINDS, compute_all
from .models import DailyScore, Evaluation, EvaluationRow, EvaluationState, ObjectKind, QuarterlyWeights
from .scoring import composite, grade, method_for, rank, round_score, tier_of, tiers

# Who oversees the evaluation: sees every object's figures, drafts included.
OVERSIGHT = {Role.EVALUATION_OFFICE, Role.COUNTY_LEADER, Role.SYSTEM_ADMIN}
POST_KINDS = (ObjectKind.COLLECTOR, ObjectKind.ACCEPTOR, ObjectKind.SHIFT_LEADER, ObjectKind.DISPATCHER)
# What everybody may see, and what a published bulletin shows the public: units and regions.
# A post's figures are one person's: the oversight sees them all, a holder of the post his own.
PUBLIC_KINDS = (ObjectKind.UNIT, ObjectKind.ZONE, ObjectKind.GRID)
KIND_ORDER = (*PUBLIC_KINDS, *POST_KINDS)


def may_evaluate(person):
    return person.is_superuser or person.has_role(Role.EVALUATION_OFFICE)


def oversees(person):
    return person.is_superuser or bool(person.roles & OVERSIGHT)


def visible_kinds(person):
    """The kinds of object whose figures the person sees (a post: at least his own line)."""
    return [kind for kind in KIND_ORDER if kind in PUBLIC_KINDS or oversees(person) or person.has_role(kind)]


def own_line_only(person, kind):
    """True when the person sees only his own line of ``kind`` (a post he holds)."""
    return kind in POST_KINDS and not oversees(person)


def may_see_figures(person, kind, object_id):
    """Whether the person may see the figures of one object of ``kind``."""
    if kind in PUBLIC_KINDS or oversees(person):
        return True
    return person.has_role(kind) and object_id == person.pk


def may_see(person, evaluation):
    """A published evaluation is everybody's; before that, only the oversight's."""
    return evaluation.state == EvaluationState.PUBLISHED or oversees(person)


def visible_rows(person, rows):
    """Of an evaluation's rows, those the person sees: the kinds he sees, of a post his own line."""
    kinds = visible_kinds(person)
    return [
        row
        for row in rows
        if row.object_kind in kinds
        and not (own_line_only(person, row.object_kind) and row.object_id != person.pk)
    ]


def _weights(jurisdiction):
    weights = QuarterlyWeights.objects.filter(jurisdiction=jurisdiction).first() or QuarterlyWeights()
    return {"cases": weights.cases, "daily": weights.daily, "inspection": weights.inspection}


def _inspection_scores(jurisdiction, period):
    """{unit id: mean monthly inspection score} over the period's closed monthly inspections."""
    results = unit_results(jurisdiction, period.start, period.end)
    return {
        unit_id: round_score(Decimal(sum(month.score for month in months)) / len(months))
        for unit_id, months in results.items()
        if months
    }


def _daily_scores(jurisdiction, period):
    rows = (
        DailyScore.objects.filter(
            jurisdiction=jurisdiction, day__gte=period.start, day__lt=period.end, score__isnull=False
        )
        .values("unit_id")
        .annotate(mean=Avg("score"))
    )
    return {row["unit_id"]: round_score(Decimal(str(row["mean"]))) for row in rows}


def _combined(parts, weights):
    """The weighted mean of the parts that exist (None: the part is missing), or None."""
    present = [(weights[name], value) for name, value in parts.items() if value is not None]
    total = sum(weight for weight, _value in present)
    if not total:
        return None
    return round_score(sum(weight * value for weight, value in present) / total)


def build_rows(jurisdiction, period):
    """The rows of an evaluation of ``period``, computed now from the event log, and the weights
    used: (list of dicts with EvaluationRow's fields, weights)."""
    all_figures = compute_all(jurisdiction, period)
    weights = _weights(jurisdiction)
    used = {"quarterly": {k: str(v) for k, v in weights.items()}, "methods": {}}
    daily = _daily_scores(jurisdiction, period)
    inspected = _inspection_scores(jurisdiction, period)
    unit_tiers = tiers(jurisdiction)
    entries = []
    for kind in KINDS:
        method = method_for(jurisdiction, kind)
        used["methods"][kind] = method.as_json()
        for figures in all_figures[kind]:
            case_score = composite(method, figures)
            entry = {
                "object_kind": kind,
                "object_id": figures.object_id,
                "name": figures.name,
                "figures": figures_json(figures, method),
                "case_score": case_score,
                "daily_score": None,
                "inspection_score": None,
                "score": case_score,
                "tier": "",
                "group": kind,
                "unranked_reason": "",
            }
            if kind == ObjectKind.UNIT:
                entry["daily_score"] = daily.get(figures.object_id)
                entry["inspection_score"] = inspected.get(figures.object_id)
                entry["score"] = _combined(
                    {
                        "cases": case_score,
                        "daily": entry["daily_score"],
                        "inspection": entry["inspection_score"],
                    },
                    weights,
                )
                entry["tier"] = tier_of(figures.measures["cases_per_month"], unit_tiers)
                entry["group"] = (kind, entry["tier"])
            entry["grade"] = grade(entry["score"])
            entry["ranked"] = figures.case_count >= method.min_cases
            if not entry["ranked"]:
                entry["unranked_reason"] = _(
                    "%(count)s cases, fewer than the %(min)s needed to be ranked"
                ) % {
                    "count": figures.case_count,
                    "min": method.min_cases,
                }
            elif entry["score"] is None:
                entry["unranked_reason"] = _("no indicator could be computed")
            entries.append(entry)
    rank(entries)
    return entries, used


def _row(evaluation, entry):
    return EvaluationRow(
        evaluation=evaluation,
        **{
            name: entry[name]
            for name in (
                "object_kind",
                "object_id",
                "name",
                "figures",
                "case_score",
                "daily_score",
                "inspection_score",
                "score",
                "grade",
                "tier",
                "rank",
                "unranked_reason",
            )
        },
    )


def compute_evaluation(jurisdiction, period, *, actor, at=None):
    """Compute (or compute again, while a draft) the evaluation of a period that has ended;
    ``actor`` None is the platform itself (manage.py evaluate)."""
    if actor is not None and not may_evaluate(actor):
        raise PermissionDenied(_("Only the evaluation office computes evaluations."))
    at = at or timezone.now()
    if not period.has_ended(at):
        raise ValidationError(
            _("%(period)s has not ended yet; it can be evaluated from %(day)s.")
            % {"period": period.label, "day": period.end.isoformat()}
        )
    entries, used = build_rows(jurisdiction, period)
    with transaction.atomic():
        evaluation, _created = Evaluation.objects.select_for_update().get_or_create(
            jurisdiction=jurisdiction,
            period_kind=period.kind,
            starts_on=period.start,
            defaults={"computed_at": at, "computed_by": actor},
        )
        if evaluation.state != EvaluationState.DRAFT:
            raise ValidationError(
                _("The evaluation of %(period)s is %(state)s and can no longer be changed.")
                % {"period": period.label, "state": evaluation.get_state_display()}
            )
        evaluation.rows.all().delete()
        EvaluationRow.objects.bulk_create(_row(evaluation, entry) for entry in entries)
        evaluation.weights = used
        evaluation.computed_at = at
        evaluation.computed_by = actor
        evaluation.save()
    return evaluation


def approve(evaluation, *, actor, note="", at=None):
    """The evaluation office approves the computed figures; they are fixed from now on."""
    return _advance(evaluation, EvaluationState.DRAFT, EvaluationState.APPROVED, actor, note, at, "approved")


def publish(evaluation, *, actor, at=None):
    """Publish an approved evaluation and its bulletin."""
    return _advance(
        evaluation, EvaluationState.APPROVED, EvaluationState.PUBLISHED, actor, "", at, "published"
    )


def _advance(evaluation, source, target, actor, note, at, stamp):
    if not may_evaluate(actor):
        raise PermissionDenied(_("Only the evaluation office approves and publishes evaluations."))
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if evaluation.state != source:
            raise ValidationError(
                _("The evaluation is %(state)s; only a %(source)s one can be %(target)s.")
                % {
                    "state": evaluation.get_state_display(),
                    "source": EvaluationState(source).label,
                    "target": EvaluationState(target).label,
                }
            )
        evaluation.state = target
        setattr(evaluation, f"{stamp}_at", at or timezone.now())
        setattr(evaluation, f"{stamp}_by", actor)
        if note:
            evaluation.note = note
        evaluation.save()
    return evaluation


def differences(evaluation):
    """Recompute the evaluation from the event log now and compare: a list of
    (kind, object id, name, what, stored, recomputed) for every line that differs; empty when
    every stored figure and score is reproduced."""
    entries, _used = build_rows(evaluation.jurisdiction, evaluation.period)
    fresh = {(e["object_kind"], e["object_id"]): e for e in entries}
    found = []
    for row in evaluation.rows.all():
        entry = fresh.pop((row.object_kind, row.object_id), None)
        if entry is None:
            found.append((row.object_kind, row.object_id, row.name, "row", "present", "missing"))
            continue
        for name in ("figures", "score", "rank"):
            stored, now = getattr(row, name), entry[name]
            if name == "figures":
                now = json.loads(json.dumps(now, cls=DjangoJSONEncoder))  # as stored in the JSON field
            if stored != now:
                found.append((row.object_kind, row.object_id, row.name, name, stored, now))
    for (kind, object_id), entry in fresh.items():
        found.append((kind, object_id, entry["name"], "row", "missing", "present"))
    return found
