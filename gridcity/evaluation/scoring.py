"""From figures to scores: the composite index (综合指标值), grades A–E and rankings (standards.md §7.3).

A term scores one indicator from 0 to 100 — a rate as rate × 100, a "bad" rate as (1 − rate) × 100,
a count through its step table — and the composite is the weighted sum of the terms. A term whose
rate is undefined (nothing was due) is left out and the other weights count in proportion; with no
rate defined (nothing was due) there is no composite and no grade: a step table alone would give
an idle unit full marks for having no cases.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from .models import LoadTier, ObjectKind, Scheme, Scoring, Term

RATE, INVERSE, STEPS = Scoring.RATE, Scoring.INVERSE_RATE, Scoring.STEPS

# 立案数分值 of a department (fewer cases score better), per 30 days.
DEPARTMENT_CASE_STEPS = [[50, 100], [100, 90], [200, 75], [500, 60], [1000, 40], [None, 0]]
# 受理数分值 of an acceptor (more is better), per 30 days; the dispatcher's table is not published,
# the same one is assumed.
WORKLOAD_STEPS = [[100, 0], [300, 40], [500, 60], [1200, 75], [2000, 90], [None, 100]]
# 立案数分值 of a unit grid of the first class, per grid and 30 days: 0 → 100, < 3 → 90, … (counts
# are whole numbers, so "< 3" is "≤ 2").
REGION_CASE_STEPS = [[0, 100], [2, 90], [4, 75], [6, 60], [8, 40], [None, 0]]

# The composites of standards.md §7.3 (G1). The acceptor's third term is the on-time acceptance
# rate: a check is sent to the collector by the platform itself when the unit reports back, so
# "checks sent on time" would always be 100 %.
DEFAULT_TERMS = {
    ObjectKind.UNIT: [
        ("cases_per_month", STEPS, 10, DEPARTMENT_CASE_STEPS),
        ("closure_rate", RATE, 30, []),
        ("on_time_disposal_rate", RATE, 30, []),
        ("rework_rate", INVERSE, 30, []),
    ],
    ObjectKind.ZONE: [
        ("public_report_rate", INVERSE, 10, []),
        ("filed_per_grid_month", STEPS, 20, REGION_CASE_STEPS),
        ("closure_rate", RATE, 30, []),
        ("on_time_closure_rate", RATE, 40, []),
    ],
    ObjectKind.COLLECTOR: [
        ("valid_report_rate", RATE, 40, []),
        ("missed_rate", INVERSE, 20, []),
        ("on_time_verification_rate", RATE, 20, []),
        ("on_time_check_rate", RATE, 20, []),
    ],
    ObjectKind.ACCEPTOR: [
        ("accepted_per_month", STEPS, 25, WORKLOAD_STEPS),
        ("verification_sending_rate", RATE, 40, []),
        ("on_time_acceptance_rate", RATE, 35, []),
    ],
    ObjectKind.SHIFT_LEADER: [
        ("on_time_filing_rate", RATE, 25, []),
        ("accurate_filing_rate", RATE, 40, []),
        ("on_time_closing_rate", RATE, 35, []),
    ],
    ObjectKind.DISPATCHER: [
        ("dispatched_per_month", STEPS, 20, WORKLOAD_STEPS),
        ("on_time_dispatch_rate", RATE, 40, []),
        ("accurate_dispatch_rate", RATE, 40, []),
    ],
}
DEFAULT_TERMS[ObjectKind.GRID] = DEFAULT_TERMS[ObjectKind.ZONE]
DEFAULT_MIN_CASES = 5

GRADES = [(Decimal(90), "A"), (Decimal(75), "B"), (Decimal(60), "C"), (Decimal(40), "D"), (Decimal(0), "E")]


@dataclass(frozen=True)
class Rule:
    """One term as used: indicator, scoring, weight, steps."""

    indicator: str
    scoring: str
    weight: Decimal
    steps: tuple = ()

    def score(self, value):
        """The term's score (0–100) for the indicator's value, or None when the value is undefined."""
        if value is None:
            return None
        if self.scoring == RATE:
            return Decimal(str(value)) * 100
        if self.scoring == INVERSE:
            return (1 - Decimal(str(value))) * 100
        for bound, score in self.steps:
            if bound is None or value <= bound:
                return Decimal(str(score))
        return Decimal(0)


@dataclass(frozen=True)
class Method:
    """How one kind of object is scored in a jurisdiction."""

    kind: str
    rules: tuple
    min_cases: int

    def as_json(self):
        return {
            "min_cases": self.min_cases,
            "terms": [
                [r.indicator, r.scoring, str(r.weight), [list(s) for s in r.steps]] for r in self.rules
            ],
        }


def ensure_schemes(jurisdiction):
    """Write the default composites as the jurisdiction's rows, for the kinds that have none (to
    be edited in the admin). Safe to run again."""
    with transaction.atomic():
        for kind, terms in DEFAULT_TERMS.items():
            scheme, created = Scheme.objects.get_or_create(
                jurisdiction=jurisdiction, object_kind=kind, defaults={"min_cases": DEFAULT_MIN_CASES}
            )
            if created:
                Term.objects.bulk_create(
                    Term(scheme=scheme, indicator=code, scoring=scoring, weight=weight, steps=steps)
                    for code, scoring, weight, steps in terms
                )


def method_for(jurisdiction, kind):
    """The jurisdiction's Method for ``kind``: its scheme from the admin, else the defaults."""
    scheme = Scheme.objects.filter(jurisdiction=jurisdiction, object_kind=kind).first()
    if scheme is None:
        rules = [
            Rule(code, scoring, Decimal(weight), tuple(map(tuple, steps)))
            for code, scoring, weight, steps in DEFAULT_TERMS[kind]
        ]
        return Method(kind, tuple(rules), DEFAULT_MIN_CASES)
    rules = [
        Rule(term.indicator, term.scoring, term.weight, tuple(map(tuple, term.steps or ())))
        for term in scheme.terms.all()
    ]
    return Method(kind, tuple(rules), scheme.min_cases)


def round_score(value):
    """A score as stored and shown: one decimal, halves up."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def term_scores(method, figures):
    """{indicator: score or None} of each term."""
    return {rule.indicator: rule.score(figures.value(rule.indicator)) for rule in method.rules}


def composite(method, figures):
    """The composite index (0–100, one decimal) of ``figures``, or None when no term is defined."""
    scores = term_scores(method, figures)
    if all(scores[rule.indicator] is None for rule in method.rules if rule.scoring != STEPS):
        return None  # nothing was due: a step table alone would score an idle object
    weighed = [
        (rule.weight, scores[rule.indicator]) for rule in method.rules if scores[rule.indicator] is not None
    ]
    total_weight = sum(weight for weight, _score in weighed)
    if not total_weight:
        return None
    return round_score(sum(weight * score for weight, score in weighed) / total_weight)


def grade(score):
    """A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below; "" for no score."""
    if score is None:
        return ""
    return next(letter for floor, letter in GRADES if score >= floor)


def tiers(jurisdiction):
    """[(name, min cases per 30 days)], the highest first; empty: one ranking for all units."""
    return list(LoadTier.objects.filter(jurisdiction=jurisdiction).values_list("name", "min_cases"))


def tier_names(jurisdiction):
    """The names of the jurisdiction's load tiers, the highest first."""
    return [name for name, _min_cases in tiers(jurisdiction)]


def tier_of(cases_per_month, tier_list):
    for name, threshold in tier_list:
        if cases_per_month >= threshold:
            return name
    return tier_list[-1][0] if tier_list else ""


def rank(entries):
    """Competition ranks (1, 2, 2, 4) by score, highest first, for the entries (dicts with
    "score", "ranked" and "group"), each group ranked on its own; writes entry["rank"]."""
    groups = {}
    for entry in entries:
        entry["rank"] = None
        if entry["ranked"] and entry["score"] is not None:
            groups.setdefault(entry["group"], []).append(entry)
    for members in groups.values():
        members.sort(key=lambda entry: -entry["score"])
        for position, entry in enumerate(members):
            previous = members[position - 1] if position else None
            entry["rank"] = (
                previous["rank"] if previous and previous["score"] == entry["score"] else position + 1
            )
    return entries
