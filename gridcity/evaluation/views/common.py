"""What the evaluation's pages, the bulletin and the exports share: whose figures a person sees,
how an address names a period and a figure, how a figure is written and how a composite is
spelt out in words."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gridcity.console.access import jurisdiction_of
from gridcity.org.roles import Role

from ..indicators import KINDS, LABELS, counts_of
from ..models import Evaluation, EvaluationState, ObjectKind, Scoring
from ..periods import Period

# Who oversees the evaluation: sees every object's figures, drafts included.
OVERSIGHT = {Role.EVALUATION_OFFICE, Role.COUNTY_LEADER, Role.SYSTEM_ADMIN}
UNIT_ROLES = {Role.UNIT_HANDLER, Role.UNIT_LEADER}
POST_KINDS = (ObjectKind.COLLECTOR, ObjectKind.ACCEPTOR, ObjectKind.SHIFT_LEADER, ObjectKind.DISPATCHER)
REGION_KINDS = (ObjectKind.ZONE, ObjectKind.GRID)
# What everybody may see, and what a published bulletin shows the public: units and regions.
# A post's figures are one person's: the oversight sees them all, a holder of the post his own.
PUBLIC_KINDS = (ObjectKind.UNIT, ObjectKind.ZONE, ObjectKind.GRID)
KIND_ORDER = (ObjectKind.UNIT, ObjectKind.ZONE, ObjectKind.GRID, *POST_KINDS)
# The figures a unit may appeal against (超期申诉): those an approved appeal takes the case out of.
OVERTIME_CODES = ("disposed_late", "overdue_open", "late_disposal_rate", "overdue_rate")


def oversees(user):
    return user.is_superuser or bool(user.roles & OVERSIGHT)


def visible_kinds(user):
    """The kinds of object whose figures the person sees (a post: at least his own line)."""
    return [kind for kind in KIND_ORDER if kind in PUBLIC_KINDS or oversees(user) or user.has_role(kind)]


def own_line_only(user, kind):
    """True when the person sees only his own line of ``kind`` (a post he holds)."""
    return kind in POST_KINDS and not oversees(user)


def check_may_see(user, kind, object_id):
    if kind in PUBLIC_KINDS or oversees(user) or (user.has_role(kind) and object_id == user.pk):
        return
    raise PermissionDenied(_("A post's figures are for the person holding it and for the evaluation office."))


def is_unit_staff(user, unit_id):
    return user.unit_id == unit_id and bool(user.roles & UNIT_ROLES)


def period_from(text):
    try:
        return Period.parse(text)
    except ValueError as error:
        raise Http404(str(error)) from None


def kind_from(text):
    if text not in ObjectKind.values:
        raise Http404(_("“%(kind)s” is not a kind of evaluated object.") % {"kind": text})
    return ObjectKind(text)


def may_see_evaluation(user, evaluation):
    """A published evaluation is everybody's; before that, only the oversight's."""
    return evaluation.state == EvaluationState.PUBLISHED or oversees(user)


def evaluation_for(user, period):
    """The evaluation of ``period`` in the person's jurisdiction if he may see it; 404 otherwise
    (no hint that an unpublished one exists)."""
    evaluation = Evaluation.objects.filter(
        jurisdiction=jurisdiction_of(user), period_kind=period.kind, starts_on=period.start
    ).first()
    if evaluation is None or not may_see_evaluation(user, evaluation):
        raise Http404(_("No evaluation of %(period)s that you may see.") % {"period": period.label})
    return evaluation


def figure_url(period, kind, object_id, code):
    slug = period if isinstance(period, str) else period.slug
    return reverse("evaluation:figure", args=[slug, kind, object_id, code])


# --- Figures in words and columns


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
