"""Which unit handles a problem: the duty matrix (R3) read for one case."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import DutyRule, Place


@dataclass(frozen=True)
class Suggestion:
    unit: object  # org.Unit
    reason: str
    informs: object = None  # org.Unit told of the result, if any


def suggest_unit(jurisdiction, minor_class, place=Place.ANY, component=None):
    """The unit a case should be dispatched to, and why; None when nothing in the matrix applies.

    A component's maintenance unit comes first (it keeps that very object). Otherwise the most
    specific rule wins: the minor class before its major class before every class, and the
    kind of place before "anywhere".
    """
    if component is not None and component.maintenance_unit_id:
        return Suggestion(
            component.maintenance_unit,
            _("Maintenance unit of component %(code)s") % {"code": component.code},
        )
    rules = DutyRule.objects.filter(jurisdiction=jurisdiction, place__in=[place, Place.ANY]).select_related(
        "unit", "informs", "minor_class", "major_class"
    )
    best, best_rank = None, None
    for rule in rules:
        if rule.minor_class_id and rule.minor_class_id != minor_class.pk:
            continue
        if rule.major_class_id and rule.major_class_id != minor_class.major_id:
            continue
        specificity = 2 if rule.minor_class_id else 1 if rule.major_class_id else 0
        rank = (specificity, rule.place == place and place != Place.ANY)
        if best_rank is None or rank > best_rank:
            best, best_rank = rule, rank
    if best is None:
        return None
    return Suggestion(best.unit, best.reason, best.informs)
