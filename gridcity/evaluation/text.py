"""Figures in words and columns, shared by the evaluation's pages, the bulletin (documents) and the
workbook (exports): a figure's label, how a value is written, how a composite is spelt out and in
which order an evaluation's lines are read."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .indicators import KINDS, LABELS, counts_of
from .models import Scoring


def label(code):
    return str(LABELS.get(code, code))


def columns(kind):
    """[(code, label, sort)] of the figures of ``kind``, sort being count, rate or measure."""
    spec = KINDS[kind]
    return (
        [(code, label(code), "count") for code in counts_of(kind)]
        + [(code, label(code), "rate") for code in spec.rates]
        + [(code, label(code), "measure") for code in spec.measures]
    )


def figure_text(sort, value):
    """A figure as people read it: a rate in per cent with one decimal, "—" when undefined."""
    if value is None:
        return "—"
    if sort == "rate":
        return f"{float(value) * 100:.1f}%"
    if sort == "measure":
        return f"{float(value):g}"
    return str(value)


def figures_values(figures_json):
    """{code: value} of a stored figures dict (EvaluationRow.figures, DailyScore.figures)."""
    values = {}
    for part in ("counts", "rates", "measures"):
        values.update(figures_json.get(part) or {})
    return values


def number_text(value):
    """A Decimal weight or score without needless zeros: 30.00 → 30, 87.50 → 87.5."""
    if value is None:
        return "—"
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def steps_text(steps):
    parts = []
    for bound, score in steps:
        if bound is None:
            parts.append(_("above: %(score)s") % {"score": number_text(score)})
        else:
            parts.append(
                _("≤ %(bound)s: %(score)s") % {"bound": number_text(bound), "score": number_text(score)}
            )
    return "; ".join(parts)


def term_text(indicator, scoring, weight, steps=()):
    name = label(indicator)
    weight = number_text(weight)
    if scoring == Scoring.RATE:
        return _("%(indicator)s × %(weight)s%%") % {"indicator": name, "weight": weight}
    if scoring == Scoring.INVERSE_RATE:
        return _("(1 − %(indicator)s) × %(weight)s%%") % {"indicator": name, "weight": weight}
    return _("score of %(indicator)s (%(steps)s) × %(weight)s%%") % {
        "indicator": name,
        "steps": steps_text(steps),
        "weight": weight,
    }


def formula_text(method_json):
    """The composite of a Method.as_json() in words, e.g. "Closure rate × 30% + …"."""
    terms = " + ".join(term_text(*term) for term in method_json["terms"])
    return _("Composite index = %(terms)s. Fewer than %(min)s cases: not ranked.") % {
        "terms": terms,
        "min": method_json["min_cases"],
    }


def quarterly_text(weights):
    """How a unit's score combines its three parts, from Evaluation.weights["quarterly"]."""
    return _(
        "A unit's score = case indicators × %(cases)s%% + daily scores × %(daily)s%% + monthly "
        "inspections × %(inspection)s%% (a missing part is left out and the others count in proportion)."
    ) % {key: number_text(value) for key, value in weights.items()}


def ordered_rows(rows, tier_names=()):
    """Evaluation rows as a ranking reads: by load tier (the heaviest first) and rank; then the
    unranked, the best score first, and those without a score in the order they were set up."""
    order = {name: index for index, name in enumerate(tier_names)}

    def key(row):
        unranked = row.rank is None
        return (
            order.get(row.tier, len(order)),
            row.tier,
            unranked,
            row.rank or 0,
            row.score is None,
            -(row.score or 0),
            row.object_id,
        )

    return sorted(rows, key=key)
